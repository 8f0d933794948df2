"""Reading answers inside the booking forms: control words, yes/no, channels, fields, names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.booking import reply_parsing
from tests.support.tables import cases_by_function


def _company_name(text: str) -> str | None:
    """A company name as the booking form reads it: at most 100 characters."""
    return reply_parsing.clean_name(text, max_chars=100)


READINGS: dict[Callable[[str], object], list[tuple[str, object]]] = {
    reply_parsing.wants_to_stop: [
        # Stop words leave the form from any question.
        ("취소", True),
        ("취소할게요", True),
        ("그만", True),
        ("그만할래요", True),
        ("나중에 할게요", True),
        ("예약 취소", True),
        ("중단해 주세요", True),
        ("됐어요", True),
        ("안 할래요", True),
        ("관둘게요", True),
        ("cancel", True),
        ("Stop", True),
        ("never mind", True),
        ("그만두기", True),
        # An answer that merely contains one does not.
        ("전화", False),
        ("주식회사 취소없는세상", False),
        ("내일 오후 3시", False),
        ("010-1234-5678", False),
        ("홍길동", False),
        ("canceled order consulting", False),
    ],
    # Asking for a person, in Korean or English.
    reply_parsing.wants_person: [
        ("상담원 연결해 주세요", True),
        ("상담원", True),
        ("사람이랑 얘기할래요", True),
        ("담당자 연결 부탁드려요", True),
        ("agent please", True),
        ("real person", True),
    ],
    # The consultation channel, in the words people use for it.
    reply_parsing.parse_channel: [
        ("전화", "phone"),
        ("전화로 할게요", "phone"),
        ("전화상담", "phone"),
        ("통화요", "phone"),
        ("화상", "video"),
        ("줌으로요", "video"),
        ("화상상담으로", "video"),
        ("video call", "video"),
        ("채팅", "chat"),
        ("카톡으로", "chat"),
        ("방문", "visit"),
        ("직접 찾아갈게요", "visit"),
        ("in person", "visit"),
        ("전화나 화상", None),
        ("아무거나", None),
        ("", None),
    ],
    # "None" answers to an optional question.
    reply_parsing.means_none: [
        ("없음", True),
        ("없어요", True),
        ("건너뛰기", True),
        ("skip", True),
        ("-", True),
    ],
    # Names as the booking form keeps them: trimmed, or None when not a name.
    _company_name: [
        ("(주)비즈콜", "(주)비즈콜"),
        ("  서울상회  ", "서울상회"),
        ("예비창업", "예비창업"),
        ("ㅋㅋㅋ", None),
        ("🙂", None),
        ("", None),
        ("가" * 101, None),
        ("010-1234-5678", None),
        ("<script>alert(1)</script>", None),
    ],
    reply_parsing.clean_person_name: [
        ("홍길동", "홍길동"),
        ("Jane Doe", "Jane Doe"),
        ("김 대표", "김 대표"),
        ("홍", None),
        ("홍길동1", None),
        ("ㅎㅎ", None),
    ],
}
"""What each reader makes of a typed answer, for every reader that takes the text alone."""


@pytest.mark.parametrize(("read", "text", "expected"), cases_by_function(READINGS))
def test_each_reading_of_a_typed_answer(
    read: Callable[[str], object], text: str, expected: object
) -> None:
    assert read(text) == expected


def test_stop_intent_counts_only_when_confident_and_short() -> None:
    sure, unsure = ({"intent": {"name": "stop", "confidence": c}} for c in (0.93, 0.5))
    assert reply_parsing.wants_to_stop("이제 멈춰요", sure)
    assert not reply_parsing.wants_to_stop("이제 멈춰요", unsure)


def test_phone_number_misread_as_handoff_is_not_a_person_request() -> None:
    parse = {"intent": {"name": "human_handoff", "confidence": 0.95}}
    assert not reply_parsing.wants_person("010-1234-5678", parse)
    assert reply_parsing.wants_person(
        "/human_handoff", {"intent": {"name": "human_handoff", "confidence": 1.0}}
    )


@pytest.mark.parametrize(
    ("text", "yes", "no"),
    [
        ("네", True, False),
        ("네 좋아요", True, False),
        ("예약 확정", True, False),
        ("넵!", True, False),
        ("yes", True, False),
        ("네비게이션", False, False),
        ("아니요", False, True),
        ("아니 괜찮아요", False, True),
        ("no thanks", False, True),
        ("노무", False, False),
    ],
)
def test_yes_and_no(text: str, yes: bool, no: bool) -> None:
    assert reply_parsing.is_yes(text) is yes
    assert reply_parsing.is_no(text) is no


@pytest.mark.parametrize(
    ("text", "current", "code"),
    [
        ("네", "labor", "labor"),
        ("네", None, None),
        ("노무", "tax", "labor"),
        ("세무요", "labor", "tax"),
        ("특허", None, "patent"),
        ("변리·특허", None, "patent"),
        ("무역", None, "export"),
        ("마케팅 쪽이요", None, "marketing"),
        ("law", None, "law"),
        ("요리", "labor", None),
    ],
)
def test_field_choice(text: str, current: str | None, code: str | None) -> None:
    assert reply_parsing.parse_field_choice(text, current) == code


def test_slot_payload_round_trip() -> None:
    moment = reply_parsing.parse_slot_payload("2026-12-03 14:00")
    assert moment is not None and moment.isoformat() == "2026-12-03T14:00:00+09:00"
    assert reply_parsing.slot_payload(moment) == "2026-12-03 14:00"
    assert reply_parsing.parse_slot_payload("2026-02-30 14:00") is None
    assert reply_parsing.parse_slot_payload("내일 3시") is None


def test_summary_is_cut_at_a_word_boundary() -> None:
    long = "직원이 한 달째 안 나오다가 밀린 월급이랑 퇴직금을 달래요 " * 10
    summary = reply_parsing.clean_summary(long)
    assert summary is not None and summary.endswith("…") and len(summary) <= 201
    assert reply_parsing.clean_summary("ㅠㅠ") is None


def test_pre_founder() -> None:
    assert reply_parsing.is_pre_founder("예비창업자라 사업자 없어요")
    assert reply_parsing.is_pre_founder("아직 사업자등록 전이에요")
    assert not reply_parsing.is_pre_founder("123-45-67891")
