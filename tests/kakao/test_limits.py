"""bot/kakao/limits.py: the checker every Kakao test runs on every response."""

from __future__ import annotations

from typing import Any

import pytest

from bot.kakao.limits import problems
from tests.kakao.conftest import fixture


@pytest.mark.parametrize("index", range(4))
def test_the_documented_responses_pass(index: int) -> None:
    assert problems(fixture("response_documented.json")[index]) == []


def _text(text: str) -> dict[str, Any]:
    return {"version": "2.0", "template": {"outputs": [{"simpleText": {"text": text}}]}}


def test_each_limit_is_named() -> None:
    button = {"label": "열어보기", "action": "message", "messageText": "열어보기"}
    card = {"title": "카드", "description": "가" * 231, "buttons": [button] * 4}
    response = {
        "version": "2.0",
        "template": {
            "outputs": [
                {"simpleText": {"text": "가" * 1001}},
                {"textCard": card},
                {"basicCard": {"title": "사진 없음"}},
                {"simpleText": {"text": "넷"}},
            ],
            "quickReplies": [
                {
                    "label": "열다섯 글자가 넘는 아주 긴 라벨",
                    "action": "message",
                    "messageText": "x",
                }
            ]
            * 11,
        },
    }
    assert problems(response) == ["template.outputs: 1 to 3", "template.quickReplies: at most 10"]
    response["template"]["outputs"] = response["template"]["outputs"][:3]
    response["template"]["quickReplies"] = response["template"]["quickReplies"][:1]
    assert problems(response) == [
        "template.outputs[0].simpleText.text: 1001 characters, at most 1000",
        "template.outputs[1].textCard.description: 231 characters, at most 230",
        "template.outputs[1].textCard.buttons: at most 3",
        "template.outputs[2].basicCard.thumbnail: a basicCard needs one",
        "template.quickReplies[0].label: 18 characters, at most 14",
    ]


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ({"version": "1.0"}, ['version: must be "2.0"']),
        ({"version": "2.0"}, ["template: required"]),
        (_text(""), ["template.outputs[0].simpleText.text: a non-empty string is required"]),
        (
            {"version": "2.0", "template": {"outputs": [{"listCard": {}}]}},
            ["template.outputs[0]: 'listCard' is not a component this skill sends"],
        ),
        (
            {
                "version": "2.0",
                "template": {
                    "outputs": [{"carousel": {"type": "textCard", "items": [{"title": "a"}] * 11}}]
                },
            },
            ["template.outputs[0].carousel.items: 1 to 10"],
        ),
        (
            {
                "version": "2.0",
                "template": {
                    "outputs": [
                        {
                            "textCard": {
                                "title": "a",
                                "buttons": [
                                    {
                                        "label": "링크",
                                        "action": "webLink",
                                        "webLinkUrl": "javascript:alert(1)",
                                    }
                                ],
                            }
                        }
                    ]
                },
            },
            ["template.outputs[0].textCard.buttons[0].webLinkUrl: not a web address"],
        ),
        (
            {
                "version": "2.0",
                "template": {
                    "outputs": [{"simpleText": {"text": "a"}}],
                    "quickReplies": [{"label": "a", "action": "operator"}],
                },
            },
            ["template.quickReplies[0].action: 'operator' is not a quick reply action"],
        ),
        (
            {
                "version": "2.0",
                "useCallback": True,
                "data": {"text": "잠시만요"},
                "template": {"outputs": []},
            },
            ["template: the immediate callback answer carries none"],
        ),
    ],
)
def test_what_open_builder_refuses(response: dict[str, Any], expected: list[str]) -> None:
    assert problems(response) == expected
