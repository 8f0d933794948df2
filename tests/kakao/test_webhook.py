"""bot/web/kakao.py over HTTP (in-process ASGI), with Rasa replaced by a scripted double and
Kakao's callback by a real local HTTP server; every response goes through ``valid``."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import warnings
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.kakao.request import sender_for
from bot.settings import load_settings
from bot.web import kakao
from bot.web.kakao import KakaoInput, callback_allowed
from tests.kakao.conftest import fixture, skill_request, valid
from tests.support.asgi import AsgiClient, Lifespan

URL = "/webhooks/kakao/webhook"
USER = "kakao-test-user-0001"


class ScriptedRasa:
    """Answers each text with scripted messages; ``gate`` holds a turn until it is set."""

    def __init__(self) -> None:
        self.received: list[tuple[str, str, str | None]] = []
        self.script: dict[str, list[dict[str, Any]]] = {}
        self.gate: asyncio.Event | None = None

    async def __call__(self, message: UserMessage) -> None:
        self.received.append((message.sender_id, message.text, message.input_channel))
        if self.gate is not None:
            await self.gate.wait()
        for reply in self.script.get(message.text, [{"text": f"답: {message.text}"}]):
            await message.output_channel.send_response(message.sender_id, dict(reply))


@dataclasses.dataclass
class Skill:
    client: AsgiClient
    channel: KakaoInput
    rasa: ScriptedRasa
    secret: bytes

    def sender(self, user: str = USER) -> str:
        return sender_for(user, self.secret)


async def _skill(tmp_path: Path, **settings: Any) -> AsyncIterator[Skill]:
    base = dataclasses.replace(
        load_settings(),
        var_dir=tmp_path,
        kakao_id_secret="s3cret",
        kakao_callback_hosts=("127.0.0.1",),
        **settings,
    )
    channel = KakaoInput(base)
    rasa = ScriptedRasa()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        app = Sanic("kakao_test", register=False)
    app.blueprint(channel.blueprint(rasa), url_prefix=f"/webhooks/{channel.url_prefix()}")
    lifespan = Lifespan(app)
    await lifespan.start()
    try:
        yield Skill(AsgiClient(app, origin="https://bot-api.kakao.com"), channel, rasa, b"s3cret")
    finally:
        await lifespan.stop()


@pytest.fixture()
async def skill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Skill]:
    monkeypatch.setattr(Sanic, "test_mode", True)
    async for running in _skill(tmp_path):
        yield running


@pytest.fixture()
async def slow_skill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Skill]:
    """Gives Rasa no time at all: every turn counts as a long one."""
    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setattr(kakao, "HARD_LIMIT_SECONDS", 0.0)
    async for running in _skill(tmp_path, kakao_answer_seconds=0.0):
        running.rasa.gate = asyncio.Event()
        yield running


async def _post(skill: Skill, body: Any, headers: dict[str, str] | None = None) -> Any:
    response = await skill.client.post(URL, json=body, headers=headers)
    assert response.status == 200, response.text
    return valid(response.json())


async def test_a_message_is_answered_as_a_skill_response(skill: Skill) -> None:
    skill.rasa.script["청년취업사관학교 신청 자격이 뭐예요?"] = [
        {"text": "청년취업사관학교의 신청 대상은 20~30대 구직자입니다."}
    ]
    assert await _post(skill, fixture("request_text.json")) == {
        "version": "2.0",
        "template": {
            "outputs": [
                {"simpleText": {"text": "청년취업사관학교의 신청 대상은 20~30대 구직자입니다."}}
            ]
        },
    }
    user = fixture("request_text.json")["userRequest"]["user"]["id"]
    assert skill.rasa.received == [
        (sender_for(user, b"s3cret"), "청년취업사관학교 신청 자격이 뭐예요?", "kakao")
    ]


async def test_a_pressed_label_sends_the_payload_with_or_without_client_extra(skill: Skill) -> None:
    skill.rasa.script["노무 상담"] = [
        {"text": "예약할까요?", "buttons": [{"title": "네, 예약할게요", "payload": "/affirm"}]}
    ]
    await _post(skill, skill_request("노무 상담"))
    await _post(skill, skill_request("네, 예약할게요", extra={"payload": "/affirm"}))
    await _post(skill, skill_request("노무 상담"))
    await _post(skill, skill_request("네, 예약할게요"))  # no clientExtra: the label is mapped
    assert [text for _, text, _ in skill.rasa.received] == [
        "노무 상담",
        "/affirm",
        "노무 상담",
        "/affirm",
    ]


async def test_more_shows_the_rest_without_a_turn(skill: Skill) -> None:
    skill.rasa.script["길게"] = [{"text": f"{n}번째 문단입니다. " + "가" * 900} for n in range(4)]
    first = await _post(skill, skill_request("길게"))
    assert first["template"]["quickReplies"][0]["extra"] == {"more": True}
    rest = await _post(skill, skill_request("더 보기", extra={"more": True}))
    assert rest["template"]["outputs"][0]["simpleText"]["text"].startswith("3번째 문단입니다.")
    assert "quickReplies" not in rest["template"]
    assert [text for _, text, _ in skill.rasa.received] == ["길게"]


async def test_an_agent_message_waits_for_the_users_next_message(skill: Skill) -> None:
    await skill.channel.get_output_channel().send_response(
        skill.sender(), {"text": "상담원 김서울입니다. 무엇을 도와드릴까요?"}
    )
    answer = await _post(skill, skill_request("안녕하세요"))
    assert answer["template"]["outputs"] == [
        {"simpleText": {"text": "상담원 김서울입니다. 무엇을 도와드릴까요?\n\n답: 안녕하세요"}}
    ]


async def test_an_over_long_message_is_answered_politely_without_a_turn(skill: Skill) -> None:
    answer = await _post(skill, skill_request("가" * 2001))
    assert "2,000" in answer["template"]["outputs"][0]["simpleText"]["text"]
    assert skill.rasa.received == []


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b"{not json", 400, "the body must be a JSON object"),
        (
            json.dumps({"userRequest": {"utterance": "안녕"}}).encode(),
            400,
            "userRequest.user.id must be a non-empty string",
        ),
        (
            json.dumps({**skill_request("안녕"), "padding": "x" * 70_000}).encode(),
            400,
            "the request is too large",
        ),
    ],
)
async def test_malformed_requests_get_400_at_once(
    skill: Skill, body: bytes, status: int, error: str
) -> None:
    response = await skill.client.post(URL, raw=body)
    assert (response.status, response.json()) == (status, {"error": error})
    assert skill.rasa.received == []


async def test_a_wrong_skill_token_gets_401(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Sanic, "test_mode", True)
    async for running in _skill(tmp_path, kakao_skill_token="open-builder-token"):
        refused = await running.client.post(
            URL, json=skill_request("안녕"), headers={"X-Bizcall-Skill-Token": "guess"}
        )
        assert (refused.status, refused.json()) == (401, {"error": "unknown skill token"})
        await _post(
            running, skill_request("안녕"), headers={"X-Bizcall-Skill-Token": "open-builder-token"}
        )
        assert [text for _, text, _ in running.rasa.received] == ["안녕"]


@pytest.fixture()
async def callback_receiver() -> AsyncIterator[tuple[str, asyncio.Queue[Any]]]:
    """A stand-in for Kakao's callback endpoint on 127.0.0.1: queues every body it gets."""
    received: asyncio.Queue[Any] = asyncio.Queue()

    async def handle(request: web.Request) -> web.Response:
        await received.put(await request.json())
        return web.json_response({"taskId": "t-1", "status": "SUCCESS"})

    app = web.Application()
    app.router.add_post("/callback/one-time", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}/callback/one-time", received
    finally:
        await runner.cleanup()


async def test_a_long_turn_answers_use_callback_and_posts_the_answer_later(
    slow_skill: Skill, callback_receiver: tuple[str, asyncio.Queue[Any]]
) -> None:
    url, received = callback_receiver
    slow_skill.rasa.script["How can InvestSeoul help a foreign company?"] = [
        {
            "text": "Invest Seoul helps foreign companies set up in Seoul.",
            "buttons": [{"title": "Book a consultation", "payload": "/request_consultation"}],
        }
    ]
    body = fixture("request_callback.json")
    body["userRequest"]["callbackUrl"] = url
    assert await _post(slow_skill, body) == {
        "version": "2.0",
        "useCallback": True,
        "data": {"text": "Let me look that up. The answer will follow in a moment."},
    }
    assert received.empty()
    assert slow_skill.rasa.gate is not None
    slow_skill.rasa.gate.set()
    posted = valid(await asyncio.wait_for(received.get(), timeout=30))
    assert posted == {
        "version": "2.0",
        "template": {
            "outputs": [
                {"simpleText": {"text": "Invest Seoul helps foreign companies set up " "in Seoul."}}
            ],
            "quickReplies": [
                {
                    "label": "Book a consul…",
                    "action": "message",
                    "messageText": "Book a consultation",
                    "extra": {"payload": "/request_consultation"},
                }
            ],
        },
    }


async def test_a_long_turn_without_callback_comes_with_the_next_message(
    slow_skill: Skill, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await _post(slow_skill, skill_request("청년취업사관학교 알려주세요"))
    assert first["template"]["outputs"][0]["simpleText"]["text"].startswith(
        "답변을 준비하는 데 시간이 조금 더 걸리고 있습니다."
    )
    assert slow_skill.rasa.gate is not None
    slow_skill.rasa.gate.set()
    for _ in range(200):  # let the held turn finish (it runs on this event loop)
        if slow_skill.channel.mailbox.get(slow_skill.sender()):
            break
        await asyncio.sleep(0.01)
    monkeypatch.setattr(kakao, "HARD_LIMIT_SECONDS", 4.5)  # the next turn is quick
    slow_skill.channel.settings = dataclasses.replace(
        slow_skill.channel.settings, kakao_answer_seconds=3.5
    )
    second = await _post(slow_skill, skill_request("고마워요"))
    assert second["template"]["outputs"] == [
        {"simpleText": {"text": "답: 청년취업사관학교 알려주세요\n\n답: 고마워요"}}
    ]


async def test_a_callback_url_elsewhere_is_never_called(slow_skill: Skill) -> None:
    answer = await _post(
        slow_skill, skill_request("안녕", callback_url="https://collector.example/steal")
    )
    assert "useCallback" not in answer
    assert slow_skill.rasa.gate is not None
    slow_skill.rasa.gate.set()


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://bot-api.kakao.com/callback/x", True),
        ("https://kakao.com/cb", True),
        ("http://bot-api.kakao.com/callback/x", False),
        ("https://kakao.com.evil.example/cb", False),
        ("https://evilkakao.com/cb", False),
        ("http://127.0.0.1:8080/cb", False),
        ("not a url", False),
    ],
)
def test_callback_hosts(url: str, allowed: bool) -> None:
    assert callback_allowed(url, ("kakao.com", "kakaoi.ai")) is allowed
