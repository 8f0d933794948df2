"""Inquiries: one per conversation, built from Rasa's stored events, triaged, relabelled.

An inquiry is the conversation's first substantive user message — the first one that is
not a greeting, thanks or a button click — classified by ``bot.triage.classify`` from the
parse Rasa stored with it, so the console shows exactly what the bot understood. It is
materialised in ``inquiries`` so staff can filter, search and relabel without re-reading
every event; ``sync`` brings the table up to date incrementally (a watermark on the
event id), and the edge runs it, as a unit of work of its own, before every listing.

Status, from the conversation's outcome: ``closed`` (staff closed it) › ``booked`` (a
booking was made in the conversation) › ``handed_off`` (a person was asked for) ›
``open`` (the bot has not answered the latest message, or answered "I did not
understand") › ``answered`` (the bot answered).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.clock import SEOUL, from_kst, to_kst
from bot.console import events as ev
from bot.console.models import ConsoleState, Handoff, Inquiry
from bot.db.models import Booking
from bot.db.rows import same_named
from bot.fields import FIELD_NAMES
from bot.language import detect_language
from bot.privacy import mask_text
from bot.text import storable
from bot.triage import TOPICS, classify

logger = logging.getLogger(__name__)

LOW_CONFIDENCE: Final = 0.6
"""Below this the console flags an inquiry for review (the bot's fallback is at 0.45)."""
STATUS_LABELS: Final = {
    "open": "미처리",
    "answered": "챗봇 응답",
    "handed_off": "상담원 연결",
    "booked": "예약",
    "closed": "종료",
}
TOPIC_LABELS: Final = {
    "consultation": "전문가 상담",
    "program": "지원사업",
    "invest": "투자 유치",
    "booking": "예약 관리",
    "handoff": "상담원 요청",
    "smalltalk": "인사·잡담",
    "out_of_scope": "범위 밖",
}
_WATERMARK: Final = "events_seen"


class LabelError(ValueError):
    """A relabel that does not fit the taxonomy; the message says why (in Korean)."""


def _kst(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, SEOUL).replace(tzinfo=None)


def first_inquiry(events: Sequence[ev.StoredEvent]) -> ev.StoredEvent | None:
    """The first user message that asks something: not a click, preferably not small talk."""
    typed = [
        e
        for e in events
        if e.type == "user"
        and (e.data.get("text") or "").strip()
        and not ev.is_payload(e.data.get("text") or "")
    ]
    for e in typed:
        if classify(e.data.get("parse_data") or {}).topic != "smalltalk":
            return e
    return typed[0] if typed else None


def outcome(
    events: Sequence[ev.StoredEvent], *, booked: bool, handed_off: bool, closed: bool
) -> str:
    """The status code of a conversation (see the module docstring for the order)."""
    if closed:
        return "closed"
    if booked:
        return "booked"
    if handed_off:
        return "handed_off"
    if not ev.bot_replied(events) or ev.ended_in_fallback(events):
        return "open"
    return "answered"


def _status(inquiry: Inquiry, events: Sequence[ev.StoredEvent], *, session: Session) -> str:
    sender = inquiry.conversation_id
    booked = (
        session.execute(
            select(Booking.id).where(Booking.conversation_id == sender).limit(1)
        ).first()
        is not None
    )
    handed = (
        session.execute(
            select(Handoff.id).where(Handoff.conversation_id == sender).limit(1)
        ).first()
        is not None
    )
    return outcome(events, booked=booked, handed_off=handed, closed=inquiry.closed_at is not None)


def _state(*, session: Session) -> ConsoleState:
    row: ConsoleState | None = session.get(ConsoleState, _WATERMARK)
    if row is None:
        row = ConsoleState(key=_WATERMARK, value=0)
        session.add(row)
    return row


def _update(
    sender: str, events: list[ev.StoredEvent], inquiry: Inquiry | None, *, session: Session
) -> Inquiry | None:
    first = first_inquiry(events)
    if first is None:
        return inquiry
    text = storable(first.data.get("text"))
    if inquiry is None or inquiry.message_event_id != first.id:
        parse = dict(first.data.get("parse_data") or {})
        parse.setdefault("text", text)
        triage = classify(parse, session=session)  # queries the catalogue: before the row is added
        if inquiry is None:
            inquiry = Inquiry(conversation_id=sender, status="open")
        inquiry.text = mask_text(text)[:2000]
        inquiry.intent, inquiry.topic = triage.intent, triage.topic
        inquiry.field, inquiry.program = triage.field, triage.program
        inquiry.confidence = triage.confidence
        inquiry.asked_at = _kst(first.timestamp)
        inquiry.message_event_id = first.id
    slots = ev.latest_slots(events)
    language = slots.get("language")
    inquiry.language = language if language in ("ko", "en") else detect_language(text)
    inquiry.channel = ev.input_channel(events)
    inquiry.last_activity_at = _kst(max(e.timestamp for e in events))
    inquiry.last_event_id = events[-1].id
    session.add(inquiry)
    return inquiry


def sync(*, session: Session) -> int:
    """Read events stored since the last sync into ``inquiries``; returns how many changed.

    Safe to call often: without new events it is one indexed query. A server that syncs
    from several threads serialises its units of work (``bot.web.console.ops``); across
    processes the unique ``conversation_id`` makes a racing second writer fail and retry on
    its next call.
    """
    if not ev.has_events_table(session=session):
        return 0
    state = _state(session=session)
    changed = ev.changed_conversations(state.value, session=session)
    if not changed:
        return 0
    existing = {
        i.conversation_id: i
        for i in session.execute(
            select(Inquiry).where(Inquiry.conversation_id.in_([s for s, _ in changed]))
        ).scalars()
    }
    count = 0
    for sender, _ in changed:
        # One bad conversation (an event nothing can encode, say) is logged and skipped;
        # it must never take the queue, the dashboard and the API down with it.
        try:
            with session.begin_nested():
                events = ev.conversation_events(sender, session=session)
                inquiry = _update(sender, events, existing.get(sender), session=session)
                if inquiry is None:
                    continue
                inquiry.status = _status(inquiry, events, session=session)
                session.flush()
            count += 1
        except Exception:
            logger.exception("inquiry sync skipped conversation %r", storable(sender))
    state.value = max(last for _, last in changed)
    return count


def effective(inquiry: Inquiry) -> tuple[str, str | None, str | None]:
    """Topic, field and program as staff last set them, else as the triage found them."""
    if inquiry.labelled_at is not None and inquiry.label_topic is not None:
        return inquiry.label_topic, inquiry.label_field, inquiry.label_program
    return inquiry.topic, inquiry.field, inquiry.program


@dataclass(frozen=True)
class TriageView:
    """What the bot understood of the inquiry (the triage, before any staff correction)."""

    intent: str
    topic: str
    field: str | None
    program: str | None
    confidence: float


@dataclass(frozen=True)
class LabelView:
    """A staff correction: the labels, who set them and when (ISO 8601 with offset)."""

    topic: str | None
    field: str | None
    program: str | None
    by: str | None
    at: str


@dataclass(frozen=True)
class InquiryRecord:
    """One inquiry as the console and the API show it, detached from its session.

    ``topic``, ``field`` and ``program`` are the effective labels (``effective``); the
    triage and the correction, if any, are kept apart so staff see both.
    """

    id: int
    conversation_id: str
    text: str
    topic: str
    field: str | None
    program: str | None
    triage: TriageView
    confidence: float
    low_confidence: bool
    label: LabelView | None
    status: str
    language: str
    channel: str | None
    asked_at: str
    last_activity_at: str

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the API (``/api/inquiries``)."""
        return asdict(self)


_SAME_NAMED: Final = (
    "id",
    "conversation_id",
    "text",
    "confidence",
    "status",
    "language",
    "channel",
)
"""The columns of ``inquiries`` that ``InquiryRecord`` shows as they are."""


def inquiry_record(inquiry: Inquiry) -> InquiryRecord:
    """The console's view of an inquiry row."""
    topic, field, program = effective(inquiry)
    label = None
    if inquiry.labelled_at is not None:
        label = LabelView(
            topic=inquiry.label_topic,
            field=inquiry.label_field,
            program=inquiry.label_program,
            by=inquiry.labelled_by,
            at=from_kst(inquiry.labelled_at).isoformat(),
        )
    return InquiryRecord(
        **same_named(inquiry, _SAME_NAMED),
        topic=topic,
        field=field,
        program=program,
        triage=TriageView(
            **same_named(inquiry, ("intent", "topic", "field", "program", "confidence"))
        ),
        low_confidence=inquiry.confidence < LOW_CONFIDENCE,
        label=label,
        asked_at=from_kst(inquiry.asked_at).isoformat(),
        last_activity_at=from_kst(inquiry.last_activity_at).isoformat(),
    )


@dataclass(frozen=True)
class Page:
    """One page of a listing and the number of matches in all."""

    items: list[InquiryRecord]
    total: int


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_inquiries(
    *,
    session: Session,
    field: str | None = None,
    topic: str | None = None,
    status: str | None = None,
    low_confidence: bool = False,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Newest first, filtered on the effective (relabelled if so) topic and field.

    Lists what the last ``sync`` materialised; the edge syncs first.
    """
    topic_col = func.coalesce(Inquiry.label_topic, Inquiry.topic)
    field_col = func.coalesce(Inquiry.label_field, Inquiry.field)
    query = select(Inquiry)
    if topic:
        query = query.where(topic_col == topic)
    if field:
        query = query.where(field_col == field)
    if status:
        query = query.where(Inquiry.status == status)
    if low_confidence:
        query = query.where(Inquiry.confidence < LOW_CONFIDENCE, Inquiry.labelled_at.is_(None))
    if q and q.strip():
        query = query.where(
            or_(
                Inquiry.text.like(_like(q.strip()), escape="\\"),
                Inquiry.conversation_id == q.strip(),
            )
        )
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(
        query.order_by(Inquiry.asked_at.desc(), Inquiry.id.desc())
        .limit(max(1, min(limit, 200)))
        .offset(max(0, offset))
    ).scalars()
    return Page(items=[inquiry_record(r) for r in rows], total=int(total))


def get_inquiry(inquiry_id: int, *, session: Session) -> InquiryRecord | None:
    """One inquiry by id, or None."""
    row = session.get(Inquiry, inquiry_id)
    return inquiry_record(row) if row else None


def check_labels(
    *, session: Session, topic: str, field: str | None, program: str | None
) -> tuple[str, str | None, str | None]:
    """Validate a relabel against the taxonomy and the catalogue; returns it normalised."""
    from bot.catalog.queries import get_program

    if topic not in TOPICS:
        raise LabelError(f"주제는 {', '.join(TOPICS)} 가운데 하나여야 합니다.")
    field = field or None
    program = program or None
    if field is not None and (topic != "consultation" or field not in FIELD_NAMES):
        raise LabelError("분야는 전문가 상담(consultation) 주제에만, 10개 분야 코드로 지정합니다.")
    if program is not None:
        if topic not in ("program", "invest"):
            raise LabelError("사업은 지원사업(program)이나 투자(invest) 주제에만 지정합니다.")
        if get_program(program_id=program, session=session) is None:
            raise LabelError(f"카탈로그에 없는 사업입니다: {program}")
    return topic, field, program


def relabel(
    inquiry_id: int,
    *,
    session: Session,
    topic: str,
    field: str | None,
    program: str | None,
    by: str,
    now: datetime,
) -> InquiryRecord | None:
    """Record a staff correction (who and when); None if there is no such inquiry."""
    row = session.get(Inquiry, inquiry_id)
    if row is None:
        return None
    row.label_topic, row.label_field, row.label_program = check_labels(
        session=session, topic=topic, field=field, program=program
    )
    row.labelled_by, row.labelled_at = by, to_kst(now)
    return inquiry_record(row)


def set_closed(
    inquiry_id: int, *, session: Session, closed: bool, by: str, now: datetime
) -> InquiryRecord | None:
    """Close an inquiry (nothing more to do) or reopen it; None if there is no such inquiry."""
    row = session.get(Inquiry, inquiry_id)
    if row is None:
        return None
    if closed:
        row.closed_by, row.closed_at, row.status = by, to_kst(now), "closed"
    elif row.closed_at is not None:
        row.closed_by = row.closed_at = None
        row.status = _status(
            row, ev.conversation_events(row.conversation_id, session=session), session=session
        )
    return inquiry_record(row)


def labelled(*, session: Session) -> list[Inquiry]:
    """Every relabelled inquiry, oldest correction first (for the training export).

    The rows are the session's: read them before its unit of work ends (the edge's
    sessions keep loaded attributes after commit).
    """
    return list(
        session.execute(
            select(Inquiry)
            .where(Inquiry.labelled_at.is_not(None))
            .order_by(Inquiry.labelled_at, Inquiry.id)
        ).scalars()
    )
