"""What staff can do, once: the API and the console pages both call these.

Each operation takes the console config and the acting staff member, runs blocking
work off the event loop, and raises ``OpError(status, message)`` with a Korean message
that either front end can show as it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from bot import clock
from bot.booking import queries, staff_listing, writes
from bot.booking.errors import NotChangeable, SlotUnavailable
from bot.console import events as ev
from bot.console import handoff, inquiries
from bot.console.auth import Staff
from bot.console.rasa import RasaError
from bot.console.redaction import PERSONAL_SLOTS
from bot.console.responses import response_text
from bot.db.session import run_unit, session_scope
from bot.db.uow import run_write_unit
from bot.recommend.cards import profile_summary
from bot.recommend.dialogue import from_state
from bot.text import MAX_INPUT_CHARS, clean, has_words
from bot.triage import classify
from bot.triage_wordless import wordless_triage
from bot.web.console.security import ConsoleConfig, in_unit, run

T = TypeVar("T")
MAX_AGENT_MESSAGE = 2000
HIDDEN_SLOTS = frozenset(
    {
        "requested_slot",
        "manage_verified",
        "booking_time_options",
        "company_profile",
        "recommend_state",
        "recommend_answer",
    }
)
"""Slots an agent does not need raw: form plumbing, and the company profile, which
``company_view`` shows in words."""


_SYNC_LOCK = threading.Lock()
"""Handlers run in worker threads; one inquiry sync at a time keeps two from racing on a row."""


class OpError(Exception):
    """An operation was refused; ``status`` is the HTTP status that fits."""

    def __init__(self, status: int, message: str, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.status = status
        self.extra = extra or {}


def sync_inquiries(url: str) -> int:
    """Bring ``inquiries`` up to date (``bot.console.inquiries.sync``) as a unit of its own.

    Committed before the listing that follows reads it; serialised within the process.
    """
    with _SYNC_LOCK:
        return run_unit(lambda session: inquiries.sync(session=session), url=url)


async def synced(url: str, work: Callable[[Session], T]) -> T:
    """``work(session)`` in a unit of work after syncing the inquiries it may list."""
    await run(sync_inquiries, url)
    return await in_unit(url, work)


def conversation(url: str, conversation_id: str, after: int = 0) -> dict[str, Any]:
    """A conversation's stored messages (newer than event ``after``) and its slots, masked."""
    with session_scope(url) as session:
        if not ev.has_events_table(session=session):
            return {"messages": [], "slots": {}, "last_event_id": after}
        events = ev.conversation_events(conversation_id, session=session)
    slots = ev.latest_slots(events)
    return {
        "messages": [vars(m) for m in ev.messages(events) if m.event_id > after],
        "slots": visible_slots(slots),
        "company": company_view(slots),
        "last_event_id": events[-1].id if events else after,
    }


def company_view(slots: dict[str, Any]) -> dict[str, Any] | None:
    """What the user said about their company and the programs they were shown, or None.

    Read from the conversation's slots (already masked in the stored events); the company
    is stored nowhere else unless the user books.
    """
    profile = from_state(slots.get("company_profile"))
    if profile is None:
        return None
    state = slots.get("recommend_state")
    shown = state.get("shown") if isinstance(state, dict) else None
    return {
        "summary": profile_summary(profile, "ko"),
        "profile": profile.as_dict(),
        "shown": [str(pid) for pid in shown or []],
    }


def visible_slots(slots: dict[str, Any]) -> dict[str, Any]:
    """Filled slots worth showing an agent, personal values masked."""
    shown = {}
    for name, value in sorted(slots.items()):
        if value in (None, "", []) or name in HIDDEN_SLOTS:
            continue
        if name in PERSONAL_SLOTS and isinstance(value, str):
            value = PERSONAL_SLOTS[name](value)
        shown[name] = value
    return shown


async def handoff_view(cfg: ConsoleConfig, handoff_id: int, after: int = 0) -> dict[str, Any]:
    """A handoff with its conversation: messages after event ``after``, slots, paused.

    Messages come from the stored events (they carry ids to poll by); slots from Rasa's
    tracker when Rasa answers, else from the stored events.
    """
    found = await in_unit(
        cfg.database_url, lambda session: handoff.get_handoff(handoff_id, session=session)
    )
    if found is None:
        raise OpError(404, "없는 상담 연결입니다.")
    talk = await run(conversation, cfg.database_url, found.conversation_id, after)
    try:
        tracker = await cfg.rasa.tracker(found.conversation_id)
        talk["slots"] = visible_slots(tracker.get("slots") or {})
        talk["paused"] = bool(tracker.get("paused"))
    except RasaError:
        talk["paused"] = None
    return {**found.as_dict(), **talk}


async def triage(cfg: ConsoleConfig, text: Any) -> dict[str, Any]:
    """The running model's parse of ``text``, classified as the bot does."""
    if not isinstance(text, str) or not text.strip():
        raise OpError(422, "분류할 text를 보내 주세요.")
    text = clean(text)[:MAX_INPUT_CHARS]
    if not has_words(text):
        return wordless_triage()
    try:
        parse = await cfg.rasa.parse(text)
    except RasaError as exc:
        raise OpError(502, "Rasa 서버에 연결하지 못했습니다.") from exc

    def classified() -> dict[str, Any]:
        with session_scope(cfg.database_url) as session:
            return classify(parse, session=session).as_dict()

    return await run(classified)


async def update_inquiry(
    cfg: ConsoleConfig, staff: Staff, inquiry_id: int, body: dict[str, Any]
) -> dict[str, Any]:
    """Relabel (any of topic, field, program) and/or close (``closed``) or reopen (``open``).

    A new topic clears a field or program that only the old topic could have.
    """
    url, now = cfg.database_url, clock.now()
    if not {"topic", "field", "program", "status"} & body.keys():
        raise OpError(422, "topic/field/program 또는 status를 보내 주세요.")
    if "status" in body and body["status"] not in ("closed", "open"):
        raise OpError(422, "status는 closed(종료) 또는 open(다시 열기)만 지정할 수 있습니다.")
    current = await in_unit(url, lambda session: inquiries.get_inquiry(inquiry_id, session=session))
    if current is None:
        raise OpError(404, "없는 문의입니다.")
    result = current
    if {"topic", "field", "program"} & body.keys():
        labels = {
            k: body.get(k, getattr(current, k)) or None for k in ("topic", "field", "program")
        }
        if labels["topic"] != "consultation" and "field" not in body:
            labels["field"] = None
        if labels["topic"] not in ("program", "invest") and "program" not in body:
            labels["program"] = None
        try:
            relabelled = await in_unit(
                url,
                lambda session: inquiries.relabel(
                    inquiry_id,
                    session=session,
                    topic=labels["topic"] or "",
                    field=labels["field"],
                    program=labels["program"],
                    by=staff.username,
                    now=now,
                ),
            )
            result = relabelled or result
        except inquiries.LabelError as exc:
            raise OpError(422, str(exc)) from exc
    if "status" in body:
        changed = await in_unit(
            url,
            lambda session: inquiries.set_closed(
                inquiry_id,
                session=session,
                closed=body["status"] == "closed",
                by=staff.username,
                now=now,
            ),
        )
        result = changed or result
    return result.as_dict()


async def change_booking(
    cfg: ConsoleConfig, staff: Staff, code: str, start: Any = None, *, move: bool
) -> dict[str, Any]:
    """Cancel, or move to ``start``, through the booking service's own rules."""
    url, now = cfg.database_url, clock.now()
    info = await run(
        run_unit, lambda session: queries.booking_by_code(session=session, code=code), url=url
    )
    if info is None:
        raise OpError(404, "없는 예약번호입니다.")
    requester = f"staff:{staff.username}"
    try:
        if move:
            when = clock.as_seoul(datetime.fromisoformat(str(start or "")))
            done = await run(
                run_write_unit,
                lambda session: writes.reschedule_booking(
                    session=session,
                    code=info.code,
                    phone=info.phone,
                    new_start=when,
                    requester=requester,
                    now=now,
                ),
                url=url,
            )
        else:
            done = await run(
                run_write_unit,
                lambda session: writes.cancel_booking(
                    session=session, code=info.code, phone=info.phone, requester=requester, now=now
                ),
                url=url,
            )
    except NotChangeable as exc:
        raise OpError(409, f"'{exc.status}' 상태라 변경하거나 취소할 수 없습니다.") from exc
    except SlotUnavailable as exc:
        why = {
            "taken": "그 시간에는 상담 가능한 전문가가 없습니다.",
            "past": "지났거나 너무 가까운 시간입니다.",
            "too_far": "너무 먼 날짜입니다.",
            "closed": "상담 시간이 아닙니다(주말·공휴일·업무 시간 외·30분 단위 아님).",
            "no_expert": "이 분야와 방식을 맡는 전문가가 없습니다.",
        }.get(exc.reason, "")
        raise OpError(
            409,
            f"그 시간으로 옮길 수 없습니다. {why}".strip(),
            {"reason": exc.reason, "alternatives": [s.start.isoformat() for s in exc.alternatives]},
        ) from exc
    except ValueError as exc:
        raise OpError(422, "시각은 2026-12-03T14:00 형식으로 입력해 주세요.") from exc
    return staff_listing.booking_dict(done)


async def take(cfg: ConsoleConfig, staff: Staff, handoff_id: int) -> dict[str, Any]:
    """Take a conversation and tell the user a person has joined."""
    now = clock.now()
    try:
        found = await in_unit(
            cfg.database_url,
            lambda session: handoff.take(handoff_id, session=session, staff=staff, now=now),
        )
    except handoff.HandoffError as exc:
        raise OpError(exc.status, str(exc)) from exc
    warning = None
    try:
        # The bot listened while the user waited; from now on the agent answers.
        await cfg.rasa.append(
            found.conversation_id,
            [
                {"event": "pause"},
                {
                    "event": "bot",
                    "text": response_text("utter_handoff_connected", found.language),
                    "metadata": {"agent": staff.username, "notice": "connected"},
                },
            ],
        )
    except RasaError:
        warning = "사용자에게 연결 안내를 보내지 못했습니다."
    return {**found.as_dict(), "warning": warning}


async def message(cfg: ConsoleConfig, staff: Staff, handoff_id: int, text: Any) -> None:
    """Deliver the agent's message to the user's chat (holder only)."""
    if not isinstance(text, str) or not text.strip():
        raise OpError(422, "보낼 메시지를 입력해 주세요.")
    if len(text) > MAX_AGENT_MESSAGE:
        raise OpError(422, f"메시지는 {MAX_AGENT_MESSAGE}자까지 보낼 수 있습니다.")
    try:
        found = await in_unit(
            cfg.database_url,
            lambda session: handoff.holder_check(handoff_id, session=session, staff=staff),
        )
    except handoff.HandoffError as exc:
        raise OpError(exc.status, str(exc)) from exc
    try:
        await cfg.rasa.say(found.conversation_id, text.strip(), agent=staff.username)
    except RasaError as exc:
        raise OpError(502, "메시지를 전달하지 못했습니다. 잠시 후 다시 보내 주세요.") from exc


async def release(cfg: ConsoleConfig, staff: Staff, handoff_id: int) -> dict[str, Any]:
    """Give the conversation back to the bot; if Rasa cannot be told, keep it open."""
    url, now = cfg.database_url, clock.now()
    before = await in_unit(url, lambda session: handoff.get_handoff(handoff_id, session=session))
    try:
        found = await in_unit(
            url, lambda session: handoff.release(handoff_id, session=session, staff=staff, now=now)
        )
    except handoff.HandoffError as exc:
        raise OpError(exc.status, str(exc)) from exc
    try:
        await cfg.rasa.resume(
            found.conversation_id, response_text("utter_handoff_back", found.language)
        )
    except RasaError as exc:
        previous = before.status if before is not None else "active"
        await in_unit(
            url,
            lambda session: handoff.reopen_for_retry(
                handoff_id, session=session, previous=previous
            ),
        )
        raise OpError(502, "챗봇에 대화를 돌려주지 못했습니다. 다시 시도해 주세요.") from exc
    return found.as_dict()


def _requeue(handoff_id: int) -> Callable[[Session], None]:
    """The unit of work that puts a handoff Rasa could not be told about back in the queue."""

    def work(session: Session) -> None:
        handoff.reopen_for_retry(handoff_id, session=session, previous="waiting")

    return work


async def expire_unanswered(cfg: ConsoleConfig, *, wait: timedelta) -> list[dict[str, Any]]:
    """Give the bot back every conversation whose request for a person waited past ``wait``.

    The user is told that no agent could take the chat and what to do instead; the handoff
    is closed as timed out. A conversation that Rasa cannot be told about goes back to the
    queue, so the next round tries again rather than leaving the user with a silent bot.

    Returns:
        The handoffs closed and resumed now.
    """
    url, now = cfg.database_url, clock.now()
    expired = await in_unit(
        url, lambda session: handoff.expire_waiting(session=session, now=now, wait=wait)
    )
    resumed = []
    for found in expired:
        try:
            await cfg.rasa.resume(
                found.conversation_id, response_text("utter_handoff_timeout", found.language)
            )
        except RasaError:
            await in_unit(url, _requeue(found.id))
            continue
        resumed.append(found.as_dict())
    return resumed
