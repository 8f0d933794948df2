"""``action_answer_invest`` answers from InvestSeoul's catalogue entries in the user's language,
answers typical investor questions from ``catalog/invest_topics.yml``, and always states its limits
and offers a consultation."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.invest import ActionAnswerInvest
from bot.catalog.queries import get_program
from bot.db import session_scope

ACTION = ActionAnswerInvest()
HANGUL = re.compile(r"[\uac00-\ud7a3]")
OFFICE_KO = "서울시 종로구 종로 38 서울글로벌센터빌딩 6층 (서린동)"
OFFICE_EN = "6F Seoul Global Center Building, 38 Jong-ro, Jongno-gu, Seoul (Seorin-dong)"
INVEST_CARD = {
    "ko": {
        "type": "program",
        "id": "invest-seoul",
        "name": "인베스트서울 운영",
        "target": "서울 기업 투자 또는 서울 내 법인 설립을 희망하는 외국인 투자자 및 기업",
        "schedule": "서울투자정보 종합 플랫폼 구축 및 서울투자환경 홍보 2022년 7월~12월, "
        "투자유망기업 발굴 및 글로벌 투자유치(IR 등) 2022년 7월~11월.",
        "contact": f"서울산업진흥원 인베스트서울센터; 인베스트서울, {OFFICE_KO}",
        "inherited_from": None,
        "basis": "2022년 11월 서울산업진흥원 업무보고 기준",
        "as_of": "2022-11-01",
    },
    "en": {
        "type": "program",
        "id": "invest-seoul",
        "name": "Invest Seoul",
        "target": "Foreign investors and companies that want to invest in a Seoul company or set "
        "up a legal entity (corporation) in Seoul",
        "schedule": "Building the Seoul investment information platform and promoting Seoul's "
        "investment environment: July–December 2022; finding promising companies for "
        "investment and global investment attraction (IR and more): July–November "
        "2022.",
        "contact": f"Invest Seoul Center, SBA; Invest Seoul, {OFFICE_EN}",
        "inherited_from": None,
        "basis": "as of SBA's work report of November 2022",
        "as_of": "2022-11-01",
    },
}


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize(
    ("text", "program_id"),
    [
        ("외국인인데 서울에서 투자하려면 어떻게 해요", "invest-seoul"),
        ("해외 투자자 서울 초청 IR은 어떤 게 있었나요", "invest-seoul-attraction"),
    ],
)
async def test_general_question_gets_the_overview_and_the_limits(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    text: str,
    program_id: str,
) -> None:
    events = await ACTION.run(dispatcher, make_tracker(text, "ask_invest"), domain)
    assert events == [SlotSet("program", program_id)]
    with session_scope() as session:
        name = get_program(program_id=program_id, session=session).name
    assert name in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["custom"]["id"] == program_id
    assert dispatcher.messages[1]["response"] == "utter_invest_limits"
    assert "utter_invest_limits" in domain["responses"]


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize("language", ["ko", "en"])
async def test_overview_card_is_exact_in_both_languages(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    language: str,
) -> None:
    text = {"ko": "인베스트서울이 뭐 하는 곳이에요?", "en": "What does Invest Seoul do?"}[language]
    await ACTION.run(
        dispatcher, make_tracker(text, "ask_invest", slots={"language": language}), domain
    )
    assert dispatcher.messages[0]["custom"] == INVEST_CARD[language]
    first = dispatcher.messages[0]["text"]
    assert first.startswith("[인베스트서울 운영]" if language == "ko" else "[Invest Seoul]")
    if language == "en":
        assert not HANGUL.search(first), first
        assert "FDI all-in-one package" in first  # the service investors ask about most


TOPICS = [
    # (text, language, program, what the answer must say, what it must say it cannot decide)
    (
        "I want to set up a foreign-invested company in Seoul. Can you help?",
        "en",
        "fdi-support",
        "legal support for incorporation and capital increases",
        "I can't decide which legal form",
    ),
    (
        "What is the minimum investment amount for a foreign investor?",
        "en",
        "fdi-support",
        "sets no minimum investment for Invest Seoul's support",
        "I can't decide which legal minimum applies",
    ),
    (
        "Can I get a D-8 investor visa?",
        "en",
        "fdi-support",
        "Investor visas, however, are not issued by SBA",
        "I can't decide whether you qualify for a D-8",
    ),
    (
        "Are there tax incentives for foreign investors in Seoul?",
        "en",
        "invest-seoul",
        "lists no tax incentive that Invest Seoul grants itself",
        "I can't decide whether your investment qualifies",
    ),
    (
        "외국인 투자기업 법인 설립 도와주는 서비스 있나요",
        "ko",
        "fdi-support",
        "법인설립·증자 법무지원",
        "판단하거나 서류를 검토해 드릴 수는 없습니다",
    ),
    (
        "외국인 최소 투자금액이 얼마예요?",
        "ko",
        "fdi-support",
        "최소 투자금액이 정해져 있지 않습니다",
        "제가 판단할 수 없습니다",
    ),
    (
        "D-8 투자 비자 받을 수 있나요?",
        "ko",
        "fdi-support",
        "투자 비자는 서울산업진흥원이 발급하지 않습니다",
        "제가 판단할 수 없습니다",
    ),
    (
        "외국인 투자하면 세금 감면 혜택 있어요?",
        "ko",
        "invest-seoul",
        "직접 주는 세제 혜택이 나와 있지 않습니다",
        "제가 판단할 수 없습니다",
    ),
]


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize(("text", "language", "program_id", "says", "limit"), TOPICS)
async def test_investor_question_gets_offer_limits_and_consultation(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    text: str,
    language: str,
    program_id: str,
    says: str,
    limit: str,
) -> None:
    tracker = make_tracker(text, "ask_invest", slots={"language": language})
    events = await ACTION.run(dispatcher, tracker, domain)
    assert events == [SlotSet("program", program_id)]
    [message] = dispatcher.messages  # self-contained: no generic limits response after it
    answer = message["text"]
    assert says in answer and limit in answer
    if language == "en":
        assert "Would you like an Invest Seoul consultation?" in answer
        assert OFFICE_EN in answer
        assert not HANGUL.search(answer), answer
    else:
        assert "인베스트서울 전문가 상담을 원하시면 말씀해 주세요." in answer
        assert OFFICE_KO in answer
    assert message["custom"]["type"] == "program"
    assert message["custom"]["id"] == program_id


@pytest.mark.usefixtures("loaded_db")
async def test_contact_question_gives_the_office_and_says_what_the_report_lacks(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> None:
    tracker = make_tracker("Invest Seoul contact", "ask_invest", slots={"language": "en"})
    events = await ACTION.run(dispatcher, tracker, domain)
    assert events == [SlotSet("program", "invest-seoul")]
    [message] = dispatcher.messages
    assert "Global Company Support Team" in message["text"]
    assert OFFICE_EN in message["text"]
    assert "no phone number, email address or opening hours" in message["text"]
    assert message["custom"] == INVEST_CARD["en"]
