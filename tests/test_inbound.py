"""``bot.web.inbound.check``: what every channel lets through to Rasa."""

from __future__ import annotations

from typing import Any

import pytest

from bot.web.inbound import EdgeReply, Inbound, Rejected, check
from tests.support.bad_bodies import malformed_bodies


@pytest.mark.parametrize(
    "body",
    [
        *malformed_bodies("a", "안녕"),
        {"sender": 7, "message": "안녕"},
        {"sender": "a b", "message": "안녕"},
        {"sender": "x" * 129, "message": "안녕"},
        {"sender": "../../etc", "message": "안녕"},
        {"sender": "a", "message": "안녕", "metadata": ["x"]},
        {"sender": "a", "message": "안녕", "metadata": "{not json"},
        {"sender": "a", "message": "안녕", "metadata": {"k": "v" * 3000}},
    ],
)
def test_malformed_bodies_are_rejected(body: Any) -> None:
    assert isinstance(check(body, max_chars=2000), Rejected)


def test_text_is_cleaned_of_what_cannot_be_stored() -> None:
    checked = check({"sender": "web-1", "message": "\ud800 test\x00\u200b 요"}, max_chars=2000)
    assert checked == Inbound("web-1", "test 요", None)


def test_a_long_message_gets_the_polite_reply_in_its_language() -> None:
    korean = check({"sender": "web-1", "message": "가" * 2001}, max_chars=2000)
    assert isinstance(korean, EdgeReply) and korean.sender == "web-1"
    assert korean.reply.startswith("메시지가 너무 길어 읽지 못했습니다. 한 번에 2,000자까지")
    english = check({"sender": "web-1", "message": "help " * 30_000}, max_chars=2000)
    assert isinstance(english, EdgeReply)
    assert english.reply.startswith(
        "Your message is too long for me to read. I can take up " "to 2,000 characters"
    )


def test_ordinary_messages_and_metadata_pass() -> None:
    body = {
        "sender": "kakao:abc_123",
        "message": "  청년취업사관학교 알려주세요 ",
        "metadata": {"channel": "widget", "page": 2},
    }
    assert check(body, max_chars=2000) == Inbound(
        "kakao:abc_123", "청년취업사관학교 알려주세요", {"channel": "widget", "page": 2}
    )
    assert check({"sender": "a", "message": "x" * 2000}, max_chars=2000) == Inbound(
        "a", "x" * 2000, None
    )


@pytest.mark.parametrize("message", ["", "   ", "\x00\x01", "\ud800", "\u200b\u200b"])
def test_an_empty_message_gets_a_reply_without_processing(message: str) -> None:
    checked = check({"sender": "web-1", "message": message}, max_chars=2000)
    assert isinstance(checked, EdgeReply)
    assert checked.reply.startswith("메시지가 비어 있어요.")
