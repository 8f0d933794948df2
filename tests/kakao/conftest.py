"""Kakao skill fixtures: the documented request and response shapes, and the limits check
every Kakao test applies to every response it gets."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from bot.kakao.limits import problems

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> Any:
    """A fresh copy of a JSON fixture (tests may change it)."""
    return copy.deepcopy(json.loads((FIXTURES / name).read_text(encoding="utf-8")))


def valid(response: Any) -> Any:
    """``response`` after checking it against Open Builder's shape and limits."""
    found = problems(response)
    assert found == [], found
    return response


def skill_request(
    utterance: str,
    *,
    user_id: str = "kakao-test-user-0001",
    extra: dict[str, Any] | None = None,
    callback_url: str | None = None,
) -> dict[str, Any]:
    """The documented text request with another utterance, user, clientExtra or callback."""
    body = fixture("request_text.json")
    body["userRequest"]["utterance"] = utterance
    body["userRequest"]["user"]["id"] = user_id
    body["action"]["clientExtra"] = extra
    if callback_url is not None:
        body["userRequest"]["callbackUrl"] = callback_url
    return body


@pytest.fixture()
def text_request() -> dict[str, Any]:
    return fixture("request_text.json")
