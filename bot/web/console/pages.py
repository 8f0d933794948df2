"""The console's pages under ``/console``: server-rendered HTML, one form per action.

Every page works without script; ``static/console.js`` only adds live updates (the
handoff queue, the chat with a user) and sending chat messages without a reload.
A successful form post redirects (so a reload never repeats it); a refused one shows
the page again with the reason.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sanic import Blueprint
from sanic.exceptions import NotFound
from sanic.request import Request
from sanic.response import HTTPResponse, file, redirect

from bot import clock
from bot.booking import queries, staff_listing
from bot.booking.status import LIVE_STATUSES
from bot.console import auth, charts, handoff, inquiries, stats
from bot.db import run_unit
from bot.fields import FIELD_NAMES
from bot.web.console import ops
from bot.web.console.page_rendering import render
from bot.web.console.security import (
    LOGIN_CSRF_COOKIE,
    Handler,
    clear_cookie,
    client_ip,
    config,
    identify,
    in_unit,
    new_login_csrf,
    requires,
    run,
    same_origin,
    set_cookie,
)

HERE = Path(__file__).resolve().parent
bp = Blueprint("console_pages", url_prefix="/console")

RecordPage = Callable[..., Awaitable[HTTPResponse]]
"""A record's page: ``(request, record id, error=None, status=200)``."""
Submission = tuple[Awaitable[Any], str]
"""What a posted form does (the operation, not yet awaited) and where its success goes."""
FormSubmission = Callable[[Request, int, str], Submission]
"""``(request, record id, form name)`` → the form's ``Submission``."""


@bp.get("/static/<name:path>")
async def static_file(request: Request, name: str) -> HTTPResponse:
    """console.css and console.js; a folder, a NUL byte or an escape is a 404."""
    from bot.web.app import MEDIA_TYPES, asset_path

    path = asset_path("static", name, root=HERE)
    if path is None:
        raise NotFound("not found")
    return await file(path, mime_type=MEDIA_TYPES[path.suffix])


@bp.get("/static/")
async def static_folder(request: Request) -> HTTPResponse:
    """The folder itself is not a page."""
    raise NotFound("not found")


def _safe_next(target: str | None) -> str:
    """Only a path of this console: never an open redirect to another site."""
    if target and target.startswith("/console/") and not target.startswith("//"):
        return target
    return "/console/inquiries"


async def _try(result: Awaitable[Any]) -> tuple[Any, ops.OpError | None]:
    try:
        return await result, None
    except ops.OpError as exc:
        return None, exc


async def _submitted(
    result: Awaitable[Any], page: Callable[[str, int], Awaitable[HTTPResponse]], then: str
) -> HTTPResponse:
    """A form post's answer: a redirect to ``then`` once ``result`` succeeded, else ``page``
    again with the reason and status of the refusal."""
    _, error = await _try(result)
    if error:
        return await page(str(error), error.status)
    return redirect(then)


def _form(request: Request, name: str) -> str:
    return ((request.form or {}).get(name) or "").strip()


def _record_routes(
    kind: str, page: RecordPage, forms: tuple[str, ...], submission: FormSubmission
) -> None:
    """``GET /console/<kind>/<id>``: a record's page; ``POST …/<id>/<form>`` for each of
    ``forms``: what ``submission`` says the form does, then a redirect, or the page again
    with the reason it was refused.

    Inquiries and handoffs are both a page with forms that post back to it, so the pair of
    routes is written once and each kind says only what its forms do.
    """

    @requires(page=True)
    async def detail(request: Request, record_id: int) -> HTTPResponse:
        """The record's page with its forms."""
        return await page(request, record_id)

    def post(form: str) -> Handler:
        @requires(page=True)
        async def submit(request: Request, record_id: int) -> HTTPResponse:
            """Run the form, then redirect; a refusal shows the page with the reason."""
            result, then = submission(request, record_id, form)
            return await _submitted(result, partial(page, request, record_id), then)

        return submit

    path = f"/{kind}/<record_id:int>"
    bp.add_route(detail, path, methods=["GET"], name=f"{kind}_detail")
    for form in forms:
        bp.add_route(post(form), f"{path}/{form}", methods=["POST"], name=f"{kind}_{form}")


@bp.get("/")
async def home(request: Request) -> HTTPResponse:
    """The queue is the start page."""
    return redirect("/console/inquiries")


@bp.get("/login")
async def login_page(request: Request) -> HTTPResponse:
    """The sign-in form (or on to the console when already signed in)."""
    if await identify(request):
        return redirect(_safe_next(request.args.get("next")))
    return _login_form(request)


def _login_form(request: Request, error: str | None = None, status: int = 200) -> HTTPResponse:
    """The form with a fresh double-submit token against login CSRF."""
    token = new_login_csrf()
    response = render(
        request,
        "login.html",
        status=status,
        error=error,
        login_csrf=token,
        next=_safe_next(request.args.get("next") or _form(request, "next")),
    )
    set_cookie(response, LOGIN_CSRF_COOKIE, token, secure=config(request).secure, max_age=3600)
    return response


@bp.post("/login")
async def login(request: Request) -> HTTPResponse:
    """Check the password (rate-limited) and start a session."""
    cfg = config(request)
    sent = _form(request, "login_csrf")
    if not same_origin(request) or not sent or sent != request.cookies.get(LOGIN_CSRF_COOKIE):
        return _login_form(request, "보안 확인에 실패했습니다. 다시 로그인해 주세요.", 403)
    try:
        username, ip, now = _form(request, "username"), client_ip(request), clock.now()
        password = (request.form or {}).get("password") or ""
        done = await in_unit(
            cfg.database_url,
            lambda session: auth.login(
                session=session, username=username, password=password, ip=ip, now=now
            ),
        )
    except auth.LoginBlocked as exc:
        minutes = max(1, int(exc.retry_after.total_seconds() // 60) + 1)
        return _login_form(
            request, f"로그인 시도가 너무 많습니다. {minutes}분 뒤에 다시 " "시도해 주세요.", 429
        )
    except auth.LoginFailed as exc:
        return _login_form(request, str(exc), 401)
    response = redirect(_safe_next(_form(request, "next")))
    set_cookie(response, cfg.cookie, done.token, secure=cfg.secure)
    clear_cookie(response, LOGIN_CSRF_COOKIE, secure=cfg.secure)
    return response


@bp.post("/logout")
@requires(page=True)
async def logout(request: Request) -> HTTPResponse:
    """End the session here and in the database."""
    cfg = config(request)
    token = request.ctx.token
    await in_unit(cfg.database_url, lambda session: auth.logout(token, session=session))
    response = redirect("/console/login")
    clear_cookie(response, cfg.cookie, secure=cfg.secure)
    return response


@bp.get("/inquiries")
@requires(page=True)
async def inquiry_list(request: Request) -> HTTPResponse:
    """The queue with filters (field, topic, status, low confidence) and text search."""
    filters = {k: request.args.get(k) or "" for k in ("topic", "field", "status", "q")}
    low = request.args.get("low_confidence") == "1"
    page = await ops.synced(
        config(request).database_url,
        lambda session: (
            inquiries.list_inquiries(
                session=session,
                topic=filters["topic"] or None,
                field=filters["field"] or None,
                status=filters["status"] or None,
                low_confidence=low,
                q=filters["q"] or None,
                limit=100,
            )
        ),
    )
    return render(
        request,
        "inquiries.html",
        page=page,
        filters=filters,
        low=low,
        low_threshold=inquiries.LOW_CONFIDENCE,
        nav="inquiries",
    )


async def _inquiry_page(
    request: Request, inquiry_id: int, error: str | None = None, status: int = 200
) -> HTTPResponse:
    """One inquiry: the conversation, the triage, and the relabel form."""
    url = config(request).database_url
    found = await in_unit(url, lambda session: inquiries.get_inquiry(inquiry_id, session=session))
    if found is None:
        return render(
            request,
            "message.html",
            404,
            title="없는 문의",
            message="찾는 문의가 없습니다.",
            nav="inquiries",
        )
    talk = await run(ops.conversation, url, found.conversation_id)
    programs = await run(_programs, url)
    return render(
        request,
        "inquiry.html",
        status,
        inquiry=found,
        talk=talk,
        programs=programs,
        error=error,
        nav="inquiries",
    )


def _programs(url: str) -> list[tuple[str, str]]:
    from bot.catalog.queries import list_programs
    from bot.db.session import session_scope

    with session_scope(url) as session:
        return [(p.id, p.name) for p in list_programs(session=session)]


def _inquiry_form(request: Request, inquiry_id: int, form: str) -> Submission:
    """``label`` corrects topic, field and program; ``status`` closes an inquiry that needs
    nothing more, or reopens it."""
    if form == "label":
        body: dict[str, Any] = {
            "topic": _form(request, "topic"),
            "field": _form(request, "field") or None,
            "program": _form(request, "program") or None,
        }
        done = "relabelled"
    else:
        body = {"status": _form(request, "status")}
        done = "closed" if body["status"] == "closed" else "reopened"
    return (
        ops.update_inquiry(config(request), request.ctx.staff, inquiry_id, body),
        f"/console/inquiries/{inquiry_id}?done={done}",
    )


_record_routes("inquiries", _inquiry_page, ("label", "status"), _inquiry_form)


@bp.get("/handoffs")
@requires(page=True)
async def handoff_list(
    request: Request, error: str | None = None, status: int = 200
) -> HTTPResponse:
    """Conversations waiting for a person or being answered, and the recent closed ones."""
    records = await ops.synced(
        config(request).database_url,
        lambda session: (handoff.list_handoffs(session=session, include_closed=True, limit=50)),
    )
    items = [record.as_dict() for record in records]
    now = clock.now()
    for item in items:
        waited = now - datetime.fromisoformat(item["requested_at"])
        item["waited"] = f"{int(waited.total_seconds() // 60)}분"
    return render(
        request,
        "handoffs.html",
        status,
        open_items=[i for i in items if i["status"] != "closed"],
        closed_items=[i for i in items if i["status"] == "closed"][:20],
        error=error,
        nav="handoffs",
    )


async def _handoff_page(
    request: Request, handoff_id: int, error: str | None = None, status: int = 200
) -> HTTPResponse:
    """The live conversation: history, slots, and (for its holder) the message box."""
    view, failed = await _try(ops.handoff_view(config(request), handoff_id))
    if failed:
        return render(
            request,
            "message.html",
            failed.status,
            title="상담 연결",
            message=str(failed),
            nav="handoffs",
        )
    return render(request, "handoff.html", status, h=view, error=error, nav="handoffs")


def _handoff_form(request: Request, handoff_id: int, form: str) -> Submission:
    """``take`` takes the conversation, ``message`` sends a message (the form's fallback when
    script is off), ``release`` hands the conversation back to the bot."""
    cfg, staff, here = config(request), request.ctx.staff, f"/console/handoffs/{handoff_id}"
    if form == "take":
        return ops.take(cfg, staff, handoff_id), f"{here}?done=taken"
    if form == "message":
        return ops.message(cfg, staff, handoff_id, _form(request, "text")), f"{here}?done=sent"
    return ops.release(cfg, staff, handoff_id), "/console/handoffs?done=released"


_record_routes("handoffs", _handoff_page, ("take", "message", "release"), _handoff_form)


async def _bookings_page(
    request: Request, error: str | None = None, status: int = 200
) -> HTTPResponse:
    url = config(request).database_url
    try:
        day = date.fromisoformat(request.args.get("day") or _form(request, "day"))
    except ValueError:
        day = clock.now().date()
    expert = request.args.get("expert") or _form(request, "expert") or ""
    items, experts = await run(
        run_unit,
        lambda session: (
            queries.list_bookings(session=session, day=day, expert_id=expert or None),
            queries.list_experts(session=session, include_inactive=True),
        ),
        url=url,
    )
    by_expert: dict[str, list[dict[str, Any]]] = {}
    for info in items:
        by_expert.setdefault(info.expert_id, []).append(staff_listing.booking_dict(info))
    return render(
        request,
        "bookings.html",
        status,
        day=day,
        expert=expert,
        experts=experts,
        by_expert=by_expert,
        names={e.id: f"{e.name} {e.title}" for e in experts},
        error=error,
        nav="bookings",
        previous=(day - timedelta(days=1)).isoformat(),
        next_day=(day + timedelta(days=1)).isoformat(),
        live=LIVE_STATUSES,
    )


@bp.get("/bookings")
@requires(page=True)
async def bookings(request: Request) -> HTTPResponse:
    """Bookings per expert for one day."""
    return await _bookings_page(request)


async def _change(request: Request, code: str, move: bool) -> HTTPResponse:
    staff = request.ctx.staff
    if not staff.is_admin:
        return await _bookings_page(request, "관리자만 예약을 취소하거나 옮길 수 있습니다.", 403)
    start = None
    if move:
        start = f"{_form(request, 'new_day')}T{_form(request, 'new_time')}"
    query = urlencode(
        {
            "day": _form(request, "day"),
            "expert": _form(request, "expert"),
            "done": "moved" if move else "cancelled",
        }
    )
    return await _submitted(
        ops.change_booking(config(request), staff, code, start, move=move),
        partial(_bookings_page, request),
        f"/console/bookings?{query}",
    )


@bp.post("/bookings/<code>/cancel")
@requires(page=True)
async def cancel_booking(request: Request, code: str) -> HTTPResponse:
    """Cancel a booking (admins)."""
    return await _change(request, code, move=False)


@bp.post("/bookings/<code>/move")
@requires(page=True)
async def move_booking(request: Request, code: str) -> HTTPResponse:
    """Move a booking (admins)."""
    return await _change(request, code, move=True)


@bp.get("/dashboard")
@requires(page=True)
async def dashboard(request: Request) -> HTTPResponse:
    """Inquiries per field per day, who resolved them, and booking conversion, as charts."""
    last_day = clock.now().date()
    figures = await ops.synced(
        config(request).database_url,
        lambda session: stats.compute(session=session, last_day=last_day, days=14),
    )
    per_field = charts.stacked_bars(
        "분야별 전문가 상담 문의 (최근 14일)", figures.days, figures.per_field, FIELD_NAMES
    )
    resolved = charts.share_bar(
        "처리 주체",
        [
            ("챗봇이 해결", figures.resolved_by_bot),
            ("상담원 연결", figures.handed_off),
            ("미해결", figures.unresolved),
        ],
    )
    conversion = charts.share_bar(
        "상담 문의의 예약 전환",
        [("예약함", figures.booked), ("예약 안 함", figures.consultations - figures.booked)],
    )
    return render(
        request,
        "dashboard.html",
        figures=figures,
        per_field=per_field,
        resolved=resolved,
        conversion=conversion,
        nav="dashboard",
    )
