"""Investor questions are recognised in Korean and English and answered with what InvestSeoul
offers, what the assistant cannot decide, and the offer of a consultation."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from bot.catalog import invest_topics
from bot.catalog.invest_topics import (
    InvestTopic,
    load_topics,
    match_topic,
    parse_topics,
    read_topics,
    render_topic,
)
from bot.catalog.loader import Catalog
from bot.db.models import Facility
from bot.settings import ROOT

HANGUL = re.compile(r"[\uac00-\ud7a3]")
OFFICE = Facility(
    id="invest-seoul-office",
    name="인베스트서울",
    address="서울시 종로구 종로 38 서울글로벌센터빌딩 6층 (서린동)",
    address_en="6F Seoul Global Center Building, 38 Jong-ro, Jongno-gu, Seoul " "(Seorin-dong)",
)


@pytest.fixture(scope="module")
def topics() -> list[InvestTopic]:
    found, problems = read_topics(ROOT / "catalog" / "invest_topics.yml")
    assert not problems
    return found


def test_the_catalogue_loads_the_topics(catalog: Catalog) -> None:
    assert {t.id for t in catalog.invest_topics} >= {
        "incorporation",
        "minimum-investment",
        "investor-visa",
        "incentives",
        "contact",
    }


@pytest.mark.parametrize(
    ("text", "topic_id"),
    [
        ("How do I set up a foreign-invested company in Seoul?", "incorporation"),
        ("We want to incorporate a Korean subsidiary", "incorporation"),
        ("외국인투자기업 법인설립 절차가 궁금해요", "incorporation"),
        ("What is the minimum investment for a foreign company?", "minimum-investment"),
        ("How much do I need to invest?", "minimum-investment"),
        ("최소 투자금액이 얼마예요?", "minimum-investment"),
        ("Can I get an investor visa (D-8)?", "investor-visa"),
        (
            "What visa do I need to set up a company here?",
            "investor-visa",
        ),  # specific beats general
        ("D8 비자 받으려면 얼마를 투자해야 하나요", "investor-visa"),
        ("Are there tax incentives or cash grants for foreign investors?", "incentives"),
        ("외국인 투자 세제 혜택 있나요", "incentives"),
        ("Our startup wants to raise money from overseas investors", "overseas-investors"),
        ("How can I find a Korean business partner after investing?", "business-partners"),
        ("Invest Seoul contact", "contact"),
        ("인베스트서울 사무실 주소가 어디예요", "contact"),
        ("Tell me about Invest Seoul", None),
        ("Is it advisable to invest now?", None),  # "visa" inside a word is not the topic
        ("외국인인데 서울에서 투자하려면 어떻게 해요", None),
    ],
)
def test_questions_find_their_topic(
    topics: list[InvestTopic], text: str, topic_id: str | None
) -> None:
    topic = match_topic(topics, text)
    assert (topic.id if topic else None) == topic_id


def test_every_topic_answers_both_languages_with_limits_and_offer(
    topics: list[InvestTopic],
) -> None:
    for topic in topics:
        english = render_topic(topic, OFFICE, "en")
        korean = render_topic(topic, OFFICE, "ko")
        assert english.startswith(topic.answer_en) and topic.limits_en in english
        assert english.endswith(
            "Would you like an Invest Seoul consultation? Just tell me. The "
            "Invest Seoul Center's office is at 6F Seoul Global Center "
            "Building, 38 Jong-ro, Jongno-gu, Seoul (Seorin-dong)."
        )
        assert not HANGUL.search(english), topic.id
        assert korean.startswith(topic.answer) and topic.limits in korean
        assert "인베스트서울 전문가 상담을 원하시면 말씀해 주세요." in korean
        assert OFFICE.address in korean


@pytest.mark.parametrize(
    ("topic_id", "cannot"),
    [
        ("incorporation", "I can't decide which legal form"),
        ("minimum-investment", "I can't decide which legal minimum applies to your case"),
        ("investor-visa", "I can't decide whether you qualify for a D-8"),
        ("incentives", "I can't decide whether your investment qualifies"),
    ],
)
def test_limits_are_stated_plainly(topics: list[InvestTopic], topic_id: str, cannot: str) -> None:
    topic = next(t for t in topics if t.id == topic_id)
    assert topic.limits_en.startswith(cannot)
    assert "consultation" in topic.limits_en
    assert "판단할 수 없습니다" in topic.limits or "드릴 수는 없습니다" in topic.limits


def test_general_statements_are_marked_and_sba_facts_come_from_the_report(
    topics: list[InvestTopic],
) -> None:
    by_id = {t.id: t for t in topics}
    for topic_id in ("minimum-investment", "investor-visa", "incentives", "incorporation"):
        assert "As general information" in by_id[topic_id].answer_en
        assert "일반" in by_id[topic_id].answer
    assert (
        "legal support for incorporation and capital increases" in by_id["incorporation"].answer_en
    )
    assert "83 FDI cases for 45 companies" in by_id["incorporation"].answer_en


def test_without_an_office_the_offer_still_stands(topics: list[InvestTopic]) -> None:
    assert render_topic(topics[0], None, "en").endswith(
        "Would you like an Invest Seoul consultation? Just tell me."
    )


def test_problems_are_reported_not_raised() -> None:
    topics, problems = parse_topics({"topics": [{"id": "x", "keywords": [], "programs": []}]})
    assert topics == []
    assert any("keywords must be a non-empty list" in p for p in problems)
    assert any("needs answer_en" in p for p in problems)
    assert parse_topics({"topics": "no"})[1] == [
        "invest_topics.yml: top-level 'topics' must be a " "list"
    ]


def test_runtime_reads_the_file_again_when_it_changes_and_ignores_a_broken_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    class _Settings:
        catalog_dir = tmp_path

    monkeypatch.setattr(invest_topics, "get_settings", lambda: _Settings)
    path = tmp_path / "invest_topics.yml"
    source = (ROOT / "catalog" / "invest_topics.yml").read_text(encoding="utf-8")
    path.write_text(source, encoding="utf-8")
    assert len(load_topics()) >= 5
    path.write_text("topics: [{id: broken}]\n", encoding="utf-8")
    import os

    os.utime(path, (1, 1))  # a different modification time, as an edit would give
    with caplog.at_level(logging.ERROR):
        assert load_topics() == []
    assert "invest topics ignored" in caplog.text
