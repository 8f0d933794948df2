"""Staff console: staff accounts, sessions, login failures, inquiries, handoffs.

Revision ID: 0004_console
Revises: 0003_english
Create Date: 2026-11-25

Rasa's own ``events`` table (SQL tracker store) is created and owned by Rasa, not by
this migration; the console only reads it. At most one open handoff per conversation is
enforced by a partial unique index (SQLite and PostgreSQL both support them).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_console"
down_revision = "0003_english"
branch_labels = None
depends_on = None

OPEN_HANDOFF = "status IN ('waiting', 'active')"


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role IN ('agent', 'admin')", name="ck_staff_users_role"),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("staff_users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('browser', 'api')", name="ck_staff_sessions_kind"),
    )
    op.create_index("ix_staff_sessions_user_id", "staff_sessions", ["user_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("ip", sa.String(64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_login_failures_username", "login_failures", ["username", "attempted_at"])
    op.create_index("ix_login_failures_ip", "login_failures", ["ip", "attempted_at"])
    op.create_table(
        "inquiries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("conversation_id", sa.String(255), nullable=False, unique=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent", sa.String(64), nullable=False),
        sa.Column("topic", sa.String(16), nullable=False),
        sa.Column("field", sa.String(16)),
        sa.Column("program", sa.String(64)),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("channel", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("last_activity_at", sa.DateTime(), nullable=False),
        sa.Column("message_event_id", sa.Integer(), nullable=False),
        sa.Column("last_event_id", sa.Integer(), nullable=False),
        sa.Column("label_topic", sa.String(16)),
        sa.Column("label_field", sa.String(16)),
        sa.Column("label_program", sa.String(64)),
        sa.Column("labelled_by", sa.String(64)),
        sa.Column("labelled_at", sa.DateTime()),
        sa.Column("closed_by", sa.String(64)),
        sa.Column("closed_at", sa.DateTime()),
        sa.CheckConstraint(
            "status IN ('open', 'answered', 'handed_off', 'booked', 'closed')",
            name="ck_inquiries_status"),
    )
    op.create_index("ix_inquiries_asked_at", "inquiries", ["asked_at"])
    op.create_index("ix_inquiries_topic_field", "inquiries", ["topic", "field"])
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("taken_by", sa.String(64)),
        sa.Column("taken_at", sa.DateTime()),
        sa.Column("closed_by", sa.String(64)),
        sa.Column("closed_at", sa.DateTime()),
        sa.CheckConstraint("status IN ('waiting', 'active', 'closed')",
                           name="ck_handoffs_status"),
        sa.CheckConstraint("reason IN ('requested', 'fallback')", name="ck_handoffs_reason"),
    )
    op.create_index("ix_handoffs_conversation", "handoffs", ["conversation_id"])
    op.create_index("uq_handoffs_open_conversation", "handoffs", ["conversation_id"],
                    unique=True, sqlite_where=sa.text(OPEN_HANDOFF),
                    postgresql_where=sa.text(OPEN_HANDOFF))
    op.create_table(
        "console_state",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("console_state")
    op.drop_table("handoffs")
    op.drop_table("inquiries")
    op.drop_table("login_failures")
    op.drop_table("staff_sessions")
    op.drop_table("staff_users")
