"""The web app (bot/web/app.py) as a browser sees it: pages, widget files, headers, refusals.

The app runs as ``python -m bot.web.server``, the way ``bizcall run`` starts it, on a free
port; requests go over HTTP. No Rasa is needed: the app only tells the browser where it is.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest
from sanic import Blueprint
from sanic.response import text

from bot.settings import ROOT, load_settings
from bot.web import app as web_app
from bot.web import console
from tests.support.net import free_port

RASA = "http://127.0.0.1:5999"
STATIC = ROOT / "bot" / "web" / "static"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = (tmp_path_factory.mktemp("web") / "web.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.web.server", "--port", str(port), "--rasa-url", RASA],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{url}/config.json", timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, "web server exited"
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def _get(url: str) -> tuple[int, Message, bytes]:
    """Status, headers (case-insensitive) and body, for errors too."""
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def _code(path: Path) -> str:
    """A JS or CSS file without its comments (which may name what the code avoids)."""
    source = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    return re.sub(r"(?m)^\s*//.*$|\s//\s.*$", "", source)


def _raw_status(base_url: str, path: str) -> int:
    """GET a path exactly as written (urllib would resolve ``..`` first)."""
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def test_demo_page_loads_the_widget_with_one_script_tag(base_url: str) -> None:
    status, headers, body = _get(f"{base_url}/")
    page = body.decode()
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/widget/bizcall-widget.js" async>']
    # Everything the page itself loads comes from this server.
    loaded = re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]*)"', page)
    assert len(loaded) == 3 and all(u.startswith("/") for u in loaded), loaded


def test_every_response_carries_the_security_headers(base_url: str) -> None:
    for path in ("/", "/config.json", "/widget/bizcall-widget.js", "/no-such-page"):
        _, headers, _ = _get(f"{base_url}{path}")
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp, path
        assert f"connect-src 'self' {RASA} ws://127.0.0.1:5999" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_config_tells_the_widget_where_rasa_is(base_url: str) -> None:
    status, headers, body = _get(f"{base_url}/config.json")
    assert status == 200 and json.loads(body) == {"rasaUrl": RASA}
    assert headers["Access-Control-Allow-Origin"] == "*"  # widgets on other sites read it
    assert headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/widget/bizcall-widget.js", "text/javascript; charset=utf-8"),
        ("/widget/bizcall-widget.css", "text/css; charset=utf-8"),
        ("/vendor/socket.io-client/socket.io.min.js", "text/javascript; charset=utf-8"),
        ("/vendor/socket.io-client/LICENSE", "text/plain; charset=utf-8"),
        ("/demo/demo.css", "text/css; charset=utf-8"),
    ],
)
def test_widget_files_are_served_as_utf8(base_url: str, path: str, media_type: str) -> None:
    status, headers, body = _get(f"{base_url}{path}")
    assert status == 200 and headers["Content-Type"] == media_type and body


@pytest.mark.parametrize(
    "path",
    [
        "/widget/",
        "/widget",
        "/vendor/socket.io-client/",
        "/widget/../app.py",
        "/widget/%2e%2e/app.py",
        "/widget/..%2f..%2fsettings.py",
        "/demo/../index.html",
        "/widget/missing.js",
        "/static/index.html",
    ],
)
def test_no_listings_escapes_or_strays(base_url: str, path: str) -> None:
    assert _raw_status(base_url, path) == 404


def test_asset_path_refuses_what_it_must_not_serve() -> None:
    assert web_app.asset_path("widget", "bizcall-widget.js") is not None
    assert web_app.asset_path("widget", "") is None
    assert web_app.asset_path("widget", "../app.py") is None
    assert web_app.asset_path("demo", "../index.html") is None  # .html only at "/"


def test_csp_allows_secure_websockets_to_an_https_rasa() -> None:
    csp = web_app.content_security_policy("https://chat.example.kr")
    assert "connect-src 'self' https://chat.example.kr wss://chat.example.kr" in csp


def test_console_blueprints_are_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    probe = Blueprint("probe_for_test")

    @probe.get("/probe")
    async def handler(request: object) -> object:
        return text("ok")

    monkeypatch.setattr(console, "blueprints", [probe])
    app = web_app.create_app(load_settings(), RASA)
    assert "probe_for_test" in app.blueprints


def test_vendored_socketio_client_matches_its_recorded_checksum() -> None:
    folder = STATIC / "vendor" / "socket.io-client"
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert "Socket.IO v4.8.4" in (folder / "socket.io.min.js").read_text()[:200]


def test_widget_never_writes_html() -> None:
    # Text from the bot or the user is only ever set with textContent.
    source = _code(STATIC / "widget" / "bizcall-widget.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source, sink


def test_widget_loads_nothing_from_elsewhere() -> None:
    for path in (STATIC / "widget").iterdir():
        assert not re.search(r"https?://", _code(path)), path.name
