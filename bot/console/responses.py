"""Texts the console sends into a conversation, taken from the domain's responses.

The console speaks to the user through Rasa's HTTP API as plain bot messages
(``utter_handoff_connected``, ``utter_handoff_back``), so the wording lives with every
other response in ``domain.yml``, in Korean and English, and is picked here by language.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from bot.settings import ROOT


@functools.lru_cache(maxsize=1)
def _responses() -> dict[str, list[dict[str, Any]]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return dict(domain.get("responses") or {})


def response_text(name: str, language: str = "ko") -> str:
    """The text of response ``name`` for ``language`` (Korean when there is no variant)."""
    variants = _responses()[name]
    default = next(v["text"] for v in variants if not v.get("condition"))
    for variant in variants:
        for condition in variant.get("condition") or []:
            if condition.get("name") == "language" and condition.get("value") == language:
                return str(variant["text"])
    return str(default)
