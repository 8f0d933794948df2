"""Rasa's REST channel behind the inbound check (``bot.web.inbound``).

Same path (``/webhooks/rest/webhook``) and replies as ``rest``: a list of bot messages.
A malformed body gets 400 with a reason, at once; an over-long message gets the polite
"please shorten it" reply without touching the model, so it costs other users nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.web.inbound import EdgeReply, Inbound, Rejected, check


def _body(request: Request) -> Any:
    try:
        return request.json
    except Exception:  # Sanic raises InvalidUsage for bad JSON, UnicodeDecodeError for bad UTF-8
        return None


class GuardedRestInput(RestInput):
    """``rest`` with every request checked before Rasa sees it."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's channel name, so the webhook path and output channel stay ``rest``."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """``GET /`` (health) and ``POST /webhook``, checked."""
        from bot.settings import get_settings

        max_chars = get_settings().max_message_chars
        hook = Blueprint("guarded_rest_webhook", __name__)

        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def receive(request: Request) -> HTTPResponse:
            checked = check(_body(request), max_chars=max_chars)
            if isinstance(checked, Rejected):
                return response.json({"error": checked.reason}, status=400)
            if isinstance(checked, EdgeReply):
                return response.json([{"recipient_id": checked.sender, "text": checked.reply}])
            assert isinstance(checked, Inbound)
            collector = CollectingOutputChannel()
            await on_new_message(checked.user_message(collector, self.name()))
            return response.json(collector.messages)

        # add_route, not the decorator: Sanic's ``route`` decorator is untyped.
        hook.add_route(health, "/", methods=["GET"])
        hook.add_route(receive, "/webhook", methods=["POST"])
        return hook
