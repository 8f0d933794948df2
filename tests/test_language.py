"""Answer language per message: Korean, English, mixed, and answers that carry no language."""

from __future__ import annotations

import pytest

from bot.language import detect_language


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [
        ("청년취업사관학교 신청 자격이 뭐예요?", None, "ko"),
        ("How do I set up a foreign-invested company in Seoul?", None, "en"),
        ("hello", None, "en"),
        ("I need help with 법인설립 for our US subsidiary", None, "en"),  # English-dominant mix
        ("외국인투자 신고 절차가 궁금한데 FDI 상담 가능해요?", None, "ko"),  # acronyms
        ("R&D 지원사업 알려줘", None, "ko"),
        ("SBA TIPS", None, "ko"),  # acronyms only: not English
        # Short answers, numbers, codes and payloads keep the conversation's language.
        ("서울상회", "en", "en"),
        ("Hong Gildong", "ko", "ko"),
        ("010-1234-5678", "en", "en"),
        ("BZ-7K3Q", "en", "en"),
        ("/affirm", "en", "en"),
        ("🙂🙂", "en", "en"),
        ("", "en", "en"),
        ("", None, "ko"),
        # A full sentence switches.
        ("Actually can we continue in English please", "ko", "en"),
        ("한국어로 계속 안내해 주세요", "en", "ko"),
        ("yes", None, "en"),
        ("ok", None, "ko"),
    ],
)
def test_detect_language(text: str, previous: str | None, expected: str) -> None:
    assert detect_language(text, previous, answering=True) == expected


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [
        ("청년취업사관학교 어디예요", "en", "ko"),  # outside a form, a short question switches
        ("Invest Seoul?", "ko", "en"),
        ("OK", "en", "en"),
    ],
)
def test_outside_forms_short_messages_switch(text: str, previous: str, expected: str) -> None:
    assert detect_language(text, previous) == expected
