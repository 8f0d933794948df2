"""Every button the bot can show: typing its title, or two natural variants, is a click.

Walks every response in ``domain.yml`` that has buttons and every action that sends
buttons. For each button, the bot's question is put in a conversation, the typed text goes
through ``ButtonAnswerReader`` and Rasa's own ``RegexMessageHandler`` (the last two steps
of the pipeline), and the result must be what the click gives: the button's payload as
the parsed text, with the payload's intent and entities for an intent payload. A button
without variants in the table below fails the walk, so a new button cannot slip past.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
import yaml
from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.booking_form import field_buttons
from actions.booking_helpers import time_buttons
from actions.booking_manage import manage_buttons
from actions.consultation import field_choice_button, offer_buttons
from actions.handoff import closed_buttons, leave_queue_buttons
from actions.programs import program_button
from bot.clock import SEOUL
from bot.nlp.button_answer import ButtonAnswerReader
from bot.recommend.cards import follow_up_buttons, recommend_button
from bot.recommend.dialogue import QUESTIONS, question_buttons
from bot.recommend.matcher import Recommendation
from bot.settings import ROOT

DOMAIN_FILE = ROOT / "domain.yml"

VARIANTS: dict[str, tuple[str, str]] = {
    # domain.yml: channel question
    "채팅": ("채팅으로 할게요", "챗으로요"),
    "전화": ("전화요", "전화로 해 주세요"),
    "화상": ("화상으로요", "줌으로 할게요"),
    "방문": ("방문이요", "방문 상담으로 할게요"),
    "Chat": ("chat please", "by chat"),
    "Phone": ("by phone", "phone please"),
    "Video": ("video call please", "via zoom"),
    "In person": ("in person please", "I'd like to visit"),
    # domain.yml: email (optional)
    "없음": ("없어요", "건너뛸게요"),
    "None": ("skip", "no email"),
    # domain.yml: booking review
    "예약 확정": ("확정할게요", "네 확정해 주세요"),
    "처음부터 다시": ("처음부터 다시 할게요", "수정할게요"),
    "그만두기": ("그만둘게요", "취소할게요"),
    "Confirm booking": ("confirm", "yes, confirm it"),
    "Start over": ("start over please", "let me start over"),
    "Cancel": ("cancel it", "stop"),
    # domain.yml: offer of a person
    "상담원 연결": ("상담원 연결해 주세요", "상담원이요"),
    "Talk to an agent": ("agent please", "I want a human"),
    # domain.yml: cancel a booking?
    "네, 취소합니다": ("네", "네 취소해 주세요"),
    "아니요, 유지합니다": ("아니요", "아뇨 유지할게요"),
    "Yes, cancel it": ("yes", "yes please"),
    "No, keep it": ("no", "no, keep it please"),
    # actions: the ten fields, Korean and English
    "법률": ("법률 상담이요", "변호사 상담 받고 싶어요"),
    "노무": ("노무요", "노무 상담이요"),
    "세무": ("세무 상담이요", "세금 쪽이요"),
    "변리·특허": ("특허요", "변리 상담이요"),
    "관세": ("관세요", "통관 쪽으로요"),
    "경영": ("경영 상담이요", "경영 쪽이요"),
    "창업": ("창업이요", "창업 상담으로 할게요"),
    "무역·수출": ("수출이요", "무역 상담 받고 싶어요"),
    "투융자": ("투자요", "자금 쪽 상담이요"),
    "마케팅": ("마케팅이요", "마케팅 상담 부탁드려요"),
    "Legal": ("legal please", "a lawyer please"),
    "Labor": ("labor please", "HR advice"),
    "Tax": ("tax please", "I'd like tax advice"),
    "Patent & IP": ("patent", "trademark please"),
    "Customs": ("customs please", "customs advice"),
    "Management": ("management please", "management consulting"),
    "Startup": ("startup please", "startup advice"),
    "Trade & Export": ("export please", "trade"),
    "Investment & Financing": ("investment please", "funding"),
    "Marketing": ("marketing please", "marketing advice"),
    # actions: yes/no to "shall I book?" and to the routed field
    "네, 예약할게요": ("네", "네 그걸로 할게요"),
    "괜찮아요": ("아니요", "괜찮습니다"),
    "Yes, book it": ("yes please", "sure"),
    "No, thanks": ("no", "not now"),
    "네": ("네 맞아요", "예"),
    "Yes": ("yes", "yeah"),
    # actions: a booking just shown
    "일정 변경": ("일정 변경할게요", "변경이요"),
    "예약 취소": ("예약 취소해 주세요", "취소요"),
    "Change time": ("change time please", "change the time"),
    "Cancel booking": ("cancel booking please", "cancel the booking"),
    # actions: handoff
    "대기 취소": ("대기 취소할게요", "취소요"),
    "Leave the queue": ("leave the queue please", "stop"),
    "상담 예약하기": ("상담 예약이요", "1번"),
    "답변 요청 남기기": ("답변 요청이요", "2번"),
    "Book a consultation": ("book a consultation please", "the first one"),
    "Leave a request": ("leave a request please", "the second one"),
    # actions/recommend.py: profile questions (bot/recommend/dialogue.py)
    "예비창업자": ("예비창업자예요", "예비창업자입니다"),
    "창업 7년 미만 기업": ("창업 7년 미만 기업이에요", "2번"),
    "중소기업": ("중소기업이에요", "중소기업입니다"),
    "소상공인·소공인": ("소상공인이에요", "소공인이요"),
    "1인 크리에이터": ("1인 크리에이터예요", "크리에이터요"),
    "구직자·청년": ("구직자예요", "구직자·청년이요"),
    "외국인 투자기업": ("외국인 투자기업이에요", "외국인 투자기업입니다"),
    "자금·투자": ("자금이요", "투자요"),
    "사무공간": ("사무공간이요", "2번"),
    "판로·수출": ("판로요", "수출이요"),
    "교육·인재": ("교육이요", "인재요"),
    "기술개발(R&D)": ("5번", "5번이요"),
    "특허·상표": ("특허요", "상표요"),
    "컨설팅": ("컨설팅이요", "컨설팅 받고 싶어요"),
    "3년 미만": ("3년 미만이에요", "3년 미만이요"),
    "3~7년": ("3~7년이요", "2번"),
    "7년 이상": ("7년 이상이에요", "7년 이상이요"),
    "제조": ("제조요", "1번"),
    "콘텐츠·게임": ("콘텐츠요", "게임이요"),
    "뷰티·패션": ("뷰티요", "패션이요"),
    "식품": ("식품이요", "식품이에요"),
    "IT·AI": ("5번", "5번이요"),
    "서울": ("1번", "첫 번째요"),
    "서울 밖": ("서울 밖이요", "서울 밖이에요"),
    "건너뛰기": ("건너뛸게요", "건너뛰기요"),
    "Planning to start": ("planning to start", "the first one"),
    "Startup under 7 years": ("startup under 7 years", "a startup under 7 years"),
    "SME": ("sme", "an SME"),
    "Small shop or workshop": ("small shop or workshop", "a small shop or workshop"),
    "Creator": ("creator", "a creator"),
    "Job seeker": ("job seeker", "a job seeker"),
    "Foreign investor": ("foreign investor", "a foreign investor"),
    "Funding": ("funding", "funding please"),
    "Office space": ("office space", "office space please"),
    "Sales and export": ("sales and export", "sales and export please"),
    "Training and hiring": ("training and hiring", "training and hiring please"),
    "R&D": ("r&d", "R&D please"),
    "Patents and trademarks": ("patents and trademarks", "patents and trademarks please"),
    "Consulting": ("consulting", "consulting please"),
    "Under 3 years": ("under 3 years", "under 3 years please"),
    "3 to 7 years": ("3 to 7 years", "3 to 7 years please"),
    "7 years or more": ("7 years or more", "the third one"),
    "Manufacturing": ("manufacturing", "manufacturing please"),
    "Content and games": ("content and games", "the second one"),
    "Beauty and fashion": ("beauty and fashion", "the third one"),
    "Food": ("food", "food please"),
    "IT and AI": ("it and ai", "option 5"),
    "In Seoul": ("in seoul", "the first one"),
    "Outside Seoul": ("outside seoul", "the second one"),
    "Skip": ("skip", "skip please"),
    # actions/consultation.py: the offer to a user who described the company and a need
    "맞는 지원사업 보기": ("지원사업 보기", "3번"),
    "See programs that fit": ("see programs that fit please", "the third one"),
}
ORDINALS = {"ko": ("{n}번", "{n}번째 거요"), "en": ("option {n}", "number {n} please")}
"""Variants of buttons whose titles are data (free times, program names)."""


def _language(variant: dict[str, Any]) -> str:
    for condition in variant.get("condition") or []:
        if condition.get("name") == "language":
            return str(condition.get("value"))
    return "ko"


def domain_questions() -> list[tuple[str, str, list[dict[str, str]]]]:
    """(response name, language, buttons) for every response variant with buttons."""
    domain = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))
    found = []
    for name, variants in domain["responses"].items():
        for variant in variants:
            if variant.get("buttons"):
                found.append((name, _language(variant), variant["buttons"]))
    return found


def action_questions() -> list[tuple[str, str, list[dict[str, str]]]]:
    """(builder, language, buttons) for every set of buttons an action builds."""
    from bot.fields import FIELD_NAMES

    slots = [{"start": datetime(2026, 12, 8, h, 0, tzinfo=SEOUL).isoformat()} for h in (10, 11, 14)]
    found = []
    for language in ("ko", "en"):
        yes = "Yes" if language == "en" else "네"
        others = [code for code in FIELD_NAMES if code != "tax"]
        found += [
            ("field_buttons", language, field_buttons(FIELD_NAMES, language)),
            (
                "field confirm",
                language,
                [{"title": yes, "payload": yes}, *field_buttons(others, language)],
            ),
            (
                "clarify_field",
                language,
                [field_choice_button("tax", language), field_choice_button("labor", language)],
            ),
            ("ask_field", language, [field_choice_button(c, language) for c in FIELD_NAMES]),
            ("offer_buttons", language, offer_buttons(language)),
            (
                "offer with recommendations",
                language,
                [*offer_buttons(language), recommend_button(language)],
            ),
            ("manage_buttons", language, manage_buttons(language)),
            ("closed_buttons", language, closed_buttons(language)),
            ("leave_queue_buttons", language, leave_queue_buttons(language)),
            ("time_buttons", language, time_buttons(slots, language)),
            (
                "program suggestions",
                language,
                [
                    program_button("youth-job-academy", "청년취업사관학교"),
                    program_button("seoul-rnd", "서울형 R&D"),
                    program_button("investseoul", "Invest Seoul"),
                ],
            ),
            (
                "recommendation follow-up",
                language,
                follow_up_buttons(
                    [
                        Recommendation("animation-town", "애니타운", "check", 1.0, (), ()),
                        Recommendation("seoul-rnd", "서울형 R&D", "check", 1.0, (), ()),
                    ],
                    language,
                ),
            ),
        ]
        found += [
            (f"recommend question {q.key}", language, question_buttons(q, language))
            for q in QUESTIONS
        ]
    return found


def test_every_button_building_call_in_the_actions_is_walked() -> None:
    """Counts ``buttons=`` in actions/: a new one must be added to ``action_questions``.

    Sixteen today: booking_form 4 (time options ×2, field confirm, field choice), consultation 4
    (clarify, ask field, offer ×2), handoff 3 (closed, waiting, the re-asked question, which
    repeats buttons walked here), booking_manage 1, programs 1, recommend 3 (a profile
    question, the follow-up under the cards, the same follow-up when nothing fits).
    """
    calls = sum(
        len(re.findall(r"\bbuttons=", path.read_text(encoding="utf-8")))
        for path in (ROOT / "actions").glob("*.py")
    )
    assert calls == 16, "a new button-sending call: add it to action_questions()"


def _typed(title: str, index: int, language: str, ordinal: bool) -> list[str]:
    if ordinal:
        return [title, *(t.format(n=index + 1) for t in ORDINALS[language])]
    assert title in VARIANTS, f"no typed variants for button {title!r}: add them to VARIANTS"
    return [title, *VARIANTS[title]]


def _asked(buttons: list[dict[str, str]]) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        "walk",
        [
            ActionExecuted("action_listen"),
            UserUttered("앞선 질문", {"name": "greet"}),
            BotUttered("질문", {"buttons": buttons}),
            ActionExecuted("action_listen"),
        ],
    )


def _parse(text: str, tracker: DialogueStateTracker, domain: Domain) -> dict[str, Any]:
    message = Message(
        data={TEXT: text, "intent": {"name": "nlu_fallback", "confidence": 0.3}, "entities": []}
    )
    [message] = ButtonAnswerReader().process([message], tracker)
    [message] = RegexMessageHandler().process([message], domain)
    return {
        "text": message.get(TEXT),
        "intent": (message.get("intent") or {}).get("name"),
        "entities": sorted((e["entity"], e["value"]) for e in message.get("entities") or []),
    }


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(DOMAIN_FILE))


@pytest.mark.parametrize(
    ("source", "language", "buttons"),
    [*domain_questions(), *action_questions()],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_typing_a_button_is_clicking_it(
    source: str, language: str, buttons: list[dict[str, str]], domain: Domain
) -> None:
    tracker = _asked(buttons)
    data_titles = source in ("time_buttons", "program suggestions", "recommendation follow-up")
    for index, button in enumerate(buttons):
        click = _parse(button["payload"], DialogueStateTracker.from_events("c", []), domain)
        for typed in _typed(button["title"], index, language, data_titles):
            assert _parse(typed, tracker, domain) == click, (source, button["title"], typed)


def test_a_new_question_is_not_taken_for_an_answer(domain: Domain) -> None:
    fields = [field_choice_button(c, "ko") for c in ("tax", "labor", "law")]
    parsed = _parse("세무 신고 기한이 언제예요?", _asked(fields), domain)
    assert parsed == {
        "text": "세무 신고 기한이 언제예요?",
        "intent": "nlu_fallback",
        "entities": [],
    }
    offer = offer_buttons("en")
    parsed = _parse("How much does it cost?", _asked(offer), domain)
    assert parsed["intent"] == "nlu_fallback"


def test_without_a_question_nothing_changes(domain: Domain) -> None:
    empty = DialogueStateTracker.from_events("none", [])
    assert _parse("세무", empty, domain) == {
        "text": "세무",
        "intent": "nlu_fallback",
        "entities": [],
    }


def test_a_detail_given_to_the_booking_offer_is_a_yes_with_that_detail(domain: Domain) -> None:
    offer = _asked(offer_buttons("ko"))
    assert _parse("전화로요", offer, domain) == {
        "text": '/affirm{"booking_channel": "phone"}',
        "intent": "affirm",
        "entities": [("booking_channel", "phone")],
    }
    english = _asked(offer_buttons("en"))
    assert _parse("next Tuesday morning", english, domain) == {
        "text": '/affirm{"booking_time": "next Tuesday morning"}',
        "intent": "affirm",
        "entities": [("booking_time", "next Tuesday morning")],
    }


def test_the_answer_keeps_what_was_typed() -> None:
    message = Message(data={TEXT: "노무요"})
    tracker = _asked([field_choice_button("labor", "ko")])
    [message] = ButtonAnswerReader().process([message], tracker)
    assert message.get("button_answer") == {
        "title": "노무",
        "payload": '/request_consultation{"field":"labor"}',
        "typed": "노무요",
    }


def test_a_question_left_for_another_subject_is_closed(domain: Domain) -> None:
    tracker = DialogueStateTracker.from_events(
        "old",
        [
            BotUttered("질문", {"buttons": offer_buttons("ko")}),
            ActionExecuted("action_listen"),
            UserUttered("청년취업사관학교 알려주세요", {"name": "ask_program"}),
            BotUttered("답변"),
            ActionExecuted("action_listen"),
        ],
    )
    assert _parse("네", tracker, domain)["text"] == "네"


def test_a_question_stays_open_through_messages_the_bot_could_not_place(
    domain: Domain,
) -> None:
    fields = [field_choice_button(c, "en") for c in ("tax", "labor", "law")]
    tracker = DialogueStateTracker.from_events(
        "open",
        [
            BotUttered("Which field?", {"buttons": fields}),
            ActionExecuted("action_listen"),
            UserUttered("ㅋㅋㅋ", {"name": "nlu_fallback"}),
            BotUttered("Sorry?"),
            ActionExecuted("action_listen"),
            UserUttered("what's the weather", {"name": "out_of_scope"}),
            BotUttered("Not my area"),
            ActionExecuted("action_listen"),
        ],
    )
    assert _parse("the second one", tracker, domain) == {
        "text": '/request_consultation{"field":"labor"}',
        "intent": "request_consultation",
        "entities": [("field", "labor")],
    }
