"""Live handoff records: a conversation waits for a person, an agent takes it, hands it back.

The conversation itself is paused and resumed in Rasa (``ConversationPaused`` from
``action_handoff``, a ``resume`` event from the console); this module keeps who has which
conversation, so two agents never answer one user and the queue survives restarts. At
most one open (waiting or active) handoff per conversation is guaranteed by a partial
unique index, so a user asking twice, or two action-server processes, still make one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.clock import from_kst, to_kst
from bot.console.auth import Staff
from bot.console.models import HANDOFF_REASONS, Handoff, Inquiry
from bot.db.session import session_scope

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


def _dict(row: Handoff, inquiry: str | None = None) -> dict[str, Any]:
    def stamp(value: datetime | None) -> str | None:
        return from_kst(value).isoformat() if value else None

    return {
        "id": row.id,
        "conversation_id": row.conversation_id,
        "reason": row.reason,
        "language": row.language,
        "status": row.status,
        "requested_at": stamp(row.requested_at),
        "taken_by": row.taken_by,
        "taken_at": stamp(row.taken_at),
        "closed_by": row.closed_by,
        "closed_at": stamp(row.closed_at),
        "inquiry": inquiry,
    }


def request_handoff(
    *, conversation_id: str, reason: str, language: str, now: datetime, url: str | None = None
) -> dict[str, Any]:
    """Put a conversation in the waiting queue, or return its open handoff if it has one."""
    if reason not in HANDOFF_REASONS:
        raise ValueError(f"unknown handoff reason {reason!r}")
    language = language if language in ("ko", "en") else "ko"
    for _ in range(2):  # a concurrent request for the same conversation wins the index once
        try:
            with session_scope(url) as session:
                row = session.execute(
                    select(Handoff).where(
                        Handoff.conversation_id == conversation_id, Handoff.status.in_(OPEN)
                    )
                ).scalar_one_or_none()
                if row is None:
                    row = Handoff(
                        conversation_id=conversation_id,
                        reason=reason,
                        language=language,
                        status="waiting",
                        requested_at=to_kst(now),
                    )
                    session.add(row)
                    session.flush()
                return _dict(row)
        except IntegrityError:
            continue
    raise RuntimeError(f"could not record the handoff of {conversation_id}")


def list_handoffs(
    *, include_closed: bool = False, url: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Open handoffs, waiting ones first and longest-waiting first (or recent closed ones)."""
    with session_scope(url) as session:
        query = select(Handoff, Inquiry.text).outerjoin(
            Inquiry, Inquiry.conversation_id == Handoff.conversation_id
        )
        if include_closed:
            query = query.order_by(Handoff.requested_at.desc())
        else:
            query = query.where(Handoff.status.in_(OPEN)).order_by(
                Handoff.status.desc(), Handoff.requested_at
            )
        return [_dict(h, text) for h, text in session.execute(query.limit(limit)).all()]


def get_handoff(handoff_id: int, *, url: str | None = None) -> dict[str, Any] | None:
    """One handoff by id (with its inquiry text), or None."""
    with session_scope(url) as session:
        row = session.get(Handoff, handoff_id)
        if row is None:
            return None
        text = session.execute(
            select(Inquiry.text).where(Inquiry.conversation_id == row.conversation_id)
        ).scalar_one_or_none()
        return _dict(row, text)


def _load(session: Any, handoff_id: int) -> Handoff:
    row = session.get(Handoff, handoff_id)
    if row is None:
        raise HandoffError(404, "없는 상담 연결입니다.")
    return row


def _may_act(row: Handoff, staff: Staff, *, held_status: int, held_message: str) -> None:
    """Refuse a closed handoff, or one another agent holds (admins may act on those)."""
    if row.status == "closed":
        raise HandoffError(409, "이미 종료된 상담입니다.")
    if row.status == "active" and row.taken_by != staff.username and not staff.is_admin:
        raise HandoffError(held_status, held_message.format(row.taken_by))


def _update_if(
    session: Any, handoff_id: int, *conditions: Any, **values: Any
) -> dict[str, Any] | None:
    """Set ``values`` on the handoff only while ``conditions`` hold; its new dict, or None.

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
    return _dict(session.get(Handoff, handoff_id, populate_existing=True))


def _act(
    handoff_id: int,
    *,
    staff: Staff,
    url: str | None,
    held_status: int,
    held_message: str,
    values: dict[str, Any],
) -> dict[str, Any]:
    """Apply ``values`` to a handoff ``staff`` may act on, as one conditional update.

    The update matches only the status and holder just checked, so when something changed
    the row in between (another agent, the expiry round) it matches nothing; the checks then
    run again on the fresh row and refuse with the real reason. This holds on SQLite, where
    a read takes no lock, as on PostgreSQL.
    """
    for _ in range(3):
        with session_scope(url) as session:
            row = _load(session, handoff_id)
            _may_act(row, staff, held_status=held_status, held_message=held_message)
            holder = (
                Handoff.taken_by.is_(None)
                if row.taken_by is None
                else Handoff.taken_by == row.taken_by
            )
            found = _update_if(session, handoff_id, Handoff.status == row.status, holder, **values)
            if found is not None:
                return found
    raise HandoffError(409, "다른 작업과 겹쳤습니다. 다시 시도해 주세요.")


def take(handoff_id: int, *, staff: Staff, now: datetime, url: str | None = None) -> dict[str, Any]:
    """An agent takes a waiting conversation; an admin may also take one from another agent."""
    return _act(
        handoff_id,
        staff=staff,
        url=url,
        held_status=409,
        held_message="{} 님이 이미 상담 중입니다.",
        values={"status": "active", "taken_by": staff.username, "taken_at": to_kst(now)},
    )


def holder_check(handoff_id: int, *, staff: Staff, url: str | None = None) -> dict[str, Any]:
    """The handoff if ``staff`` holds it (only the holder writes to the user), else an error."""
    with session_scope(url) as session:
        row = _load(session, handoff_id)
        if row.status != "active":
            raise HandoffError(
                409,
                "먼저 상담을 맡아 주세요."
                if row.status == "waiting"
                else "이미 종료된 상담입니다.",
            )
        if row.taken_by != staff.username:
            raise HandoffError(403, f"{row.taken_by} 님이 맡은 상담입니다.")
        return _dict(row)


def release(
    handoff_id: int, *, staff: Staff, now: datetime, url: str | None = None
) -> dict[str, Any]:
    """Close a handoff: its holder (or an admin, or anyone while it still waits) hands back."""
    return _act(
        handoff_id,
        staff=staff,
        url=url,
        held_status=403,
        held_message="{} 님이 맡은 상담입니다.",
        values={"status": "closed", "closed_by": staff.username, "closed_at": to_kst(now)},
    )


def reopen_for_retry(handoff_id: int, *, previous: str, url: str | None = None) -> None:
    """Undo a release whose resume could not reach Rasa, so the queue stays truthful."""
    with session_scope(url) as session:
        _update_if(
            session,
            handoff_id,
            Handoff.status == "closed",
            status=previous,
            closed_by=None,
            closed_at=None,
        )


def expire_waiting(
    *, now: datetime, wait: timedelta, url: str | None = None
) -> list[dict[str, Any]]:
    """Close the handoffs that have waited longer than ``wait`` with no agent taking them.

    A user whose request nobody answers would otherwise face a silent bot until staff look
    at the queue; the caller gives the conversation back to the bot and tells the user.
    Each row is closed only if it is still waiting at that moment (a conditional update, as
    ``take`` is), so an agent taking it at the same time wins or loses cleanly.

    Returns:
        The handoffs closed now, as the console's dicts.
    """
    cutoff = to_kst(now - wait)
    closed = []
    with session_scope(url) as session:
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
                session,
                handoff_id,
                Handoff.status == "waiting",
                status="closed",
                closed_by=TIMED_OUT,
                closed_at=to_kst(now),
            )
            if found is not None:
                closed.append(found)
    return closed


def queue_position(session: Session, *, conversation_id: str) -> int | None:
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


def leave_queue(session: Session, *, conversation_id: str, now: datetime) -> bool:
    """Close the conversation's waiting handoff at the user's wish; False if none waits.

    Only a waiting one: once an agent has taken the conversation, the agent ends it.
    """
    result = session.execute(
        update(Handoff)
        .where(Handoff.conversation_id == conversation_id, Handoff.status == "waiting")
        .values(status="closed", closed_by=LEFT, closed_at=to_kst(now))
    )
    return bool(result.rowcount)
