"""The public triage taxonomy and how Rasa's parse maps onto it — in one place.

Staff tools, reports and the ``bizcall triage`` command speak in three codes:

* ``topic``: consultation, program, invest, booking, handoff, smalltalk, out_of_scope;
* ``field``: law, labor, tax, patent, customs, management, startup, export, finance,
  marketing, or null;
* ``program``: a catalogue program id, or null.

The NLU model predicts Rasa intents (one per consultation field, one per program-question
aspect, …); ``classify`` turns a parse into those codes, using the catalogue search to name
the program when the entity matcher found none.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from typing import Any

from sqlalchemy.orm import Session

from bot.fields import FIELD_NAMES, normalise_field

TOPICS = ("consultation", "program", "invest", "booking", "handoff", "smalltalk", "out_of_scope")

FIELD_BY_INTENT: dict[str, str] = {f"consult_{code}": code for code in FIELD_NAMES}

PROGRAM_INTENTS = (
    "ask_program",
    "ask_program_target",
    "ask_program_apply",
    "ask_program_schedule",
    "ask_program_location",
    "ask_program_contact",
    "ask_program_budget",
    "ask_program_results",
)

TOPIC_BY_INTENT: dict[str, str] = {
    **{intent: "consultation" for intent in FIELD_BY_INTENT},
    "request_consultation": "consultation",
    **{intent: "program" for intent in PROGRAM_INTENTS},
    "ask_invest": "invest",
    # "which programs fit my company?" and the profile that answers it: program inquiries
    "ask_recommendation": "program",
    "inform_profile": "program",
    "booking_check": "booking",
    "booking_change": "booking",
    "booking_cancel": "booking",
    "human_handoff": "handoff",
    "request_callback": "handoff",
    "greet": "smalltalk",
    "goodbye": "smalltalk",
    "thank": "smalltalk",
    "ask_bot": "smalltalk",
    "affirm": "smalltalk",
    "deny": "smalltalk",
    "stop": "smalltalk",
    "out_of_scope": "out_of_scope",
}

CLARIFY_MARGIN = 0.2
"""Two consultation fields closer than this in confidence get a clarifying question."""


@dataclass
class Triage:
    """One inquiry, classified."""

    topic: str
    field: str | None
    program: str | None
    confidence: float
    intent: str
    entities: list[dict[str, Any]] = dataclass_field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape the console API returns for a classification."""
        return asdict(self)


def best_intent(parse: dict[str, Any]) -> tuple[str, float]:
    """The predicted intent; for Rasa's ``nlu_fallback`` the best real intent behind it."""
    intent = parse.get("intent") or {}
    name, confidence = intent.get("name") or "", float(intent.get("confidence") or 0.0)
    if name == "nlu_fallback" or name not in TOPIC_BY_INTENT:
        ranked = [r for r in parse.get("intent_ranking") or [] if r.get("name") in TOPIC_BY_INTENT]
        if ranked:
            return ranked[0]["name"], float(ranked[0].get("confidence") or 0.0)
        return "out_of_scope", confidence
    return name, confidence


def close_fields(parse: dict[str, Any]) -> tuple[str, str] | None:
    """The two best consultation fields if they are too close to choose between."""
    ranked = [r for r in parse.get("intent_ranking") or [] if r.get("name") in TOPIC_BY_INTENT]
    if len(ranked) < 2:
        return None
    first, second = ranked[0], ranked[1]
    if (
        first["name"] in FIELD_BY_INTENT
        and second["name"] in FIELD_BY_INTENT
        and (float(first["confidence"]) - float(second["confidence"]) < CLARIFY_MARGIN)
    ):
        return FIELD_BY_INTENT[first["name"]], FIELD_BY_INTENT[second["name"]]
    return None


def _entity(parse: dict[str, Any], name: str) -> str | None:
    return next(
        (e.get("value") for e in parse.get("entities") or [] if e.get("entity") == name), None
    )


INVEST_ROOT = "invest-seoul"


def is_invest(*, session: Session, program_id: str) -> bool:
    """True for InvestSeoul and its sub-services."""
    from bot.catalog.queries import get_program

    program = get_program(program_id=program_id, session=session)
    return program is not None and INVEST_ROOT in (program.id, program.parent_id)


SUPPORT_CUE = re.compile(
    r"지원|신청|입주|참가|참여|모집|프로그램|무료|공짜|빌릴|대여|받을\s?수|가능한가|가능할까|"
    r"해\s?주나요|해\s?줘요|support|program|apply|free|rent|join",
    re.IGNORECASE,
)
"""Words of a message that asks for support rather than advice ("입주 가능한가요")."""
PROGRAM_MASS = 0.2
"""Share of the model's belief on program-question intents that, with a confident catalogue
match, turns a consultation into a program question (set on the tuning set, docs/pipelines.md)."""


def program_mass(parse: dict[str, Any]) -> float:
    """How much of the intent ranking's confidence is on program-question intents."""
    return sum(
        float(r.get("confidence") or 0.0)
        for r in parse.get("intent_ranking") or []
        if r.get("name") in PROGRAM_INTENTS
    )


def program_instead(parse: dict[str, Any], *, session: Session) -> str | None:
    """The program a consultation-looking message is really about, if the evidence says so.

    "사업자등록번호 없는 예비창업자인데 창업허브 입주 가능한가요?" reads like a startup
    consultation, but it names a program and asks whether one may join it: a program
    question. Evidence: the catalogue search names the program (or matches it confidently)
    and the message asks for support, or the model itself gave program questions a real share.
    """
    from bot.catalog.search import search_programs

    text = parse.get("text") or ""
    hits = search_programs(query=text, limit=1, session=session)
    if not hits or not hits[0].trusted:
        return None
    hit = hits[0]
    if (hit.named and SUPPORT_CUE.search(text)) or program_mass(parse) >= PROGRAM_MASS:
        return hit.program_id
    return None


SBA_CUE = re.compile(
    r"지원|사업|신청|모집|프로그램|SBA|진흥원|서울시|비즈콜|센터|허브|입주|교육|행사|공모|선정|"
    r"support|program|apply|SBA|Seoul",
    re.IGNORECASE,
)
"""Words without which a "program question" that names no program is not about SBA at all
("어제 경기 몇 대 몇이었어" has a results-question shape and nothing else)."""


def _search_program(text: str, named_only: bool, *, session: Session) -> str | None:
    """The catalogue's best program for ``text``: trusted, or only when named."""
    from bot.catalog.search import search_programs

    hits = search_programs(query=text, limit=1, session=session)
    if hits and (hits[0].named if named_only else hits[0].trusted):
        return hits[0].program_id
    return None


def classify(parse: dict[str, Any], *, session: Session | None = None) -> Triage:
    """Map a Rasa parse (``/model/parse`` output) to topic, field and program."""
    intent, confidence = best_intent(parse)
    topic = TOPIC_BY_INTENT[intent]
    field_code = FIELD_BY_INTENT.get(intent)
    if topic == "consultation" and field_code is None:
        field_code = normalise_field(_entity(parse, "field"))
    program = None
    if intent in FIELD_BY_INTENT and session is not None:
        program = program_instead(parse, session=session)
        if program is not None:
            topic = "program"
    if topic in ("program", "invest") and program is None:
        program = _entity(parse, "program")
        if program is None and session is not None:
            # An investor question names InvestSeoul or one of its services to be about it;
            # "minimum investment for a D-8 visa" is a general question (program null).
            program = _search_program(
                parse.get("text") or "", named_only=topic == "invest", session=session
            )
            if (
                topic == "program"
                and program is None
                and not SBA_CUE.search(parse.get("text") or "")
            ):
                topic = "out_of_scope"
    if (
        topic == "program"
        and program
        and session is not None
        and is_invest(program_id=program, session=session)
    ):
        topic = "invest"  # a question about InvestSeoul's own services is an investor inquiry
    entities = [
        {k: e.get(k) for k in ("entity", "value", "start", "end")}
        for e in parse.get("entities") or []
    ]
    return Triage(
        topic=topic,
        field=field_code if topic == "consultation" else None,
        program=program,
        confidence=round(confidence, 4),
        intent=intent,
        entities=entities,
    )
