"""The taxonomy mapping from Rasa parses to topic, field and program codes."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.fields import FIELD_NAMES
from bot.settings import ROOT
from bot.triage import FIELD_BY_INTENT, TOPIC_BY_INTENT, TOPICS, classify, close_fields


def parse(
    intent: str,
    confidence: float = 0.9,
    text: str = "",
    entities: list | None = None,
    ranking: list[tuple[str, float]] | None = None,
) -> dict[str, Any]:
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
        "intent_ranking": [
            {"name": n, "confidence": c} for n, c in (ranking or [(intent, confidence)])
        ],
    }


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


def test_request_consultation_takes_the_field_entity() -> None:
    t = classify(
        parse(
            "request_consultation",
            entities=[{"entity": "field", "value": "세무", "start": 0, "end": 2}],
        )
    )
    assert (t.topic, t.field) == ("consultation", "tax")


def test_program_entity_becomes_the_program_code() -> None:
    t = classify(
        parse(
            "ask_program_schedule",
            entities=[{"entity": "program", "value": "seoul-tips", "start": 0, "end": 6}],
        )
    )
    assert (t.topic, t.program) == ("program", "seoul-tips")


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


@pytest.mark.usefixtures("loaded_db")
def test_program_found_by_search_when_no_entity() -> None:
    from bot.db import session_scope

    with session_scope() as session:
        text = "청년들 코딩 공짜로 가르쳐주는 데 어디예요"
        t = classify(parse("ask_program", text=text), session)
    assert (t.topic, t.program) == ("program", "youth-job-academy")


@pytest.mark.usefixtures("loaded_db")
def test_question_about_an_invest_seoul_service_is_an_invest_inquiry() -> None:
    from bot.db import session_scope

    with session_scope() as session:
        t = classify(
            parse(
                "ask_program_location",
                entities=[{"entity": "program", "value": "invest-seoul", "start": 0, "end": 6}],
            ),
            session,
        )
        other = classify(
            parse(
                "ask_program_location",
                entities=[{"entity": "program", "value": "startup-hub", "start": 0, "end": 4}],
            ),
            session,
        )
    assert (t.topic, t.program) == ("invest", "invest-seoul")
    assert other.topic == "program"


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
    from bot.db import session_scope

    with session_scope() as session:
        t = classify(parse(intent, ranking[0][1], text=text, ranking=ranking), session)
    assert (t.topic, t.field, t.program) == expected


@pytest.mark.usefixtures("loaded_db")
def test_a_program_question_about_nothing_of_sba_is_out_of_scope() -> None:
    from bot.db import session_scope

    with session_scope() as session:
        score = classify(
            parse("ask_program_results", text="어제 토트넘 경기 몇 대 몇이었어"), session
        )
        general = classify(
            parse("ask_program", text="SBA에서 중소기업한테 어떤 지원 해줘요?"), session
        )
    assert (score.topic, score.program) == ("out_of_scope", None)
    assert (general.topic, general.program) == ("program", None)


@pytest.mark.usefixtures("loaded_db")
def test_a_general_investor_question_names_no_program() -> None:
    from bot.db import session_scope

    with session_scope() as session:
        general = classify(
            parse("ask_invest", text="What's the minimum investment for a " "D-8 visa?"), session
        )
        named = classify(parse("ask_invest", text="Where is the Invest Seoul office?"), session)
    assert (general.topic, general.program) == ("invest", None)
    assert (named.topic, named.program) == ("invest", "invest-seoul")
