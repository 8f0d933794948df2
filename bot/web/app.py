"""The web app: the demo page, the embeddable chat widget, and the staff pages of ``console``.

One small Sanic app (Sanic already ships with Rasa, so no second web framework), built by
``create_app`` and run by ``python -m bot.web.server``. Building it connects to nothing;
the console's blueprints open their database sessions per request.

Every response carries a strict Content-Security-Policy: scripts, styles and images only
from this origin, no inline script or style, and connections only to this origin and the
Rasa server. That is what makes the widget's "text is text" rule hold even if a bug ever
put markup into the page: an injected ``<script>`` or ``onerror=`` would not run.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from sanic import Sanic
from sanic.exceptions import NotFound
from sanic.request import Request
from sanic.response import BaseHTTPResponse, HTTPResponse, file, json

from bot.settings import Settings
from bot.web import console
from bot.web.console import expiry

STATIC: Final = Path(__file__).resolve().parent / "static"
ASSET_FOLDERS: Final = ("widget", "vendor", "demo")
"""Folders of ``static/`` served under their own name: ``/widget/bizcall-widget.js``."""

# UTF-8 said explicitly: a host page in another encoding (EUC-KR) must still read the
# widget's Korean correctly. Anything else is not served.
MEDIA_TYPES: Final = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    "": "text/plain; charset=utf-8",  # LICENSE
}


def asset_path(folder: str, name: str, root: Path = STATIC) -> Path | None:
    """The file ``root/<folder>/<name>``, or ``None`` for folders, escapes, NUL bytes and
    types not served (each of those is a 404, never a 500)."""
    if "\x00" in folder or "\x00" in name:
        return None
    try:
        base = (root / folder).resolve()
        path = (base / name).resolve()
    except (OSError, ValueError):
        return None
    if base not in path.parents or not path.is_file() or path.suffix not in MEDIA_TYPES:
        return None
    return path


def content_security_policy(rasa_url: str) -> str:
    """The CSP for every page: this origin, plus HTTP and WebSocket connections to Rasa."""
    parts = urlsplit(rasa_url)
    socket_scheme = "wss" if parts.scheme == "https" else "ws"
    if not parts.netloc:
        rasa = ""
    else:
        rasa = f"{parts.scheme}://{parts.netloc} {socket_scheme}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            f"connect-src 'self' {rasa}".rstrip(),
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def create_app(settings: Settings, rasa_url: str) -> Sanic:
    """Build the app for one stack.

    Args:
        settings: the process settings (kept on ``app.ctx.settings`` for the console).
        rasa_url: base URL of the Rasa server the widget talks to, e.g.
            ``http://127.0.0.1:5005``; the browser gets it from ``/config.json``.
    """
    # Kept out of Sanic's app registry so one process (a test) can build several apps.
    # Sanic 21.12 warns that register=False goes in 22.6; Rasa 3.6 pins 21.12.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        app = Sanic("bizcall_web", register=False)
    app.config.ACCESS_LOG = False  # Rasa logs the conversation; access lines add nothing
    app.ctx.settings = settings
    app.ctx.rasa_url = rasa_url.rstrip("/")
    csp = content_security_policy(app.ctx.rasa_url)

    @app.get("/")
    async def demo_page(request: Request) -> HTTPResponse:
        return await file(STATIC / "index.html", mime_type="text/html; charset=utf-8")

    @app.get("/config.json")
    async def widget_config(request: Request) -> HTTPResponse:
        # Read by widgets embedded on other sites too, hence open to every origin;
        # it holds nothing but the public Rasa address.
        return json(
            {"rasaUrl": app.ctx.rasa_url},
            headers={"Cache-Control": "no-store", "Access-Control-Allow-Origin": "*"},
        )

    @app.get(f"/<folder:{'|'.join(ASSET_FOLDERS)}>/<name:path>")
    async def asset(request: Request, folder: str, name: str) -> HTTPResponse:
        path = asset_path(folder, name)
        if path is None:
            raise NotFound("not found")  # no listings, no "..", no unknown types
        return await file(path, mime_type=MEDIA_TYPES[path.suffix])

    async def security_headers(request: Request, response: BaseHTTPResponse) -> None:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", csp)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cache-Control", "no-cache")  # revalidate: a new widget shows at once

    app.register_middleware(security_headers, "response")  # not a decorator: Sanic's is untyped
    for blueprint in console.blueprints:
        app.blueprint(blueprint)
    expiry.install(app, settings.handoff_wait_minutes)
    return app
