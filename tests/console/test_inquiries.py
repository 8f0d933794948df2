"""Inquiries from conversations Rasa stored: the first real question, triaged, and its outcome."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.booking import slot_search, writes
from bot.console import inquiries
from tests.console.conftest import NOW, enqueue, labor_question, listed, relabel, user_turn
from tests.support.booking import call, write

LABOR = "직원이 한 달째 안 나오다가 밀린 월급이랑 퇴직금을 달래요"
YOUTH = "청년취업사관학교 신청 자격이 뭐예요?"
YOUTH_ENTITY = [{"entity": "program", "value": "youth-job-academy", "start": 0, "end": 8}]


@pytest.fixture()
def stored(store_conversation: Callable[..., Any]) -> Callable[..., Any]:
    """A few typical conversations, saved by the tracker store."""

    async def make() -> None:
        await store_conversation(
            "labor",
            [
                user_turn("안녕하세요", "greet"),
                ("bot", "안녕하세요, 서울비즈콜 …", "utter_greet"),
                *labor_question(LABOR, 0.91, 0.05),
                user_turn("/affirm", "affirm", 1.0),
                ("bot", "노무 분야 전문가로 예약할까요? …", "utter_ask_booking_field_confirm"),
            ],
        )
        await store_conversation(
            "youth",
            [
                user_turn(YOUTH, "ask_program_target", 0.97, YOUTH_ENTITY),
                ("bot", "청년취업사관학교 지원 대상은 …"),
            ],
        )
        await store_conversation(
            "lost",
            [
                user_turn(
                    "ㅁㄴㅇㄹ 그거",
                    "nlu_fallback",
                    0.3,
                    ranking=[("ask_bot", 0.3), ("out_of_scope", 0.2)],
                ),
                ("bot", "죄송합니다, 말씀을 정확히 이해하지 못했습니다 …", "utter_default"),
            ],
        )
        await store_conversation("clicks", [user_turn("/greet", "greet", 1.0)])

    return make


async def test_the_first_substantive_message_is_the_inquiry(
    console_db: str, stored: Callable[..., Any]
) -> None:
    await stored()
    assert call(inquiries.sync) == 3  # "clicks" only clicked a button: no inquiry
    page = listed()
    by_conversation = {i.conversation_id: i for i in page.items}
    assert set(by_conversation) == {"labor", "youth", "lost"}

    labor = by_conversation["labor"]
    assert labor.text == LABOR  # not the greeting, not the button click
    assert (labor.topic, labor.field, labor.program) == ("consultation", "labor", None)
    assert labor.confidence == pytest.approx(0.91) and not labor.low_confidence
    assert (labor.status, labor.channel, labor.language) == ("answered", "socketio", "ko")

    youth = by_conversation["youth"]
    assert (youth.topic, youth.program, youth.triage.intent) == (
        "program",
        "youth-job-academy",
        "ask_program_target",
    )

    lost = by_conversation["lost"]
    assert lost.status == "open" and lost.low_confidence
    assert lost.triage.intent == "ask_bot"  # the best real intent behind the fallback


async def test_outcomes_follow_the_conversation(
    console_db: str, stored: Callable[..., Any], store_conversation: Callable[..., Any]
) -> None:
    await stored()
    call(inquiries.sync)
    enqueue("lost", reason="fallback")
    await store_conversation("lost", [("pause",)])
    start = call(
        slot_search.nearest_free_slots, field="labor", channel="phone", around=NOW, now=NOW
    )[0]
    write(
        writes.create_booking,
        field="labor",
        channel="phone",
        start=start.start,
        company_name="테스트상회",
        business_number="",
        contact_name="홍길순",
        phone="010-1234-5678",
        email=None,
        summary=LABOR,
        conversation_id="labor",
        now=NOW,
    )
    await store_conversation("labor", [("slot", "booking_code", "BZ-TEST")])
    assert call(inquiries.sync) == 2  # only the two conversations with new events are read
    status = {i.conversation_id: i.status for i in listed().items}
    assert status == {"labor": "booked", "youth": "answered", "lost": "handed_off"}
    assert call(inquiries.sync) == 0


async def test_filters_and_search(console_db: str, stored: Callable[..., Any]) -> None:
    await stored()

    def ids(**filters: Any) -> set[str]:
        return {i.conversation_id for i in listed(**filters).items}

    assert ids(field="labor") == {"labor"}
    assert ids(topic="program") == {"youth"}
    assert ids(low_confidence=True) == {"lost"}
    assert ids(status="open") == {"lost"}
    assert ids(q="퇴직금") == {"labor"}
    assert ids(q="youth") == {"youth"}  # the exact conversation id
    assert ids(q="%") == set()  # LIKE wildcards are literal
    assert listed(limit=2).total == 3


async def test_relabel_is_recorded_and_filters_use_it(
    console_db: str, stored: Callable[..., Any]
) -> None:
    await stored()
    lost = listed(q="ㅁㄴㅇㄹ").items[0]
    done = relabel(lost.id, "consultation", "tax")
    assert done is not None
    assert (done.topic, done.field) == ("consultation", "tax")
    assert done.triage.topic == "out_of_scope" or done.triage.intent == "ask_bot"
    assert done.label.by == "kim" and done.label.at.startswith("2026-12-01T10:00")
    assert {i.conversation_id for i in listed(field="tax").items} == {"lost"}
    assert listed(low_confidence=True).items == []  # reviewed now


@pytest.mark.parametrize(
    ("topic", "field", "program"),
    [
        ("program", "tax", None),  # a field only for consultations
        ("consultation", "plumbing", None),  # not a field
        ("consultation", None, "youth-job-academy"),  # a program only for program/invest
        ("program", None, "no-such-program"),  # not in the catalogue
        ("weather", None, None),  # not a topic
    ],
)
async def test_relabels_outside_the_taxonomy_are_refused(
    console_db: str,
    stored: Callable[..., Any],
    topic: str,
    field: str | None,
    program: str | None,
) -> None:
    await stored()
    first = listed().items[0]
    with pytest.raises(inquiries.LabelError):
        relabel(first.id, topic, field, program)


async def test_close_and_reopen(console_db: str, stored: Callable[..., Any]) -> None:
    await stored()
    youth = listed(q="youth").items[0]
    closed = call(inquiries.set_closed, inquiry_id=youth.id, closed=True, by="kim", now=NOW)
    assert closed is not None and closed.status == "closed"
    assert listed(status="closed").total == 1
    reopened = call(inquiries.set_closed, inquiry_id=youth.id, closed=False, by="kim", now=NOW)
    assert reopened is not None and reopened.status == "answered"


def test_no_events_table_yet_means_no_inquiries(console_db: str) -> None:
    assert call(inquiries.sync) == 0
    assert listed().total == 0
