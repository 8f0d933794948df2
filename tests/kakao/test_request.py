"""bot/kakao/request.py: an Open Builder skill request becomes a checked user message."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Any

import pytest

from bot.kakao.request import id_secret, read_request, sender_for
from bot.web.inbound import EdgeReply, Inbound, Rejected
from tests.kakao.conftest import fixture, skill_request

SECRET = b"test-secret"
USER = "d6a5cf9b3e4ccbf40c0ecd6d12b42bee2f80d1b4a68af77bb0b3c5c5cda6d71f63"
SENDER = "kakao-3904b2b70dc0492c631a8a68782dfcfe6a7e2dfa"


def test_the_sender_is_a_keyed_hash_of_the_kakao_user_id() -> None:
    assert sender_for(USER, SECRET) == SENDER
    assert SENDER[6:] == hmac.new(SECRET, USER.encode(), hashlib.sha256).hexdigest()[:40]
    assert sender_for(USER, b"another-secret") != SENDER


def test_a_typed_message_goes_to_rasa_as_typed() -> None:
    read = read_request(fixture("request_text.json"), secret=SECRET, max_chars=2000)
    assert not isinstance(read, Rejected)
    assert read.inbound == Inbound(
        SENDER, "청년취업사관학교 신청 자격이 뭐예요?", {"channel": "kakao"}
    )
    assert (read.utterance, read.from_button, read.wants_more, read.callback_url) == (
        "청년취업사관학교 신청 자격이 뭐예요?",
        False,
        False,
        None,
    )


def test_a_pressed_quick_reply_sends_the_payload_it_carries() -> None:
    read = read_request(fixture("request_quick_reply.json"), secret=SECRET, max_chars=2000)
    assert not isinstance(read, Rejected)
    assert read.inbound == Inbound(SENDER, "/affirm", {"channel": "kakao"})
    assert (read.utterance, read.from_button) == ("네, 예약할게요", True)


def test_the_callback_url_is_read_and_no_profile_data_is_kept() -> None:
    body = fixture("request_callback.json")
    read = read_request(body, secret=SECRET, max_chars=2000)
    assert not isinstance(read, Rejected)
    assert read.callback_url == "https://bot-api.kakao.com/callback/6a1b2c3d/one-time-token"
    assert read.inbound == Inbound(
        "kakao-1f57137434e90bb545a9998ddb43d2dff88b9f52",
        "How can InvestSeoul help a foreign company?",
        {"channel": "kakao"},
    )
    assert body["userRequest"]["user"]["id"] not in repr(read)


def test_the_more_quick_reply_is_recognised() -> None:
    read = read_request(
        skill_request("더 보기", extra={"more": True}), secret=SECRET, max_chars=2000
    )
    assert not isinstance(read, Rejected) and read.wants_more is True


def test_an_over_long_message_gets_the_polite_reply() -> None:
    read = read_request(skill_request("가" * 2001, user_id=USER), secret=SECRET, max_chars=2000)
    assert not isinstance(read, Rejected)
    assert isinstance(read.inbound, EdgeReply) and read.inbound.sender == SENDER
    assert "2,000" in read.inbound.reply


def test_an_empty_message_gets_the_polite_reply() -> None:
    read = read_request(skill_request("\u200b\x00 ", user_id=USER), secret=SECRET, max_chars=2000)
    assert not isinstance(read, Rejected) and isinstance(read.inbound, EdgeReply)


def _without(path: list[str]) -> dict[str, Any]:
    body = fixture("request_text.json")
    node = body
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return body


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ([1, 2], "the body must be a JSON object"),
        (_without(["userRequest"]), "userRequest must be an object"),
        (_without(["userRequest", "utterance"]), "userRequest.utterance must be a string"),
        (_without(["userRequest", "user"]), "userRequest.user.id must be a non-empty string"),
        (skill_request("안녕", user_id=""), "userRequest.user.id must be a non-empty string"),
        (
            skill_request("안녕", user_id="x" * 257),
            "userRequest.user.id must be a non-empty string",
        ),
        ({**fixture("request_text.json"), "action": "skill"}, "action must be an object"),
        (
            skill_request("안녕", extra={"payload": "/greet"})
            | {"userRequest": {**fixture("request_text.json")["userRequest"], "callbackUrl": 5}},
            "userRequest.callbackUrl must be a string",
        ),
    ],
)
def test_malformed_requests_are_refused(body: Any, reason: str) -> None:
    assert read_request(body, secret=SECRET, max_chars=2000) == Rejected(reason)


def test_the_id_secret_is_the_setting_or_a_key_kept_in_var(tmp_path: Path) -> None:
    assert id_secret("configured", tmp_path) == b"configured"
    first = id_secret("", tmp_path)
    assert len(first) == 32 and id_secret("", tmp_path) == first
    assert (tmp_path / "kakao-id.key").stat().st_mode & 0o777 == 0o600
