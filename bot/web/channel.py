"""Rasa's socket.io channel, with messages shaped for the bizcall widget.

Rasa's own ``SocketIOOutput`` has two habits that break a widget:

* ``send_custom_json`` passes the payload to ``AsyncServer.emit`` as keyword arguments,
  so a card such as ``{"type": "booking", "code": ...}`` raises ``TypeError`` (``emit``
  has no ``type`` parameter) and never reaches the browser. Here a custom payload is sent
  as ``{"custom": payload}``, the same shape the REST channel returns.
* Text is split at every blank line into separate messages. A bot message is one unit
  (an answer, a review of the booking), so it is sent whole; the widget keeps its line breaks.

With several replicas (``BIZCALL_REDIS_URL``) every emit goes through Redis, so a message
reaches the user whichever replica holds the socket (``share_messages_through_redis``).

And its ``session_request`` handler calls ``AsyncServer.enter_room`` without ``await``;
python-socketio 5.10+ made that a coroutine, so with ``session_persistence`` the browser
never joined its session's room and no reply reached it. The handler is replaced by one
that awaits, and that accepts only session ids shaped like the ones the widget makes.

Every message is checked before Rasa sees it (``bot.web.inbound``): a message too long to
process gets the polite reply at once, a malformed one is dropped and logged.

Everything else (session persistence, rooms, the ``/socket.io`` path, CORS) is Rasa's
unchanged channel. ``credentials.yml`` names this class instead of ``socketio``; its
``name()`` is still ``socketio`` so ``?output_channel=socketio`` keeps working.
"""

from __future__ import annotations

import inspect
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Final, cast

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint
from socketio import AsyncServer

from bot.web.inbound import EdgeReply, Rejected, check

logger = logging.getLogger(__name__)

SESSION_ID: Final = re.compile(r"[A-Za-z0-9_-]{8,64}")
"""A client-chosen session id: the widget's 32 hex digits, or anything similarly plain."""


def session_id_from(data: Any) -> str:
    """The session id a client asked for, or a new one if it asked for none or a bad one."""
    wanted = data.get("session_id") if isinstance(data, dict) else None
    if isinstance(wanted, str) and SESSION_ID.fullmatch(wanted):
        return wanted
    return uuid.uuid4().hex


class WidgetSocketIOOutput(SocketIOOutput):
    """Sends whole texts, and custom payloads under a ``custom`` key."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """One message per bot message, line breaks kept."""
        await self._send_message(recipient_id, {"text": text.strip()})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """The text and its quick replies in one message."""
        replies = [
            {"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons
        ]
        await self._send_message(recipient_id, {"text": text.strip(), "quick_replies": replies})

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """A card (or any custom payload) as ``{"custom": payload}``."""
        await self._send_message(recipient_id, {"custom": json_message})


def share_messages_through_redis(sio: AsyncServer) -> bool:
    """Send this server's socket.io messages through Redis when ``BIZCALL_REDIS_URL`` is set.

    With several Rasa replicas a user's socket lives in one of them, but a message for the
    user can start in another: an agent's reply appended through the HTTP API, or a turn
    that failed over. python-socketio's Redis manager publishes every emit on a channel all
    replicas listen to, and the one holding the socket's room delivers it. Swapped in right
    after Rasa builds the server, before any client has connected (the manager starts its
    listener on the first connection). Returns whether it did.
    """
    from bot.settings import get_settings

    url = get_settings().redis_url
    if not url:
        return False
    from socketio import AsyncRedisManager

    manager = AsyncRedisManager(url, channel="bizcall-socketio")
    manager.set_server(sio)
    sio.manager = manager
    sio.manager_initialized = False
    return True


class WidgetSocketIOInput(SocketIOInput):
    """Rasa's socket.io input whose replies go through ``WidgetSocketIOOutput``."""

    def get_output_channel(self) -> OutputChannel | None:
        """The output for messages Rasa sends on its own (HTTP API, reminders)."""
        if self.sio is None:
            return super().get_output_channel()
        return WidgetSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's blueprint, with each incoming message answered through our output."""

        async def handle(message: UserMessage) -> Any:
            # Rasa's handler builds a stock SocketIOOutput; swap it before the message runs.
            if self.sio is not None:
                message.output_channel = WidgetSocketIOOutput(self.sio, self.bot_message_evt)
            return await on_new_message(message)

        blueprint = super().blueprint(handle)
        sio = self.sio
        assert sio is not None  # set by super().blueprint
        share_messages_through_redis(sio)

        async def session_request(sid: str, data: Any) -> None:
            session_id = session_id_from(data)
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id)
                if inspect.isawaitable(joined):  # a coroutine since python-socketio 5.10
                    await joined
            await sio.emit("session_confirm", session_id, room=sid)

        from bot.settings import get_settings

        max_chars = get_settings().max_message_chars

        async def user_message(sid: str, data: Any) -> None:
            # Replaces Rasa's handler: every message is checked first (bot.web.inbound).
            wanted = data.get("session_id") if isinstance(data, dict) else None
            sender = wanted if self.session_persistence else sid
            if not isinstance(sender, str) or not SESSION_ID.fullmatch(sender):
                logger.warning("socket.io message without a valid session id ignored")
                return
            output = WidgetSocketIOOutput(sio, self.bot_message_evt)
            checked = check(data, max_chars=max_chars, sender=sender)
            if isinstance(checked, Rejected):
                logger.warning("socket.io message refused: %s", checked.reason)
                return
            if isinstance(checked, EdgeReply):
                await output.send_text_message(sender, checked.reply)
                return
            await on_new_message(checked.user_message(output, self.name()))

        # Registered by call, not as decorators: python-socketio has no type information.
        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, user_message, namespace=self.namespace)
        return cast(Blueprint, blueprint)
