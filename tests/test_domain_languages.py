"""Every bot response exists in Korean (default) and English (``language`` slot = en)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.settings import ROOT

PLACEHOLDER = re.compile(r"\{(\w+)\}")
HANGUL = re.compile(r"[\uAC00-\uD7A3]")
ALLOWED_KOREAN_IN_ENGLISH = {"사업자등록번호"}  # the official term, given in brackets


def _variants(domain: dict[str, Any]) -> dict[str, tuple[list[dict], list[dict]]]:
    result = {}
    for name, variants in domain["responses"].items():
        english = [
            v
            for v in variants
            if any(
                c.get("name") == "language" and c.get("value") == "en"
                for c in v.get("condition") or []
            )
        ]
        korean = [v for v in variants if not v.get("condition")]
        result[name] = (korean, english)
    return result


def test_every_response_has_korean_and_english(domain: dict[str, Any]) -> None:
    missing = [name for name, (ko, en) in _variants(domain).items() if not ko or not en]
    assert missing == []


@pytest.mark.parametrize(
    "name",
    sorted(
        __import__("yaml").safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    ),
)
def test_english_variant_matches_the_korean_one(domain: dict[str, Any], name: str) -> None:
    korean, english = _variants(domain)[name]
    for ko, en in zip(korean, english, strict=False):
        assert set(PLACEHOLDER.findall(ko["text"])) == set(PLACEHOLDER.findall(en["text"]))
        assert len(ko.get("buttons", [])) == len(en.get("buttons", []))
        text = en["text"]
        for word in ALLOWED_KOREAN_IN_ENGLISH:
            text = text.replace(word, "")
        assert not HANGUL.search(text), f"Korean left in the English {name}"
        assert not HANGUL.search(" ".join(b["title"] for b in en.get("buttons", [])))


def test_language_slot_defaults_to_korean(domain: dict[str, Any]) -> None:
    assert domain["slots"]["language"]["initial_value"] == "ko"
