"""The Rasa server's HTTP API, as the console uses it (server to server, a signed header per call).

The console never talks to the user's browser itself: a message an agent types is
appended to the conversation as a ``bot`` event with ``output_channel=latest`` and
``execute_side_effects=true``, so Rasa delivers it through the channel the user last
wrote on — for the widget, its socket.io room (the session id) — and stores it in the
tracker like any bot message. Pausing and resuming are tracker events as well.
"""

from __future__ import annotations

import json
from typing import Any, Final
from urllib.parse import quote

import aiohttp

from bot.rasa_auth import rasa_headers

TIMEOUT: Final = aiohttp.ClientTimeout(total=15)


class RasaError(RuntimeError):
    """The Rasa server could not be reached or refused a request."""


class RasaClient:
    """A thin client; one short-lived HTTP session per call keeps it loop-agnostic."""

    def __init__(self, base_url: str, token: str | None):
        """Talk to ``base_url`` (``http://127.0.0.1:5005``), signing with the stack's secret."""
        self.base_url = base_url.rstrip("/")
        self.secret = token or ""

    async def _call(
        self, method: str, path: str, body: Any = None, params: dict[str, str] | None = None
    ) -> Any:
        query = dict(params or {})
        headers = {"Content-Type": "application/json", **rasa_headers(self.secret)}
        try:
            async with (
                aiohttp.ClientSession(timeout=TIMEOUT) as http,
                http.request(
                    method,
                    self.base_url + path,
                    params=query,
                    data=None if body is None else json.dumps(body),
                    headers=headers,
                ) as resp,
            ):
                text = await resp.text()
                if resp.status >= 400:
                    raise RasaError(f"Rasa {method} {path}: HTTP {resp.status}: {text[:200]}")
                return json.loads(text) if text else None
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise RasaError(f"Rasa unreachable at {self.base_url}: {exc}") from exc

    async def parse(self, text: str) -> dict[str, Any]:
        """The trained model's parse of ``text`` (``POST /model/parse``)."""
        return dict(await self._call("POST", "/model/parse", {"text": text}))

    async def tracker(self, conversation_id: str) -> dict[str, Any]:
        """The conversation's tracker: events of every session and the current slots."""
        return dict(
            await self._call(
                "GET",
                f"/conversations/{quote(conversation_id, safe='')}" "/tracker",
                params={"include_events": "ALL"},
            )
        )

    async def append(self, conversation_id: str, events: list[dict[str, Any]]) -> None:
        """Append events; bot messages among them go out on the user's latest channel."""
        await self._call(
            "POST",
            f"/conversations/{quote(conversation_id, safe='')}" "/tracker/events",
            events,
            params={"output_channel": "latest", "execute_side_effects": "true"},
        )

    async def say(self, conversation_id: str, text: str, *, agent: str) -> None:
        """Deliver ``text`` to the user as a message from ``agent``."""
        await self.append(
            conversation_id, [{"event": "bot", "text": text, "metadata": {"agent": agent}}]
        )

    async def resume(self, conversation_id: str, text: str | None) -> None:
        """Give the conversation back to the bot, listening, optionally saying so."""
        events: list[dict[str, Any]] = [
            {"event": "resume"},
            {"event": "action", "name": "action_listen"},
        ]
        if text:
            events.append({"event": "bot", "text": text, "metadata": {"handoff": "back"}})
        await self.append(conversation_id, events)
