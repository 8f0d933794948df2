"""KakaoTalk: the assistant as a Kakao i Open Builder skill, served at
``/webhooks/kakao/webhook`` by Rasa (``credentials.yml`` names ``KakaoInput``).

Open Builder calls the skill once per user message and waits 5 seconds for the answer.
So a turn is started at once and given ``BIZCALL_KAKAO_ANSWER_SECONDS`` (3.5 s):

* finished: its messages are answered as a 2.0 skill response (``bot.kakao.response``);
* not finished, and the block has Kakao's callback (``userRequest.callbackUrl``): the skill
  answers ``useCallback`` at once and POSTs the real answer to that URL when the turn ends
  (valid once, for a minute; only hosts in ``BIZCALL_KAKAO_CALLBACK_HOSTS`` are called);
* not finished, no callback: a "still working" reply before the 5 seconds run out; the
  answer waits in the user's mailbox and comes with their next message.

KakaoTalk cannot be written to first, so messages Rasa sends on its own (an agent in the
staff console, ``output_channel=latest``) go to the same mailbox (``bot.kakao.mailbox``:
in Redis when several replicas share it, else in memory). The rest of a long answer
("더 보기") and the buttons last offered are kept in memory, per sender, for the most
recent users (nginx keeps a Kakao user on one replica): what a restart loses is a
convenience, never a conversation.

A request is refused with 400 at once when it is too large, not JSON, or not shaped like
a skill request, and with 401 when ``BIZCALL_KAKAO_SKILL_TOKEN`` is set and the
``X-Bizcall-Skill-Token`` header does not match. The Kakao user id is hashed before
anything else sees it (``bot.kakao.request``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Final
from urllib.parse import urlsplit

import aiohttp
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.kakao import limits
from bot.kakao.mailbox import Mailbox, Recent, mailbox_for
from bot.kakao.request import MAX_BODY_BYTES, SkillRequest, id_secret, read_request
from bot.kakao.response import (
    LABELS,
    Options,
    Reply,
    callback_wait,
    language_of,
    page,
    text_response,
    to_reply,
)
from bot.language import detect_language
from bot.settings import Settings, get_settings
from bot.web.inbound import EdgeReply, Inbound, Rejected

logger = logging.getLogger(__name__)

TOKEN_HEADER: Final = "X-Bizcall-Skill-Token"
HARD_LIMIT_SECONDS: Final = 4.5
"""Latest moment to answer without a callback: Open Builder gives up at 5 s."""
STILL_WORKING: Final = {
    "ko": "답변을 준비하는 데 시간이 조금 더 걸리고 있습니다. 잠시 후 아무 말씀이나 "
    "보내 주시면 준비된 답변을 보여 드리겠습니다.",
    "en": "Your answer is taking a little longer. Send me any message in a moment and I "
    "will show it to you.",
}
FAILED: Final = {
    "ko": "죄송합니다. 지금은 답변을 드리지 못했습니다. 잠시 후 다시 말씀해 주세요.",
    "en": "Sorry, I could not answer just now. Please try again in a moment.",
}


class KakaoCollector(CollectingOutputChannel):
    """Collects one turn's messages: texts whole (Rasa's collector splits them at blank
    lines), with the name of the response that produced them (``utter_action``)."""

    @classmethod
    def name(cls) -> str:
        """The output channel's name, as the tracker records it."""
        return "kakao"

    def _tagged(self, recipient_id: str, kwargs: dict[str, Any], **fields: Any) -> dict[str, Any]:
        message = self._message(recipient_id, **fields)
        if kwargs.get("utter_action"):
            message["utter_action"] = kwargs["utter_action"]
        return dict(message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """One message per bot message."""
        await self._persist_message(self._tagged(recipient_id, kwargs, text=text.strip()))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """The text and its buttons together."""
        await self._persist_message(
            self._tagged(recipient_id, kwargs, text=text.strip(), buttons=buttons)
        )


class MailboxOutput(KakaoCollector):
    """Where Rasa's own messages to a Kakao user go: kept until the user writes again."""

    def __init__(self, mailbox: Mailbox) -> None:
        super().__init__()
        self._mailbox = mailbox

    async def _persist_message(self, message: dict[str, Any]) -> None:
        self._mailbox.append(message["recipient_id"], [message])


def callback_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    """True for an https URL on an allowed host or its subdomain (plain http only on the
    loopback interface, for local tests)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if not host or not any(host == h or host.endswith("." + h) for h in hosts):
        return False
    return parts.scheme == "https" or (
        parts.scheme == "http" and host in ("127.0.0.1", "localhost")
    )


async def post_callback(url: str, body: dict[str, Any]) -> None:
    """POST the late answer to Kakao's callback URL; a failure is logged, never raised."""
    try:
        timeout = aiohttp.ClientTimeout(total=10)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(url, json=body) as resp,
        ):
            if resp.status >= 400:
                logger.warning("Kakao callback answered %s", resp.status)
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
        logger.warning("Kakao callback failed: %s", type(exc).__name__)


def _body(request: Request) -> Any:
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return None


class KakaoInput(InputChannel):
    """The Open Builder skill webhook."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.options = Options(
            operator=self.settings.kakao_operator,
            notices_url=self.settings.notices_url,
            block_id=self.settings.kakao_block_id,
        )
        self.mailbox: Mailbox = mailbox_for(self.settings.redis_url)
        self.pages: Recent[Reply] = Recent()
        self.offered: Recent[dict[str, str]] = Recent()
        self._secret: bytes | None = None
        self._background: set[asyncio.Future[Any]] = set()

    @classmethod
    def name(cls) -> str:
        """Serves ``/webhooks/kakao/webhook``."""
        return "kakao"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Everything is configured by ``BIZCALL_KAKAO_*`` settings, nothing in credentials."""
        return cls()

    def get_output_channel(self) -> MailboxOutput:
        """Messages Rasa sends on its own wait for the user's next message."""
        return MailboxOutput(self.mailbox)

    @property
    def secret(self) -> bytes:
        """The sender-id key, read (or made) on first use."""
        if self._secret is None:
            self._secret = id_secret(self.settings.kakao_id_secret, self.settings.var_dir)
        return self._secret

    def authorised(self, request: Request) -> bool:
        """The shared secret header matches, or none is configured."""
        wanted = self.settings.kakao_skill_token
        given = request.headers.get(TOKEN_HEADER, "")
        return not wanted or hmac.compare_digest(given.encode(), wanted.encode())

    def remember(self, sender: str, reply: Reply) -> dict[str, Any]:
        """Keep what a reply left for later ("더 보기", pressed labels); return its JSON."""
        if reply.rest:
            self.pages.put(sender, reply)
        else:
            self.pages.pop(sender)
        if reply.offered:
            self.offered.put(sender, reply.offered)
        problems = limits.problems(reply.response)
        if problems:  # never send what Kakao would refuse; the tests keep this unreachable
            logger.error("Kakao response outside the limits: %s", "; ".join(problems[:3]))
            return text_response(FAILED[language_of([])])
        return reply.response

    def answer(self, sender: str, messages: list[dict[str, Any]]) -> dict[str, Any]:
        """The response for ``messages``, after whatever waited in the sender's mailbox."""
        waiting = self.mailbox.pop(sender) or []
        return self.remember(sender, to_reply([*waiting, *messages], self.options))

    def next_page(self, sender: str) -> dict[str, Any] | None:
        """The rest of the last long answer, or None when nothing is left."""
        previous = self.pages.pop(sender)
        if previous is None:
            return None
        language = language_of([{"text": json.dumps(previous.rest, ensure_ascii=False)}])
        return self.remember(
            sender, page(previous.rest, previous.quick_replies, language, self.options)
        )

    def pressed(self, skill: SkillRequest, inbound: Inbound) -> Inbound:
        """A label typed or pressed without ``clientExtra`` still sends the button's payload."""
        if skill.from_button:
            return inbound
        payload = (self.offered.get(inbound.sender) or {}).get(skill.utterance.strip())
        return dataclasses.replace(inbound, text=payload) if payload else inbound

    async def run_turn(
        self,
        inbound: Inbound,
        callback_url: str | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> dict[str, Any]:
        """Run one Rasa turn within Kakao's time limit (see the module docstring)."""
        collector = KakaoCollector()
        task = asyncio.ensure_future(on_new_message(inbound.user_message(collector, self.name())))
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        language = detect_language(inbound.text)
        await asyncio.wait({task}, timeout=self.settings.kakao_answer_seconds)
        if not task.done() and callback_url:
            task.add_done_callback(
                lambda t: self._send_late(t, inbound.sender, collector, callback_url)
            )
            return callback_wait(language)
        if not task.done():
            await asyncio.wait(
                {task}, timeout=max(0.0, HARD_LIMIT_SECONDS - self.settings.kakao_answer_seconds)
            )
        if not task.done():
            task.add_done_callback(lambda t: self._keep_late(t, inbound.sender, collector))
            return text_response(STILL_WORKING[language])
        if task.cancelled() or task.exception() is not None:
            logger.error(
                "Kakao turn failed: %s",
                "cancelled" if task.cancelled() else type(task.exception()).__name__,
            )
            return text_response(FAILED[language])
        return self.answer(inbound.sender, collector.messages)

    def _send_late(
        self, task: asyncio.Future[Any], sender: str, collector: KakaoCollector, url: str
    ) -> None:
        failed = task.cancelled() or task.exception() is not None
        messages = (
            [{"text": FAILED[language_of(collector.messages)]}] if failed else (collector.messages)
        )
        posting = asyncio.ensure_future(post_callback(url, self.answer(sender, messages)))
        self._background.add(posting)
        posting.add_done_callback(self._background.discard)

    def _keep_late(self, task: asyncio.Future[Any], sender: str, collector: KakaoCollector) -> None:
        if not task.cancelled() and task.exception() is None and collector.messages:
            self.mailbox.append(sender, collector.messages)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """``GET /`` (health) and ``POST /webhook`` (the skill)."""
        hook = Blueprint("kakao_webhook", __name__)
        max_chars = self.settings.max_message_chars

        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def receive(request: Request) -> HTTPResponse:
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.json({"error": "the request is too large"}, status=400)
            if not self.authorised(request):
                return response.json({"error": "unknown skill token"}, status=401)
            skill = read_request(_body(request), secret=self.secret, max_chars=max_chars)
            if isinstance(skill, Rejected):
                return response.json({"error": skill.reason}, status=400)
            if isinstance(skill.inbound, EdgeReply):
                return response.json(text_response(skill.inbound.reply))
            sender = skill.inbound.sender
            more_words = {words["more"] for words in LABELS.values()}
            if skill.wants_more or skill.utterance.strip() in more_words:
                shown = self.next_page(sender)
                if shown is not None:
                    return response.json(shown)
            inbound = self.pressed(skill, skill.inbound)
            callback = skill.callback_url
            if callback and not callback_allowed(callback, self.settings.kakao_callback_hosts):
                logger.warning("Kakao callback URL on a host not allowed; answering directly")
                callback = None
            return response.json(
                await self.run_turn(inbound, callback, on_new_message), ensure_ascii=False
            )

        hook.add_route(health, "/", methods=["GET"])
        hook.add_route(receive, "/webhook", methods=["POST"])
        return hook
