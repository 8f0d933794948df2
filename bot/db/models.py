"""SQLAlchemy models (2.0 style on SQLAlchemy 1.4): the program catalogue and bookings.

The catalogue mirrors SBA's 2022 work report: programs nest (a program can have
sub-programs), run in facilities, are owned by teams and relate to consultation
fields. Every record keeps a pointer to the part of the report it came from.
Lists that are only ever read whole (aliases, target groups) are JSON columns;
relations staff filter on (fields, budget lines) are tables. Texts an answer shows have an
English twin (``*_en``, migration 0003) because answers follow the user's language.

The booking models (experts, bookings, the slots they occupy, the notification
outbox, failed lookups) are described in docs/booking.md. Their times are naive
Asia/Seoul wall-clock times: Korea has no daylight saving time, so a naive KST value
is unambiguous, compares correctly as text on SQLite and needs no time zone support
from the database.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from bot.db.base import Base as Base  # re-exported: migrations import it from here
from bot.db.base import Mapped

program_fields = Table(
    "program_fields",
    Base.metadata,
    Column(
        "program_id", String(64), ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "field_code", String(16), ForeignKey("fields.code", ondelete="CASCADE"), primary_key=True
    ),
)


class Field(Base):
    """A consultation field of 서울비즈콜 (law, labor, tax, ...)."""

    __tablename__ = "fields"

    code: Mapped[str] = Column(String(16), primary_key=True)
    name: Mapped[str] = Column(String(32), nullable=False)
    name_en: Mapped[str] = Column(String(64), nullable=False)
    description: Mapped[str | None] = Column(Text)
    description_en: Mapped[str | None] = Column(Text)
    keywords: Mapped[Any] = Column(JSON, nullable=False, default=list)
    keywords_en: Mapped[Any] = Column(JSON, nullable=False, default=list)


class FromReport:
    """The columns of a record read from the work report: where in the report it stands.

    Teams, facilities and programs all carry them (the ``source`` of ``catalog/*.yml``);
    answers and the console cite them, so they are declared once.
    """

    source_section: Mapped[str | None] = Column(Text)
    source_lines: Mapped[str | None] = Column(String(32))
    source_note: Mapped[str | None] = Column(Text)
    """Where the report contradicts itself about this record, and which reading is kept."""


class CatalogRecord(FromReport):
    """The columns programs and facilities share: users name them, staff keep them current.

    Both are found by name or alias, edited in the console (``bot.catalog.upkeep``) and
    cited with the basis of their values (``bot.catalog.basis``), which reads the report's
    source or the date staff last confirmed them. Their English names (of different
    lengths) and their team (a foreign key, which a mixin could only declare lazily) stay
    on each model.
    """

    id: Mapped[str] = Column(String(64), primary_key=True)
    name: Mapped[str] = Column(String(128), nullable=False)
    aliases: Mapped[Any] = Column(JSON, nullable=False, default=list)
    as_of: Mapped[date | None] = Column(Date)
    """When the values were last confirmed; ``None`` means the work report's date."""


class Team(FromReport, Base):
    """A team or department of SBA and what it does (부서별 주요업무)."""

    __tablename__ = "teams"

    id: Mapped[str] = Column(String(64), primary_key=True)
    name: Mapped[str] = Column(String(64), nullable=False, unique=True)
    name_en: Mapped[str | None] = Column(String(128))
    division: Mapped[str | None] = Column(String(64))
    division_en: Mapped[str | None] = Column(String(128))
    functions: Mapped[Any] = Column(JSON, nullable=False, default=list)
    functions_en: Mapped[Any] = Column(JSON)


class Facility(CatalogRecord, Base):
    """A building or space SBA runs (창업허브, 캠퍼스, 전시장 ...)."""

    __tablename__ = "facilities"

    name_en: Mapped[str | None] = Column(String(128))
    kind: Mapped[str | None] = Column(String(64))
    kind_en: Mapped[str | None] = Column(String(128))
    address: Mapped[str | None] = Column(Text)
    address_en: Mapped[str | None] = Column(Text)
    district: Mapped[str | None] = Column(String(32))
    size: Mapped[str | None] = Column(Text)
    size_en: Mapped[str | None] = Column(Text)
    contents: Mapped[str | None] = Column(Text)
    contents_en: Mapped[str | None] = Column(Text)
    opened: Mapped[str | None] = Column(String(32))
    ownership: Mapped[str | None] = Column(String(64))
    team_id: Mapped[str | None] = Column(String(64), ForeignKey("teams.id", ondelete="SET NULL"))

    team: Mapped[Team | None] = relationship("Team", lazy="joined")


class CatalogMeta(Base):
    """Facts about the loaded catalogue as a whole; ``version`` is its content digest.

    ``bizcall db load`` writes the version in the same transaction as the rows, so readers
    that cache something built from the catalogue (the search index) check one row per
    request instead of re-reading every program.
    """

    __tablename__ = "catalog_meta"

    key: Mapped[str] = Column(String(32), primary_key=True)
    value: Mapped[str] = Column(String(128), nullable=False)


class Program(CatalogRecord, Base):
    """An SBA program or sub-program from section 2 of the work report."""

    __tablename__ = "programs"

    name_en: Mapped[str | None] = Column(String(256))
    area: Mapped[str] = Column(String(16), nullable=False)
    parent_id: Mapped[str | None] = Column(
        String(64), ForeignKey("programs.id", ondelete="SET NULL")
    )
    purpose: Mapped[str | None] = Column(Text)
    purpose_en: Mapped[str | None] = Column(Text)
    target: Mapped[str | None] = Column(Text)
    target_en: Mapped[str | None] = Column(Text)
    target_groups: Mapped[Any] = Column(JSON, nullable=False, default=list)
    goals: Mapped[str | None] = Column(Text)
    goals_en: Mapped[str | None] = Column(Text)
    content: Mapped[str | None] = Column(Text)
    content_en: Mapped[str | None] = Column(Text)
    results: Mapped[str | None] = Column(Text)
    results_en: Mapped[str | None] = Column(Text)
    schedule: Mapped[str | None] = Column(Text)
    schedule_en: Mapped[str | None] = Column(Text)
    team_id: Mapped[str | None] = Column(String(64), ForeignKey("teams.id", ondelete="SET NULL"))
    places: Mapped[Any] = Column(JSON, nullable=False, default=list)
    budget_also: Mapped[Any] = Column(JSON)
    """Programs whose budget lines the report's budget table lists under this one."""
    application: Mapped[str | None] = Column(Text)
    """How to apply, as staff write it (the report lists no forms or procedures)."""
    application_en: Mapped[str | None] = Column(Text)
    contact: Mapped[str | None] = Column(Text)
    """A phone number, mailbox or page staff add; the report names only the team."""
    contact_en: Mapped[str | None] = Column(Text)
    eligibility: Mapped[Any] = Column(JSON)
    """Criteria from ``catalog/eligibility.yml`` (``bot.recommend.criteria``); None = unknown."""

    team: Mapped[Team | None] = relationship("Team", lazy="joined")
    parent: Mapped[Program | None] = relationship(
        "Program", remote_side="Program.id", lazy="joined", join_depth=1, back_populates="children"
    )
    children: Mapped[list[Program]] = relationship(
        "Program", back_populates="parent", lazy="selectin", order_by="Program.id"
    )
    fields: Mapped[list[Field]] = relationship(
        "Field", secondary=program_fields, lazy="selectin", order_by=Field.code
    )
    budget_lines: Mapped[list[BudgetLine]] = relationship(
        "BudgetLine", lazy="selectin", cascade="all, delete-orphan", order_by="BudgetLine.id"
    )


class BudgetLine(Base):
    """A line of the 2022 budget table (amount in thousand KRW, 고유 or 수탁)."""

    __tablename__ = "budget_lines"

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    program_id: Mapped[str] = Column(
        String(64), ForeignKey("programs.id", ondelete="CASCADE"), nullable=False
    )
    line: Mapped[str] = Column(String(128), nullable=False)
    line_en: Mapped[str | None] = Column(String(256))
    amount_thousand_krw: Mapped[int] = Column(BigInteger, nullable=False)
    kind: Mapped[str] = Column(String(16), nullable=False)


class CatalogChange(Base):
    """One edit of a program or facility by an admin: what changed, as of when, and why.

    ``changes`` maps each field to ``[old, new]``. ``exported`` is set once
    ``bizcall catalog export`` has written the change to ``catalog/`` (YAML and
    ``history.yml``); a reload of the YAML re-applies changes not yet exported.
    """

    __tablename__ = "catalog_changes"
    __table_args__ = (
        CheckConstraint("record_kind IN ('program', 'facility')", name="ck_catalog_changes_kind"),
        Index("ix_catalog_changes_record", "record_kind", "record_id"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    ref: Mapped[str] = Column(String(32), nullable=False, unique=True)
    """Stable name of the change in ``catalog/history.yml`` (ids differ between databases)."""
    record_kind: Mapped[str] = Column(String(16), nullable=False)
    record_id: Mapped[str] = Column(String(64), nullable=False)
    changed_at: Mapped[datetime] = Column(DateTime, nullable=False)
    as_of: Mapped[date] = Column(Date, nullable=False)
    author: Mapped[str] = Column(String(64), nullable=False)
    note: Mapped[str] = Column(Text, nullable=False)
    changes: Mapped[Any] = Column(JSON, nullable=False)
    exported: Mapped[bool] = Column(Boolean, nullable=False, default=False)


# --- Expert consultation bookings -------------------------------------------------------------
# Field codes are plain strings here, not foreign keys to ``fields``: the catalogue loader
# replaces the ``fields`` rows wholesale, and a cascade (or a restrict) from there must never
# reach bookings or the roster. bot/booking validates field codes against bot.fields instead.


class Expert(Base):
    """An expert of the consultation roster (catalog/experts.yml).

    Removed experts that bookings still refer to stay as inactive rows, so a roster change
    never breaks a booking.
    """

    __tablename__ = "experts"

    id: Mapped[str] = Column(String(64), primary_key=True)
    name: Mapped[str] = Column(String(64), nullable=False)
    name_en: Mapped[str | None] = Column(String(128))
    title: Mapped[str] = Column(String(32), nullable=False)
    channels: Mapped[Any] = Column(JSON, nullable=False, default=list)
    hours: Mapped[Any] = Column(JSON, nullable=False, default=dict)
    """Weekly hours as in the YAML: ``{"mon": ["09:00-12:00", "13:00-18:00"], ...}``."""
    time_off: Mapped[Any] = Column(JSON, nullable=False, default=list)
    """``[["2026-12-28T00:00:00", "2027-01-01T00:00:00"], ...]``: naive KST, end exclusive."""
    active: Mapped[bool] = Column(Boolean, nullable=False, default=True)

    field_rows: Mapped[list[ExpertField]] = relationship(
        "ExpertField",
        lazy="selectin",
        cascade="all, delete-orphan",
        order_by="ExpertField.field_code",
    )

    @property
    def field_codes(self) -> list[str]:
        """The consultation fields this expert takes, sorted by code."""
        return [r.field_code for r in self.field_rows]


class ExpertField(Base):
    """A consultation field an expert takes (a table, because bookings filter on it)."""

    __tablename__ = "expert_fields"

    expert_id: Mapped[str] = Column(
        String(64), ForeignKey("experts.id", ondelete="CASCADE"), primary_key=True
    )
    field_code: Mapped[str] = Column(String(16), primary_key=True)


class ConsultationLength(Base):
    """How long a consultation of one field lasts, from ``consultation_minutes`` in the roster."""

    __tablename__ = "consultation_lengths"

    field_code: Mapped[str] = Column(String(16), primary_key=True)
    minutes: Mapped[int] = Column(Integer, nullable=False)


class ClosedDay(Base):
    """A day without consultations beyond the public holidays the ``holidays`` package knows."""

    __tablename__ = "closed_days"

    day: Mapped[date] = Column(Date, primary_key=True)
    name: Mapped[str] = Column(String(64), nullable=False)


class Booking(Base):
    """An expert consultation booking.

    ``starts_at``/``ends_at`` are naive KST. The unique ``(id, expert_id)`` pair exists so
    that ``booking_slots`` can refer to both at once and a slot row can never claim a
    different expert than its booking.
    """

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("id", "expert_id", name="uq_bookings_id_expert"),
        CheckConstraint("ends_at > starts_at", name="ck_bookings_times"),
        CheckConstraint(
            "status IN ('예약됨', '변경됨', '취소됨', '완료')", name="ck_bookings_status"
        ),
        CheckConstraint(
            "channel IN ('chat', 'phone', 'video', 'visit')", name="ck_bookings_channel"
        ),
        CheckConstraint("language IN ('ko', 'en')", name="ck_bookings_language"),
        Index("ix_bookings_expert_start", "expert_id", "starts_at"),
        Index("ix_bookings_starts_at", "starts_at"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = Column(String(8), nullable=False, unique=True)
    field: Mapped[str] = Column(String(16), nullable=False)
    expert_id: Mapped[str] = Column(
        String(64), ForeignKey("experts.id", ondelete="RESTRICT"), nullable=False
    )
    starts_at: Mapped[datetime] = Column(DateTime, nullable=False)
    ends_at: Mapped[datetime] = Column(DateTime, nullable=False)
    channel: Mapped[str] = Column(String(8), nullable=False)
    company_name: Mapped[str] = Column(String(128), nullable=False)
    business_number: Mapped[str] = Column(String(12), nullable=False)
    contact_name: Mapped[str] = Column(String(64), nullable=False)
    phone: Mapped[str] = Column(String(20), nullable=False)
    email: Mapped[str | None] = Column(String(254))
    summary: Mapped[str] = Column(String(200), nullable=False)
    language: Mapped[str] = Column(String(2), nullable=False, default="ko")
    status: Mapped[str] = Column(String(8), nullable=False)
    created_at: Mapped[datetime] = Column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = Column(DateTime, nullable=False)
    conversation_id: Mapped[str | None] = Column(String(128))

    expert: Mapped[Expert] = relationship("Expert", lazy="joined")


class BookingSlot(Base):
    """One 30-minute unit of an expert's time that a live booking occupies.

    The primary key ``(expert_id, slot_start)`` is what makes double booking impossible:
    two bookings of one expert that overlap share at least one unit, and the database
    refuses the second row (see docs/booking.md).
    """

    __tablename__ = "booking_slots"
    __table_args__ = (
        ForeignKeyConstraint(
            ["booking_id", "expert_id"],
            ["bookings.id", "bookings.expert_id"],
            ondelete="CASCADE",
            name="fk_booking_slots_booking",
        ),
        Index("ix_booking_slots_booking_id", "booking_id"),
    )

    expert_id: Mapped[str] = Column(String(64), primary_key=True)
    slot_start: Mapped[datetime] = Column(DateTime, primary_key=True)
    booking_id: Mapped[int] = Column(Integer, nullable=False)


class OutboxMessage(Base):
    """A notification (SMS or email) waiting to be sent, sent, or cancelled."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('confirmation', 'reminder', 'rescheduled', 'cancelled')",
            name="ck_outbox_kind",
        ),
        CheckConstraint("channel IN ('sms', 'email')", name="ck_outbox_channel"),
        CheckConstraint("status IN ('pending', 'sent', 'cancelled')", name="ck_outbox_status"),
        Index("ix_outbox_status_send_after", "status", "send_after"),
        Index("ix_outbox_booking_id", "booking_id"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    booking_id: Mapped[int] = Column(
        Integer, ForeignKey("bookings.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[str] = Column(String(16), nullable=False)
    channel: Mapped[str] = Column(String(8), nullable=False)
    recipient: Mapped[str] = Column(String(254), nullable=False)
    subject: Mapped[str | None] = Column(String(200))
    body: Mapped[str] = Column(Text, nullable=False)
    send_after: Mapped[datetime] = Column(DateTime, nullable=False)
    status: Mapped[str] = Column(String(16), nullable=False, default="pending")
    created_at: Mapped[datetime] = Column(DateTime, nullable=False)
    sent_at: Mapped[datetime | None] = Column(DateTime)

    booking: Mapped[Booking] = relationship("Booking", lazy="joined")


class FailedAttempt(Base):
    """One failed attempt counted against one rate-limit bucket (``bot.ratelimit``).

    ``kind`` names the bucket family (``lookup_requester``, ``lookup_code``, ``login_user``,
    ``login_ip``); ``key`` is the SHA-256 of the bucket's key, never the key itself.
    """

    __tablename__ = "failed_attempts"
    __table_args__ = (Index("ix_failed_attempts_bucket", "kind", "key", "attempted_at"),)

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = Column(String(32), nullable=False)
    key: Mapped[str] = Column(String(64), nullable=False)
    attempted_at: Mapped[datetime] = Column(DateTime, nullable=False, index=True)
