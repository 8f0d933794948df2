"""Expert consultation bookings: roster, bookings, occupied slots, outbox, failed lookups.

Revision ID: 0002_booking
Revises: 0001_catalog
Create Date: 2026-11-25

``booking_slots`` has one row per 30-minute unit a live booking occupies, keyed by
``(expert_id, slot_start)``: the primary key is the double-booking guard on every
database (docs/booking.md). Times are naive Asia/Seoul.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_booking"
down_revision = "0001_catalog"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "experts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("name_en", sa.String(128)),
        sa.Column("title", sa.String(32), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=False),
        sa.Column("time_off", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "expert_fields",
        sa.Column("expert_id", sa.String(64), sa.ForeignKey("experts.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("field_code", sa.String(16), primary_key=True),
    )
    op.create_table(
        "consultation_lengths",
        sa.Column("field_code", sa.String(16), primary_key=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
    )
    op.create_table(
        "closed_days",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
    )
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("code", sa.String(8), nullable=False, unique=True),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("expert_id", sa.String(64), sa.ForeignKey("experts.id", ondelete="RESTRICT"),
                  nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("company_name", sa.String(128), nullable=False),
        sa.Column("business_number", sa.String(12), nullable=False),
        sa.Column("contact_name", sa.String(64), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("email", sa.String(254)),
        sa.Column("summary", sa.String(200), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("conversation_id", sa.String(128)),
        sa.UniqueConstraint("id", "expert_id", name="uq_bookings_id_expert"),
        sa.CheckConstraint("ends_at > starts_at", name="ck_bookings_times"),
        sa.CheckConstraint("status IN ('예약됨', '변경됨', '취소됨', '완료')",
                           name="ck_bookings_status"),
        sa.CheckConstraint("channel IN ('chat', 'phone', 'video', 'visit')",
                           name="ck_bookings_channel"),
        sa.CheckConstraint("language IN ('ko', 'en')", name="ck_bookings_language"),
    )
    op.create_index("ix_bookings_expert_start", "bookings", ["expert_id", "starts_at"])
    op.create_index("ix_bookings_starts_at", "bookings", ["starts_at"])
    op.create_table(
        "booking_slots",
        sa.Column("expert_id", sa.String(64), primary_key=True),
        sa.Column("slot_start", sa.DateTime(), primary_key=True),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["booking_id", "expert_id"], ["bookings.id", "bookings.expert_id"],
                                ondelete="CASCADE", name="fk_booking_slots_booking"),
    )
    op.create_index("ix_booking_slots_booking_id", "booking_slots", ["booking_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("booking_id", sa.Integer(), sa.ForeignKey("bookings.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("recipient", sa.String(254), nullable=False),
        sa.Column("subject", sa.String(200)),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("send_after", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime()),
        sa.CheckConstraint("kind IN ('confirmation', 'reminder', 'rescheduled', 'cancelled')",
                           name="ck_outbox_kind"),
        sa.CheckConstraint("channel IN ('sms', 'email')", name="ck_outbox_channel"),
        sa.CheckConstraint("status IN ('pending', 'sent', 'cancelled')", name="ck_outbox_status"),
    )
    op.create_index("ix_outbox_status_send_after", "outbox", ["status", "send_after"])
    op.create_index("ix_outbox_booking_id", "outbox", ["booking_id"])
    op.create_table(
        "lookup_failures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("requester", sa.String(128), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_lookup_failures_requester", "lookup_failures",
                    ["requester", "attempted_at"])
    op.create_index("ix_lookup_failures_code", "lookup_failures", ["code", "attempted_at"])


def downgrade() -> None:
    op.drop_table("lookup_failures")
    op.drop_table("outbox")
    op.drop_table("booking_slots")
    op.drop_table("bookings")
    op.drop_table("closed_days")
    op.drop_table("consultation_lengths")
    op.drop_table("expert_fields")
    op.drop_table("experts")
