"""Live handoff records: a conversation waits for a person, an agent takes it, hands it back.

The conversation itself is paused and resumed in Rasa (``ConversationPaused`` from
``action_handoff``, a ``resume`` event from the console); this module keeps who has which
conversation, so two agents never answer one user and the queue survives restarts. At
most one open (waiting or active) handoff per conversation is guaranteed by a partial
unique index, so a user asking twice, or two action-server processes, still make one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.clock import from_kst, to_kst
from bot.console.auth import Staff
from bot.console.models import HANDOFF_REASONS, Handoff, Inquiry
from bot.db.rows import same_named

OPEN: Final = ("waiting", "active")
STATUS_LABELS: Final = {"waiting": "대기", "active": "상담 중", "closed": "종료"}
REASON_LABELS: Final = {
    "requested": "사용자 요청",
    "fallback": "챗봇 이해 실패 2회",
    "callback": "근무시간 외 답변 요청",
}
CALLBACK: Final = "callback"
"""Reason of a request left outside staff hours: it waits for staff and never times out."""
LEFT: Final = "user"
"""``closed_by`` of a handoff the user left the queue of."""
TIMED_OUT: Final = "timeout"
"""``closed_by`` of a handoff that no agent took in time (the bot took the conversation back)."""


class HandoffError(Exception):
    """A handoff operation was refused; ``status`` is the HTTP status that fits."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class HandoffRecord:
    """One handoff as the console and the API show it, times as ISO 8601 with offset.

    A plain value, detached from the session that read it, so an edge can return it after
    its unit of work has ended.
    """

    id: int
    conversation_id: str
    reason: str
    language: str
    status: str
    requested_at: str | None
    taken_by: str | None
    taken_at: str | None
    closed_by: str | None
    closed_at: str | None
    inquiry: str | None = None
    """The text of the conversation's inquiry, when the listing joined it."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the API (``/api/handoffs``)."""
        return asdict(self)


def _record(row: Handoff, inquiry: str | None = None) -> HandoffRecord:
    def stamp(value: datetime | None) -> str | None:
        return from_kst(value).isoformat() if value else None

    return HandoffRecord(
        **same_named(
            row, ("id", "conversation_id", "reason", "language", "status", "taken_by", "closed_by")
        ),
        requested_at=stamp(row.requested_at),
        taken_at=stamp(row.taken_at),
        closed_at=stamp(row.closed_at),
        inquiry=inquiry,
    )


def _open_handoff(conversation_id: str, *, session: Session) -> Handoff | None:
    found: Handoff | None = session.execute(
        select(Handoff).where(Handoff.conversation_id == conversation_id, Handoff.status.in_(OPEN))
    ).scalar_one_or_none()
    return found


def request_handoff(
    *, session: Session, conversation_id: str, reason: str, language: str, now: datetime
) -> HandoffRecord:
    """Put a conversation in the waiting queue, or return its open handoff if it has one.

    A concurrent request for the same conversation (a user asking twice, two action-server
    processes) loses on the partial unique index; the insert runs in a savepoint so the
    loser rolls back only that and returns the winner's row.
    """
    if reason not in HANDOFF_REASONS:
        raise ValueError(f"unknown handoff reason {reason!r}")
    language = language if language in ("ko", "en") else "ko"
    row = _open_handoff(conversation_id, session=session)
    if row is not None:
        return _record(row)
    row = Handoff(
        conversation_id=conversation_id,
        reason=reason,
        language=language,
        status="waiting",
        requested_at=to_kst(now),
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        row = _open_handoff(conversation_id, session=session)
        if row is None:
            raise RuntimeError(f"could not record the handoff of {conversation_id}") from None
    return _record(row)


def list_handoffs(
    *, session: Session, include_closed: bool = False, limit: int = 100
) -> list[HandoffRecord]:
    """Open handoffs, waiting ones first and longest-waiting first (or recent closed ones)."""
    query = select(Handoff, Inquiry.text).outerjoin(
        Inquiry, Inquiry.conversation_id == Handoff.conversation_id
    )
    if include_closed:
        query = query.order_by(Handoff.requested_at.desc())
    else:
        query = query.where(Handoff.status.in_(OPEN)).order_by(
            Handoff.status.desc(), Handoff.requested_at
        )
    return [_record(h, text) for h, text in session.execute(query.limit(limit)).all()]


def get_handoff(handoff_id: int, *, session: Session) -> HandoffRecord | None:
    """One handoff by id (with its inquiry text), or None."""
    row = session.get(Handoff, handoff_id)
    if row is None:
        return None
    text = session.execute(
        select(Inquiry.text).where(Inquiry.conversation_id == row.conversation_id)
    ).scalar_one_or_none()
    return _record(row, text)


def _load(handoff_id: int, *, session: Session) -> Handoff:
    # populate_existing: a retry must see what another writer committed, not the cached row
    row: Handoff | None = session.get(Handoff, handoff_id, populate_existing=True)
    if row is None:
        raise HandoffError(404, "없는 상담 연결입니다.")
    return row


def _may_act(row: Handoff, staff: Staff, refusal: tuple[int, str]) -> None:
    """Refuse a closed handoff, or one another agent holds (admins may act on those)."""
    if row.status == "closed":
        raise HandoffError(409, "이미 종료된 상담입니다.")
    if row.status == "active" and row.taken_by != staff.username and not staff.is_admin:
        raise HandoffError(refusal[0], refusal[1].format(row.taken_by))


def _update_if(
    handoff_id: int, *conditions: Any, session: Session, **values: Any
) -> HandoffRecord | None:
    """Set ``values`` on the handoff only while ``conditions`` hold; its new record, or None.

    One ``UPDATE … WHERE`` is atomic on SQLite (where a read takes no lock) and PostgreSQL
    alike, so of two writers acting on the same state exactly one matches the row.
    """
    done = session.execute(
        update(Handoff)
        .where(Handoff.id == handoff_id, *conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        return None
    return _record(_load(handoff_id, session=session))


_TAKEN_BY: Final = (409, "{} 님이 이미 상담 중입니다.")
"""Refusal to take a conversation another agent is answering: a conflict."""
_HELD_BY: Final = (403, "{} 님이 맡은 상담입니다.")
"""Refusal to close another agent's conversation: not this agent's to close."""


def _act(
    handoff_id: int,
    *,
    session: Session,
    staff: Staff,
    refusal: tuple[int, str],
    values: dict[str, Any],
) -> HandoffRecord:
    """Apply ``values`` to a handoff ``staff`` may act on, as one conditional update.

    The update matches only the status and holder just checked, so when something changed
    the row in between (another agent, the expiry round) it matches nothing; the checks then
    run again on the row re-read and refuse with the real reason. This holds on SQLite, where
    a read takes no lock (after the update the transaction holds the write lock, so the
    re-read sees the latest commit), as on PostgreSQL (read committed).
    """
    for _ in range(3):
        row = _load(handoff_id, session=session)
        _may_act(row, staff, refusal)
        holder = (
            Handoff.taken_by.is_(None) if row.taken_by is None else Handoff.taken_by == row.taken_by
        )
        found = _update_if(
            handoff_id, Handoff.status == row.status, holder, **values, session=session
        )
        if found is not None:
            return found
    raise HandoffError(409, "다른 작업과 겹쳤습니다. 다시 시도해 주세요.")


def take(handoff_id: int, *, session: Session, staff: Staff, now: datetime) -> HandoffRecord:
    """An agent takes a waiting conversation; an admin may also take one from another agent."""
    taken = {"status": "active", "taken_by": staff.username, "taken_at": to_kst(now)}
    return _act(handoff_id, session=session, staff=staff, refusal=_TAKEN_BY, values=taken)


def holder_check(handoff_id: int, *, session: Session, staff: Staff) -> HandoffRecord:
    """The handoff if ``staff`` holds it (only the holder writes to the user), else an error."""
    row = _load(handoff_id, session=session)
    if row.status != "active":
        raise HandoffError(
            409,
            "먼저 상담을 맡아 주세요." if row.status == "waiting" else "이미 종료된 상담입니다.",
        )
    if row.taken_by != staff.username:
        raise HandoffError(403, f"{row.taken_by} 님이 맡은 상담입니다.")
    return _record(row)


def release(handoff_id: int, *, session: Session, staff: Staff, now: datetime) -> HandoffRecord:
    """Close a handoff: its holder (or an admin, or anyone while it still waits) hands back."""
    closed = {"status": "closed", "closed_by": staff.username, "closed_at": to_kst(now)}
    return _act(handoff_id, session=session, staff=staff, refusal=_HELD_BY, values=closed)


def reopen_for_retry(handoff_id: int, *, session: Session, previous: str) -> None:
    """Undo a release whose resume could not reach Rasa, so the queue stays truthful."""
    _update_if(
        handoff_id,
        Handoff.status == "closed",
        status=previous,
        closed_by=None,
        closed_at=None,
        session=session,
    )


def expire_waiting(*, session: Session, now: datetime, wait: timedelta) -> list[HandoffRecord]:
    """Close the handoffs that have waited longer than ``wait`` with no agent taking them.

    A user whose request nobody answers would otherwise face a silent bot until staff look
    at the queue; the caller gives the conversation back to the bot and tells the user.
    Each row is closed only if it is still waiting at that moment (a conditional update, as
    ``take`` is), so an agent taking it at the same time wins or loses cleanly.

    Returns:
        The handoffs closed now.
    """
    cutoff = to_kst(now - wait)
    closed = []
    ids = session.scalars(
        select(Handoff.id)
        .where(
            Handoff.status == "waiting",
            Handoff.reason != CALLBACK,
            Handoff.requested_at <= cutoff,
        )
        .order_by(Handoff.requested_at)
    ).all()
    for handoff_id in ids:
        found = _update_if(
            handoff_id,
            Handoff.status == "waiting",
            status="closed",
            closed_by=TIMED_OUT,
            closed_at=to_kst(now),
            session=session,
        )
        if found is not None:
            closed.append(found)
    return closed


def queue_position(*, session: Session, conversation_id: str) -> int | None:
    """1 for the conversation next in line, 2 behind one other …; None if not waiting."""
    row = session.execute(
        select(Handoff).where(
            Handoff.conversation_id == conversation_id, Handoff.status == "waiting"
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    ahead = session.scalar(
        select(func.count())
        .select_from(Handoff)
        .where(
            Handoff.status == "waiting",
            Handoff.reason != CALLBACK,
            (Handoff.requested_at < row.requested_at)
            | ((Handoff.requested_at == row.requested_at) & (Handoff.id < row.id)),
        )
    )
    return int(ahead or 0) + 1


def leave_queue(*, session: Session, conversation_id: str, now: datetime) -> bool:
    """Close the conversation's waiting handoff at the user's wish; False if none waits.

    Only a waiting one: once an agent has taken the conversation, the agent ends it.
    """
    result = session.execute(
        update(Handoff)
        .where(Handoff.conversation_id == conversation_id, Handoff.status == "waiting")
        .values(status="closed", closed_by=LEFT, closed_at=to_kst(now))
    )
    return bool(result.rowcount)
