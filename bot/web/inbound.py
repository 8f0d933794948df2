"""What a chat channel lets through to Rasa: one check for every channel, before any work.

Rasa reads a message on its event loop; a 90,000-character message kept every other user
waiting for a minute, a number or a list in ``message`` crashed the REST channel, and a
lone surrogate, once stored, broke the staff console. So each channel (REST, socket.io,
Kakao) hands the raw request here first:

* the body must be an object; ``sender`` a string of 1–128 safe characters; ``message`` a
  string; ``metadata`` absent or a small object of plain values — otherwise ``Rejected``
  (the channel answers 400);
* the text is cleaned (``bot.text.clean``: NFKC, no control characters, lone surrogates
  and NUL dropped), so nothing that cannot be stored as UTF-8 reaches the tracker;
* a text longer than ``max_chars`` (setting ``BIZCALL_MAX_MESSAGE_CHARS``, 2,000), or one
  with nothing left after cleaning, is not processed at all: ``EdgeReply`` carries the
  polite reply (in the message's language where it has one).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Final

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.language import detect_language
from bot.text import clean, storable

SENDER: Final = re.compile(r"[A-Za-z0-9_.:@+-]{1,128}")
"""Sender ids channels may use (the widget's hex, Kakao's user keys, test names)."""
MAX_METADATA_CHARS: Final = 2_000
MAX_METADATA_KEYS: Final = 20


@dataclass(frozen=True)
class Inbound:
    """A message fit for Rasa."""

    sender: str
    text: str
    metadata: dict[str, Any] | None

    def user_message(self, output: OutputChannel, input_channel: str) -> UserMessage:
        """The message every channel hands Rasa, its answers going to ``output``."""
        return UserMessage(
            self.text, output, self.sender, input_channel=input_channel, metadata=self.metadata
        )


@dataclass(frozen=True)
class Rejected:
    """A request no channel should pass on; ``reason`` is safe to show the client."""

    reason: str


@dataclass(frozen=True)
class EdgeReply:
    """A well-formed message not worth processing (too long, or empty): ``reply`` says why."""

    sender: str
    reply: str


def _metadata(value: Any) -> dict[str, Any] | None | Rejected:
    if value is None:
        return None
    if isinstance(value, str):  # socket.io clients may send it as JSON text
        try:
            value = json.loads(value)
        except ValueError:
            return Rejected("metadata must be an object")
    if not isinstance(value, dict) or len(value) > MAX_METADATA_KEYS:
        return Rejected("metadata must be a small object")
    try:
        size = len(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError):
        return Rejected("metadata must hold plain values")
    if size > MAX_METADATA_CHARS:
        return Rejected("metadata is too large")
    cleaned = json.loads(storable(json.dumps(value, ensure_ascii=False)))
    return cleaned if isinstance(cleaned, dict) else None


def check(body: Any, *, max_chars: int, sender: Any = None) -> Inbound | Rejected | EdgeReply:
    """Check one request body (``sender`` given separately when the channel knows it)."""
    if not isinstance(body, dict):
        return Rejected("the body must be a JSON object")
    sender = body.get("sender") if sender is None else sender
    if not isinstance(sender, str) or not SENDER.fullmatch(sender):
        return Rejected("sender must be 1-128 letters, digits or _.:@+-")
    text = body.get("message")
    if not isinstance(text, str):
        return Rejected("message must be a string")
    metadata = _metadata(body.get("metadata"))
    if isinstance(metadata, Rejected):
        return metadata
    if len(text) > max_chars:
        language = detect_language(storable(text[:500]))
        return EdgeReply(sender, too_long_reply(max_chars, language))
    cleaned = clean(storable(text))
    if not cleaned:
        return EdgeReply(sender, _response("utter_message_empty", "ko"))
    return Inbound(sender, cleaned, metadata)


def _response(name: str, language: str) -> str:
    from bot.console.responses import response_text

    return response_text(name, language)


def too_long_reply(max_chars: int, language: str) -> str:
    """The reply to an over-long message, from the domain's ``utter_message_too_long``."""
    return _response("utter_message_too_long", language).format(max_chars=f"{max_chars:,}")
