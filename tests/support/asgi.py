"""An in-process HTTP client for a Sanic app over ASGI: no port, no thread, real routing.

Sanic 21.12 has no test client without the ``sanic-testing`` package; the app is an ASGI
application, so tests call it directly. A cookie jar makes sessions work across calls.
"""

from __future__ import annotations

import asyncio
import json as jsonlib
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from sanic import Sanic


@dataclass
class Response:
    """What the app answered."""

    status: int
    headers: dict[str, list[str]]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return jsonlib.loads(self.body)

    def header(self, name: str) -> str | None:
        values = self.headers.get(name.lower())
        return values[0] if values else None


class Lifespan:
    """Starts an app as an ASGI server would (route finalisation, listeners), and stops it."""

    def __init__(self, app: Sanic):
        self.app = app
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._sent: list[dict[str, Any]] = []
        self._task: asyncio.Future[None] | None = None

    async def _send(self, message: dict[str, Any]) -> None:
        self._sent.append(message)

    async def _wait_for(self, kind: str) -> None:
        for _ in range(500):
            if any(m["type"] == kind for m in self._sent):
                return
            if self._task is not None and self._task.done():
                self._task.result()  # raises what stopped the app
            await asyncio.sleep(0.01)
        raise TimeoutError(f"the app did not report {kind}")

    async def start(self) -> None:
        await self._queue.put({"type": "lifespan.startup"})
        self._task = asyncio.ensure_future(
            self.app({"type": "lifespan", "asgi": {"version": "3.0"}}, self._queue.get, self._send)
        )
        await self._wait_for("lifespan.startup.complete")

    async def stop(self) -> None:
        await self._queue.put({"type": "lifespan.shutdown"})
        await self._wait_for("lifespan.shutdown.complete")
        if self._task is not None:  # Sanic 21.12 goes on as if it were a request: stop it
            self._task.cancel()


@dataclass
class AsgiClient:
    """Calls ``app`` as a browser would from ``origin`` (cookies kept between calls)."""

    app: Sanic
    origin: str = "http://console.test"
    cookies: dict[str, str] = field(default_factory=dict)
    client_ip: str = "10.0.0.1"

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        query: dict[str, Any] | None = None,
        raw: bytes | None = None,
    ) -> Response:
        """One request; ``json``, ``form`` or ``raw`` bytes become the body (the app must be
        started)."""
        body = raw or b""
        all_headers = {"host": urlsplit(self.origin).netloc, **(headers or {})}
        if raw is not None:
            all_headers.setdefault("content-type", "application/json")
        elif json is not None:
            body = jsonlib.dumps(json).encode()
            all_headers["content-type"] = "application/json"
        elif form is not None:
            body = urlencode(form).encode()
            all_headers["content-type"] = "application/x-www-form-urlencoded"
        if method != "GET":
            all_headers.setdefault("origin", self.origin)
        if self.cookies:
            all_headers["cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers["content-length"] = str(len(body))
        path, _, raw_query = path.partition("?")
        query_string = quote(raw_query, safe="=&%+") or (urlencode(query) if query else "")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query_string.encode(),
            "root_path": "",
            "headers": [(k.lower().encode(), v.encode()) for k, v in all_headers.items()],
            "client": (self.client_ip, 50000),
            "server": ("console.test", 80),
        }
        chunks = [{"type": "http.request", "body": body, "more_body": False}]
        out: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return chunks.pop(0) if chunks else {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            out.append(message)

        await self.app(scope, receive, send)
        start = next(m for m in out if m["type"] == "http.response.start")
        headers_out: dict[str, list[str]] = {}
        for key, value in start["headers"]:
            headers_out.setdefault(key.decode().lower(), []).append(value.decode())
        for raw in headers_out.get("set-cookie", []):
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(raw)
            for name, morsel in cookie.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        data = b"".join(m.get("body", b"") for m in out if m["type"] == "http.response.body")
        return Response(status=start["status"], headers=headers_out, body=data)

    async def get(self, path: str, **kwargs: Any) -> Response:
        return await self.request("GET", path, **kwargs)

    async def post(self, path: str, **kwargs: Any) -> Response:
        return await self.request("POST", path, **kwargs)

    async def patch(self, path: str, **kwargs: Any) -> Response:
        return await self.request("PATCH", path, **kwargs)
