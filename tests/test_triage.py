"""The taxonomy mapping from Rasa parses to topic, field and program codes."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.fields import FIELD_NAMES
from bot.settings import ROOT
from bot.triage import FIELD_BY_INTENT, TOPIC_BY_INTENT, TOPICS, Triage, classify, close_fields
from tests.support.console_rasa import parse as rasa_parse


def parse(intent: str, confidence: float = 0.9, text: str = "", **rest: Any) -> dict[str, Any]:
    """A parse of ``intent`` (``entities`` and ``ranking`` as in ``console_rasa.parse``)."""
    return rasa_parse(text, intent, confidence, **rest)


def test_every_domain_intent_maps_to_a_topic_and_every_topic_is_reachable() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert set(domain["intents"]) == set(TOPIC_BY_INTENT)
    assert set(TOPIC_BY_INTENT.values()) == set(TOPICS)
    assert set(FIELD_BY_INTENT.values()) == set(FIELD_NAMES)


@pytest.mark.parametrize(
    ("intent", "topic", "field"),
    [
        ("consult_labor", "consultation", "labor"),
        ("consult_tax", "consultation", "tax"),
        ("ask_program_target", "program", None),
        ("ask_invest", "invest", None),
        ("booking_cancel", "booking", None),
        ("human_handoff", "handoff", None),
        ("thank", "smalltalk", None),
        ("out_of_scope", "out_of_scope", None),
    ],
)
def test_intent_to_topic_and_field(intent: str, topic: str, field: str | None) -> None:
    t = classify(parse(intent))
    assert (t.topic, t.field, t.program, t.intent) == (topic, field, None, intent)


@pytest.mark.parametrize(
    ("intent", "entity", "expected"),
    [
        (
            "request_consultation",
            {"entity": "field", "value": "세무", "start": 0, "end": 2},
            {"topic": "consultation", "field": "tax"},
        ),
        (
            "ask_program_schedule",
            {"entity": "program", "value": "seoul-tips", "start": 0, "end": 6},
            {"topic": "program", "program": "seoul-tips"},
        ),
    ],
    ids=["field", "program"],
)
def test_entities_become_the_field_or_program_code(
    intent: str, entity: dict[str, Any], expected: dict[str, str]
) -> None:
    t = classify(parse(intent, entities=[entity]))
    assert {name: getattr(t, name) for name in expected} == expected


def test_fallback_reports_the_best_real_intent() -> None:
    t = classify(
        parse(
            "nlu_fallback",
            0.3,
            ranking=[("nlu_fallback", 0.3), ("consult_law", 0.3), ("greet", 0.1)],
        )
    )
    assert (t.topic, t.field, t.intent) == ("consultation", "law", "consult_law")


def test_close_fields_only_between_two_consultation_fields() -> None:
    assert close_fields(
        parse("consult_labor", 0.45, ranking=[("consult_labor", 0.45), ("consult_tax", 0.40)])
    ) == ("labor", "tax")
    assert (
        close_fields(
            parse("consult_labor", 0.8, ranking=[("consult_labor", 0.8), ("consult_tax", 0.1)])
        )
        is None
    )
    assert (
        close_fields(
            parse("consult_labor", 0.5, ranking=[("consult_labor", 0.5), ("ask_program", 0.45)])
        )
        is None
    )


def _classify_with_catalogue(parsed: dict[str, Any]) -> Triage:
    """``classify`` with a session on the loaded catalogue, so program search can run."""
    from bot.db import session_scope

    with session_scope() as session:
        return classify(parsed, session=session)


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize(
    ("intent", "text", "entity", "expected"),
    [
        # No entity: the program is found by searching the catalogue.
        (
            "ask_program",
            "청년들 코딩 공짜로 가르쳐주는 데 어디예요",
            None,
            {"topic": "program", "program": "youth-job-academy"},
        ),
        # A question about an Invest Seoul service is an invest inquiry; others stay programs.
        (
            "ask_program_location",
            "",
            {"entity": "program", "value": "invest-seoul", "start": 0, "end": 6},
            {"topic": "invest", "program": "invest-seoul"},
        ),
        (
            "ask_program_location",
            "",
            {"entity": "program", "value": "startup-hub", "start": 0, "end": 4},
            {"topic": "program"},
        ),
        # A program question about nothing of SBA's is out of scope; a general one is not.
        (
            "ask_program_results",
            "어제 토트넘 경기 몇 대 몇이었어",
            None,
            {"topic": "out_of_scope", "program": None},
        ),
        (
            "ask_program",
            "SBA에서 중소기업한테 어떤 지원 해줘요?",
            None,
            {"topic": "program", "program": None},
        ),
        # A general investor question names no program; one about the office does.
        (
            "ask_invest",
            "What's the minimum investment for a " "D-8 visa?",
            None,
            {"topic": "invest", "program": None},
        ),
        (
            "ask_invest",
            "Where is the Invest Seoul office?",
            None,
            {"topic": "invest", "program": "invest-seoul"},
        ),
    ],
)
def test_programs_are_found_in_the_catalogue(
    intent: str, text: str, entity: dict[str, Any] | None, expected: dict[str, str | None]
) -> None:
    t = _classify_with_catalogue(parse(intent, text=text, entities=entity and [entity]))
    assert {name: getattr(t, name) for name in expected} == expected


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize(
    ("text", "intent", "ranking", "expected"),
    [
        # Names a program and asks to join it: a program question, whatever the intent said.
        (
            "사업자등록번호 없는 예비창업자인데 창업허브 입주 가능한가요?",
            "consult_startup",
            [("consult_startup", 0.88), ("ask_program_target", 0.05)],
            ("program", None, "startup-hub"),
        ),
        # Describes a program's service and the model gave program questions a real share.
        (
            "유튜브 크리에이터인데 촬영 스튜디오 빌릴 수 있나요",
            "consult_marketing",
            [("consult_marketing", 0.5), ("ask_program", 0.3)],
            ("program", None, "one-person-media"),
        ),
        # A real consultation that mentions no program stays one.
        (
            "직원이 퇴직금을 달라는데 1년이 안 됐어요",
            "consult_labor",
            [("consult_labor", 0.9), ("ask_program", 0.05)],
            ("consultation", "labor", None),
        ),
    ],
)
def test_a_consultation_that_is_really_about_a_program(
    text: str,
    intent: str,
    ranking: list[tuple[str, float]],
    expected: tuple[str, str | None, str | None],
) -> None:
    t = _classify_with_catalogue(parse(intent, ranking[0][1], text=text, ranking=ranking))
    assert (t.topic, t.field, t.program) == expected
