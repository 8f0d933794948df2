"""An Open Builder skill request, read into what Rasa needs: who, and what they said.

Open Builder POSTs one JSON object per user message (``intent``, ``userRequest``, ``bot``,
``action``). Only three things are taken from it:

* ``userRequest.user.id`` (the user's ``botUserKey``, stable per KakaoTalk user and bot)
  becomes the sender id as a keyed hash (HMAC-SHA256 with the setting
  ``BIZCALL_KAKAO_ID_SECRET``), so conversations continue across messages while the
  Kakao id itself is never stored, logged or shown to staff; without the secret the hash
  cannot be reversed or recomputed from a leaked id list;
* the text: a quick reply or card button the bot offered carries the bot's payload in
  ``action.clientExtra`` (``{"payload": "/choose_field{...}"}``); that payload goes to Rasa,
  while the chat shows the button's label as the user's message. Otherwise the utterance;
* ``userRequest.callbackUrl``, present when the block has Kakao's callback enabled.

Everything else (profile properties, block, params, bot) is dropped: nothing the bot does
depends on it, and ``plusfriendUserKey`` and ``appUserId`` are personal data too.
The text then goes through the same inbound check as every channel (``bot.web.inbound``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from bot.web.inbound import EdgeReply, Inbound, Rejected, check

MAX_BODY_BYTES: Final = 64 * 1024
"""A real skill request is 1-3 KB; anything near this is not from Open Builder."""
MAX_USER_ID: Final = 256
SENDER_PREFIX: Final = "kakao-"
MORE: Final = "more"
"""``clientExtra`` key of the "더 보기" quick reply (``bot.kakao.response``)."""


@dataclass(frozen=True)
class SkillRequest:
    """One checked skill request."""

    inbound: Inbound | EdgeReply
    """What goes to Rasa (or the polite reply given instead)."""
    utterance: str
    """What the chat showed as the user's message (a button's label for a button)."""
    from_button: bool
    """True when the text is a payload the bot offered (``clientExtra``)."""
    wants_more: bool
    """The "더 보기" quick reply: show the rest of the last answer, no Rasa turn."""
    callback_url: str | None


def sender_for(user_id: str, secret: bytes) -> str:
    """The conversation id of a Kakao user: ``kakao-`` and 40 hex digits of HMAC-SHA256.

    Deterministic (same user, same conversation) and one-way; 160 bits leave no collisions
    among any number of users SBA will have.
    """
    digest = hmac.new(secret, user_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return SENDER_PREFIX + digest[:40]


def id_secret(configured: str, var_dir: Path) -> bytes:
    """The HMAC key for sender ids: the setting, or a random key kept in ``var/``.

    A key generated on first use and kept in ``var/kakao-id.key`` (mode 0600) keeps
    conversations stable across restarts of one installation without any setup; a
    deployment with several machines sets ``BIZCALL_KAKAO_ID_SECRET`` on all of them.
    """
    if configured:
        return configured.encode("utf-8")
    path = var_dir / "kakao-id.key"
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return bytes.fromhex(key)


def _client_extra(action: Any) -> dict[str, Any]:
    extra = action.get("clientExtra") if isinstance(action, dict) else None
    return extra if isinstance(extra, dict) else {}


def read_request(body: Any, *, secret: bytes, max_chars: int) -> SkillRequest | Rejected:
    """Check a decoded request body and read it; ``Rejected`` says what is wrong (a 400)."""
    if not isinstance(body, dict):
        return Rejected("the body must be a JSON object")
    user_request = body.get("userRequest")
    if not isinstance(user_request, dict):
        return Rejected("userRequest must be an object")
    utterance = user_request.get("utterance")
    if not isinstance(utterance, str):
        return Rejected("userRequest.utterance must be a string")
    user = user_request.get("user")
    user_id = user.get("id") if isinstance(user, dict) else None
    if not isinstance(user_id, str) or not user_id.strip() or len(user_id) > MAX_USER_ID:
        return Rejected("userRequest.user.id must be a non-empty string")
    action = body.get("action")
    if action is not None and not isinstance(action, dict):
        return Rejected("action must be an object")
    callback = user_request.get("callbackUrl")
    if callback is not None and not isinstance(callback, str):
        return Rejected("userRequest.callbackUrl must be a string")
    extra = _client_extra(action)
    payload = extra.get("payload")
    from_button = isinstance(payload, str) and bool(payload.strip())
    text = payload if from_button else utterance
    sender = sender_for(user_id, secret)
    checked = check(
        {"message": text, "metadata": {"channel": "kakao"}}, max_chars=max_chars, sender=sender
    )
    if isinstance(checked, Rejected):
        return checked
    return SkillRequest(
        inbound=checked,
        utterance=utterance,
        from_button=from_button,
        wants_more=extra.get(MORE) is True,
        callback_url=callback or None,
    )
