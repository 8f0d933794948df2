"""Who is asking, and may they: sessions, bearer tokens, CSRF, roles, per-request config.

* Browser requests carry the session cookie (HttpOnly, SameSite=Strict, ``Secure`` and the
  ``__Host-`` prefix when ``BIZCALL_SECURE_COOKIES`` is set for HTTPS). Every
  state-changing browser request must also carry the session's CSRF token — the
  ``X-CSRF-Token`` header (console script) or a ``csrf_token`` form field — and, when the
  browser sends one, an ``Origin`` equal to the console's own.
* Scripts send ``Authorization: Bearer <token>`` (``bizcall staff token``). A bearer token
  is never sent by a browser on its own, so it needs no CSRF token.
* Roles: ``agent`` works the queue, relabels and handoffs; ``admin`` also cancels and
  moves bookings and may take over or close another agent's handoff.
"""

from __future__ import annotations

import asyncio
import functools
import secrets
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json, redirect
from sqlalchemy.orm import Session

from bot import clock
from bot.console import auth
from bot.console.rasa import RasaClient
from bot.db import run_unit
from bot.settings import Settings, get_settings

T = TypeVar("T")
Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOGIN_CSRF_COOKIE = "bizcall_login_csrf"


@dataclass(frozen=True)
class ConsoleConfig:
    """What the console needs from its app: database, Rasa, cookie policy."""

    database_url: str
    rasa: RasaClient
    secure: bool

    @property
    def cookie(self) -> str:
        """Session cookie name; ``__Host-`` pins it to this host and path over HTTPS."""
        return "__Host-bizcall_staff" if self.secure else "bizcall_staff"


def config(request: Request) -> ConsoleConfig:
    """The console config of the app serving ``request`` (built once per app)."""
    return app_config(request.app)


def app_config(app: Sanic) -> ConsoleConfig:
    """The console config of ``app``, built on first use from its settings."""
    ctx = app.ctx
    found = getattr(ctx, "console_config", None)
    if found is None:
        settings: Settings = getattr(ctx, "settings", None) or get_settings()
        rasa_url = getattr(ctx, "rasa_url", None) or (
            f"http://{settings.host}:{settings.rasa_port}"
        )
        found = ConsoleConfig(
            database_url=settings.database_url,
            rasa=RasaClient(rasa_url, settings.rasa_token),
            secure=settings.secure_cookies,
        )
        ctx.console_config = found
    return found


async def run(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run blocking database work off the event loop (the widget shares this server)."""
    return await asyncio.to_thread(functools.partial(fn, *args, **kwargs))


async def in_unit(url: str, work: Callable[[Session], T]) -> T:
    """``work(session)`` as one unit of work off the event loop: handlers own the session."""
    return await run(run_unit, work, url=url)


def client_ip(request: Request) -> str:
    """The caller's address (``remote_addr`` when a trusted proxy is configured)."""
    return (request.remote_addr or request.ip or "unknown")[:64]


def set_cookie(
    response: HTTPResponse, name: str, value: str, *, secure: bool, max_age: int | None = None
) -> None:
    """A cookie scripts cannot read and other sites never get sent."""
    response.cookies[name] = value
    morsel = response.cookies[name]
    morsel["httponly"] = True
    morsel["samesite"] = "Strict"
    morsel["path"] = "/"
    if secure:
        morsel["secure"] = True
    if max_age is not None:
        morsel["max-age"] = max_age


def clear_cookie(response: HTTPResponse, name: str, *, secure: bool) -> None:
    """Expire a cookie now."""
    set_cookie(response, name, "", secure=secure, max_age=0)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization") or ""
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def identify(request: Request) -> auth.Staff | None:
    """The staff member behind ``request`` (cached on ``request.ctx``), or None."""
    if hasattr(request.ctx, "staff"):
        cached: auth.Staff | None = request.ctx.staff
        return cached
    cfg = config(request)
    bearer = _bearer(request)
    if bearer:
        token, kind = bearer, "api"
    else:
        token, kind = request.cookies.get(cfg.cookie) or "", "browser"
    staff = (
        await in_unit(
            cfg.database_url,
            lambda session: auth.authenticate(token, session=session, kind=kind, now=clock.now()),
        )
        if token
        else None
    )
    request.ctx.staff, request.ctx.token, request.ctx.kind = staff, token, kind
    return staff


def csrf_for(request: Request) -> str:
    """The CSRF token of the request's browser session ('' for bearer callers)."""
    token = getattr(request.ctx, "token", "")
    return auth.csrf_token(token) if token and request.ctx.kind == "browser" else ""


def same_origin(request: Request) -> bool:
    """False if the browser says the request comes from another origin."""
    origin = request.headers.get("origin")
    if not origin:
        return True  # not sent on same-origin navigations by some browsers
    host = request.headers.get("host", "")
    return bool(urlsplit(origin).netloc == host)


def csrf_passes(request: Request, provided: str | None) -> bool:
    """Bearer calls pass; browser calls need the session's token and a same-origin Origin."""
    if request.ctx.kind == "api":
        return True
    return same_origin(request) and auth.csrf_ok(request.ctx.token, provided)


def api_error(status: int, message: str) -> HTTPResponse:
    """The API's error shape: ``{"error": "..."}``."""
    return json({"error": message}, status=status)


def requires(*, admin: bool = False, page: bool = False) -> Callable[[Handler], Handler]:
    """Guard a handler: signed in, CSRF on unsafe methods, admin role if asked.

    Pages send a signed-out visitor to the login page; the API answers 401/403 JSON.
    """

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            staff = await identify(request)
            if staff is None:
                if page:
                    return redirect(f"/console/login?next={quote(request.path)}")
                return api_error(401, "로그인이 필요합니다.")
            if request.method in UNSAFE:
                provided = request.headers.get("x-csrf-token")
                if provided is None and page:
                    provided = (request.form or {}).get("csrf_token")
                if not csrf_passes(request, provided):
                    return api_error(
                        403,
                        "보안 토큰(CSRF)이 없거나 맞지 않습니다. "
                        "페이지를 새로 고친 뒤 다시 시도해 주세요.",
                    )
            if admin and not staff.is_admin:
                return api_error(403, "관리자만 할 수 있는 작업입니다.")
            response = await handler(request, *args, **kwargs)
            response.headers["Cache-Control"] = "no-store"  # staff data never cached
            return response

        return guarded

    return wrap


def new_login_csrf() -> str:
    """A random value for the login form's double-submit cookie."""
    return secrets.token_urlsafe(24)
