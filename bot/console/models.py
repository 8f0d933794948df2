"""Console tables (migration ``0004_console``), on the same declarative base as the catalogue.

Times are naive Asia/Seoul wall-clock values, like the booking tables (docs/booking.md).
Staff are referred to by username in ``handoffs`` and the label columns rather than by
foreign key: accounts are disabled, never deleted, and a history row should read the
same in ``psql`` as in the console.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import relationship

from bot.db.base import Base, Mapped

ROLES = ("agent", "admin")
INQUIRY_STATUSES = ("open", "answered", "handed_off", "booked", "closed")
HANDOFF_STATUSES = ("waiting", "active", "closed")
HANDOFF_REASONS = ("requested", "fallback", "callback")
_OPEN_HANDOFF = "status IN ('waiting', 'active')"


class StaffUser(Base):
    """An SBA staff account (``bizcall staff add``); the password only as a KDF hash."""

    __tablename__ = "staff_users"
    __table_args__ = (CheckConstraint("role IN ('agent', 'admin')", name="ck_staff_users_role"),)

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = Column(String(64), nullable=False, unique=True)
    password_hash: Mapped[str] = Column(String(256), nullable=False)
    role: Mapped[str] = Column(String(8), nullable=False)
    active: Mapped[bool] = Column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = Column(DateTime, nullable=False)


class StaffSession(Base):
    """A browser login or an API token: only the SHA-256 of the random token is stored."""

    __tablename__ = "staff_sessions"
    __table_args__ = (
        CheckConstraint("kind IN ('browser', 'api')", name="ck_staff_sessions_kind"),
        Index("ix_staff_sessions_user_id", "user_id"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = Column(String(64), nullable=False, unique=True)
    user_id: Mapped[int] = Column(
        Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[str] = Column(String(8), nullable=False)
    created_at: Mapped[datetime] = Column(DateTime, nullable=False)
    last_seen_at: Mapped[datetime] = Column(DateTime, nullable=False)
    expires_at: Mapped[datetime] = Column(DateTime, nullable=False)

    user: Mapped[StaffUser] = relationship("StaffUser", lazy="joined")


class Closed:
    """Who closed a row of the console and when; both ``None`` while it is open.

    Inquiries and handoffs are closed the same way: by a staff member's username, or for a
    handoff by the user leaving the queue or the wait timing out (``bot.console.handoff``).
    """

    closed_by: Mapped[str | None] = Column(String(64))
    closed_at: Mapped[datetime | None] = Column(DateTime)


class Inquiry(Closed, Base):
    """One conversation's inquiry: its first substantive message, triaged, and its outcome.

    Built from Rasa's stored events (``bot.console.inquiries.sync``); the ``label_*``
    columns hold a staff correction, exported as training data.
    """

    __tablename__ = "inquiries"
    __table_args__ = (
        CheckConstraint(
            "status IN ('open', 'answered', 'handed_off', 'booked', 'closed')",
            name="ck_inquiries_status",
        ),
        Index("ix_inquiries_asked_at", "asked_at"),
        Index("ix_inquiries_topic_field", "topic", "field"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = Column(String(255), nullable=False, unique=True)
    text: Mapped[str] = Column(Text, nullable=False)
    intent: Mapped[str] = Column(String(64), nullable=False)
    topic: Mapped[str] = Column(String(16), nullable=False)
    field: Mapped[str | None] = Column(String(16))
    program: Mapped[str | None] = Column(String(64))
    confidence: Mapped[float] = Column(Float, nullable=False)
    language: Mapped[str] = Column(String(2), nullable=False, default="ko")
    channel: Mapped[str | None] = Column(String(32))
    status: Mapped[str] = Column(String(16), nullable=False)
    asked_at: Mapped[datetime] = Column(DateTime, nullable=False)
    last_activity_at: Mapped[datetime] = Column(DateTime, nullable=False)
    message_event_id: Mapped[int] = Column(Integer, nullable=False)
    last_event_id: Mapped[int] = Column(Integer, nullable=False)
    label_topic: Mapped[str | None] = Column(String(16))
    label_field: Mapped[str | None] = Column(String(16))
    label_program: Mapped[str | None] = Column(String(64))
    labelled_by: Mapped[str | None] = Column(String(64))
    labelled_at: Mapped[datetime | None] = Column(DateTime)


class Handoff(Closed, Base):
    """A conversation handed to a person: waiting, taken by an agent (active), or closed."""

    __tablename__ = "handoffs"
    __table_args__ = (
        CheckConstraint("status IN ('waiting', 'active', 'closed')", name="ck_handoffs_status"),
        CheckConstraint(
            "reason IN ('requested', 'fallback', 'callback')", name="ck_handoffs_reason"
        ),
        Index("ix_handoffs_conversation", "conversation_id"),
        Index(
            "uq_handoffs_open_conversation",
            "conversation_id",
            unique=True,
            sqlite_where=text(_OPEN_HANDOFF),
            postgresql_where=text(_OPEN_HANDOFF),
        ),
    )

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = Column(String(255), nullable=False)
    reason: Mapped[str] = Column(String(16), nullable=False)
    language: Mapped[str] = Column(String(2), nullable=False, default="ko")
    status: Mapped[str] = Column(String(8), nullable=False)
    requested_at: Mapped[datetime] = Column(DateTime, nullable=False)
    taken_by: Mapped[str | None] = Column(String(64))
    taken_at: Mapped[datetime | None] = Column(DateTime)


class ConsoleState(Base):
    """Small counters of the console, e.g. the last Rasa event already read into inquiries."""

    __tablename__ = "console_state"

    key: Mapped[str] = Column(String(32), primary_key=True)
    value: Mapped[int] = Column(Integer, nullable=False)
