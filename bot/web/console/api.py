"""The console's JSON API under ``/api`` (documented in ``/api/openapi.json``).

Handlers only read the request and shape the answer; what staff can do lives in
``bot.web.console.ops`` (shared with the pages) and ``bot.console``. Errors are
``{"error": "..."}`` with a fitting status: 400/422 bad input, 401/403 auth or role or
CSRF, 404, 409 conflict, 502 Rasa unreachable.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any, Final

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, json

from bot import clock
from bot.booking import queries, staff_listing
from bot.console import handoff, inquiries, stats
from bot.console.auth import Staff
from bot.console.models import INQUIRY_STATUSES
from bot.db import run_unit
from bot.fields import FIELD_NAMES
from bot.triage import TOPICS
from bot.web.console import ops
from bot.web.console.openapi import document
from bot.web.console.security import (
    ConsoleConfig,
    Handler,
    api_error,
    config,
    csrf_for,
    in_unit,
    requires,
    run,
)

bp = Blueprint("console_api", url_prefix="/api")


class BadRequest(ValueError):
    """The request could not be read (not a JSON object, a non-integer number …)."""


def _body(request: Request) -> dict[str, Any]:
    try:
        body = request.json if request.body else {}
    except Exception as exc:  # Sanic raises its own InvalidUsage for broken JSON
        raise BadRequest("본문이 올바른 JSON이 아닙니다.") from exc
    if not isinstance(body, dict):
        raise BadRequest("JSON 객체를 보내 주세요.")
    return body


def _flag(request: Request, name: str) -> bool:
    return (request.args.get(name) or "").lower() in ("1", "true", "yes")


def _int_arg(request: Request, name: str, default: int) -> int:
    try:
        return int(request.args.get(name) or default)
    except ValueError as exc:
        raise BadRequest(f"{name}는 정수여야 합니다.") from exc


async def _answer(result: Awaitable[Any]) -> HTTPResponse:
    """JSON of an operation's result, or its error in the API's error shape."""
    try:
        return json(await result)
    except ops.OpError as exc:
        return json({"error": str(exc), **exc.extra}, status=exc.status)


@bp.get("/openapi.json")
async def openapi(request: Request) -> HTTPResponse:
    """The API description (public: it holds no data)."""
    return json(document())


@bp.get("/session")
@requires()
async def whoami(request: Request) -> HTTPResponse:
    """The signed-in staff member and, for browsers, the CSRF token to send back."""
    staff = request.ctx.staff
    return json({"username": staff.username, "role": staff.role, "csrf_token": csrf_for(request)})


@bp.post("/triage")
@requires()
async def triage(request: Request) -> HTTPResponse:
    """Classify a text with the running model, exactly as the bot does."""
    try:
        text = _body(request).get("text")
    except BadRequest as exc:
        return api_error(400, str(exc))
    return await _answer(ops.triage(config(request), text))


@bp.get("/inquiries")
@requires()
async def list_inquiries(request: Request) -> HTTPResponse:
    """The inquiry queue, newest first, with filters and text search."""
    topic, field, status = (request.args.get(k) or None for k in ("topic", "field", "status"))
    if (
        (topic or "consultation") not in TOPICS
        or (field or "law") not in FIELD_NAMES
        or ((status or "open") not in INQUIRY_STATUSES)
    ):
        return api_error(422, "topic, field 또는 status 값이 올바르지 않습니다.")
    try:
        limit, offset = _int_arg(request, "limit", 50), _int_arg(request, "offset", 0)
    except BadRequest as exc:
        return api_error(422, str(exc))
    low = _flag(request, "low_confidence")
    page = await ops.synced(
        config(request).database_url,
        lambda session: (
            inquiries.list_inquiries(
                session=session,
                topic=topic,
                field=field,
                status=status,
                low_confidence=low,
                q=request.args.get("q"),
                limit=limit,
                offset=offset,
            )
        ),
    )
    return json({"items": [item.as_dict() for item in page.items], "total": page.total})


@bp.get("/inquiries/<inquiry_id:int>")
@requires()
async def get_inquiry(request: Request, inquiry_id: int) -> HTTPResponse:
    """One inquiry with its conversation."""
    url = config(request).database_url
    found = await in_unit(url, lambda session: inquiries.get_inquiry(inquiry_id, session=session))
    if found is None:
        return api_error(404, "없는 문의입니다.")
    return json({**found.as_dict(), **await run(ops.conversation, url, found.conversation_id)})


@bp.patch("/inquiries/<inquiry_id:int>")
@requires()
async def patch_inquiry(request: Request, inquiry_id: int) -> HTTPResponse:
    """Relabel (topic, field, program) and/or close or reopen (status)."""
    try:
        body = _body(request)
    except BadRequest as exc:
        return api_error(400, str(exc))
    return await _answer(ops.update_inquiry(config(request), request.ctx.staff, inquiry_id, body))


@bp.get("/bookings")
@requires()
async def list_bookings(request: Request) -> HTTPResponse:
    """Bookings of one day (default today), optionally of one expert; personal data masked."""
    try:
        raw = request.args.get("day")
        day = date.fromisoformat(raw) if raw else clock.now().date()
    except ValueError:
        return api_error(422, "day는 YYYY-MM-DD 형식이어야 합니다.")
    expert_id = request.args.get("expert") or None
    items = await run(
        run_unit,
        lambda session: queries.list_bookings(session=session, day=day, expert_id=expert_id),
        url=config(request).database_url,
    )
    return json({"day": day.isoformat(), "items": [staff_listing.booking_dict(b) for b in items]})


@bp.get("/experts")
@requires()
async def list_experts(request: Request) -> HTTPResponse:
    """The expert roster (for the bookings filter)."""
    experts = await run(
        run_unit,
        lambda session: queries.list_experts(session=session, include_inactive=True),
        url=config(request).database_url,
    )
    return json({"items": [staff_listing.expert_dict(e) for e in experts]})


@bp.post("/bookings/<code>/cancel")
@requires(admin=True)
async def cancel_booking(request: Request, code: str) -> HTTPResponse:
    """Cancel a booking (admin), under the same rules as the bot."""
    return await _answer(ops.change_booking(config(request), request.ctx.staff, code, move=False))


@bp.post("/bookings/<code>/move")
@requires(admin=True)
async def move_booking(request: Request, code: str) -> HTTPResponse:
    """Move a booking to ``start`` (admin): same field and channel, a free expert, open hours."""
    try:
        start = _body(request).get("start")
    except BadRequest as exc:
        return api_error(400, str(exc))
    return await _answer(
        ops.change_booking(config(request), request.ctx.staff, code, start, move=True)
    )


@bp.get("/handoffs")
@requires()
async def list_handoffs(request: Request) -> HTTPResponse:
    """Open handoffs, waiting first (``include_closed=1`` for the recent history too)."""
    include_closed = _flag(request, "include_closed")
    items = await ops.synced(
        config(request).database_url,
        lambda session: (handoff.list_handoffs(session=session, include_closed=include_closed)),
    )
    return json({"items": [item.as_dict() for item in items]})


@bp.get("/handoffs/<handoff_id:int>")
@requires()
async def get_handoff(request: Request, handoff_id: int) -> HTTPResponse:
    """A handoff with its conversation: messages after ``after`` (event id) and slots.

    Slots come from Rasa's tracker when Rasa answers, else from the stored events.
    """
    try:
        after = _int_arg(request, "after", 0)
    except BadRequest as exc:
        return api_error(422, str(exc))
    return await _answer(ops.handoff_view(config(request), handoff_id, after))


@bp.post("/handoffs/<handoff_id:int>/message")
@requires()
async def send_message(request: Request, handoff_id: int) -> HTTPResponse:
    """Send the agent's ``text`` to the user's chat, live (only the agent holding it)."""
    try:
        text = _body(request).get("text")
    except BadRequest as exc:
        return api_error(400, str(exc))

    async def sent() -> dict[str, bool]:
        await ops.message(config(request), request.ctx.staff, handoff_id, text)
        return {"sent": True}

    return await _answer(sent())


HandoffChange = Callable[[ConsoleConfig, Staff, int], Awaitable[dict[str, Any]]]
HANDOFF_CHANGES: Final[dict[str, HandoffChange]] = {"take": ops.take, "release": ops.release}
"""``POST /handoffs/{id}/<change>`` → what it does, answering with the handoff: ``take`` a
waiting conversation (an admin may take over an active one), ``release`` it back to the
bot (resume it and tell the user)."""


def _handoff_change(change: HandoffChange) -> Handler:
    """The handler of a ``HANDOFF_CHANGES`` route: take and release differ only in what they
    do (their OpenAPI entries are likewise one ``openapi.handoff_change``)."""

    @requires()
    async def changed(request: Request, handoff_id: int) -> HTTPResponse:
        """Move the handoff on as the signed-in agent; the handoff, or the refusal."""
        return await _answer(change(config(request), request.ctx.staff, handoff_id))

    return changed


for _name, _change in HANDOFF_CHANGES.items():
    bp.add_route(
        _handoff_change(_change),
        f"/handoffs/<handoff_id:int>/{_name}",
        methods=["POST"],
        name=f"{_name}_handoff",
    )


@bp.get("/stats")
@requires()
async def get_stats(request: Request) -> HTTPResponse:
    """Dashboard figures for the last ``days`` days (default 14, at most 90)."""
    try:
        days = max(1, min(_int_arg(request, "days", 14), 90))
    except BadRequest as exc:
        return api_error(422, str(exc))
    last_day = clock.now().date()
    figures = await ops.synced(
        config(request).database_url,
        lambda session: stats.compute(session=session, last_day=last_day, days=days),
    )
    return json(figures.as_dict())
