"""Catalogue names are found whatever the spacing and case, with exact offsets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.catalog.loader import Catalog
from bot.catalog.nlu import render_nlu
from bot.nlp.matcher import CatalogEntityMatcher
from bot.nlp.tokenizer import KoreanTokenizer

LOOKUP = ["청년취업사관학교", "SeSAC", "서울형 R&D", "trade-ON", "서울컵", "IP나래"]
SYNONYMS = {
    "청년취업사관학교": "youth-job-academy",
    "SeSAC": "youth-job-academy",
    "서울형 R&D": "seoul-rnd",
    "trade-ON": "trade-on",
    "서울컵": "seoul-cup",
    "IP나래": "ip-narae",
}


@pytest.fixture()
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


@pytest.fixture()
def matcher(storage: LocalModelStorage) -> CatalogEntityMatcher:
    resource = Resource("matcher")
    m = CatalogEntityMatcher.create(
        CatalogEntityMatcher.get_default_config(),
        storage,
        resource,
        ExecutionContext(GraphSchema({}), "test"),
    )
    m.train(
        TrainingData(
            lookup_tables=[{"name": "program", "elements": LOOKUP}], entity_synonyms=SYNONYMS
        )
    )
    return m


def _found(matcher: CatalogEntityMatcher, text: str) -> list[dict[str, Any]]:
    msg = Message(data={TEXT: text})
    KoreanTokenizer(KoreanTokenizer.get_default_config()).process([msg])
    matcher.process([msg])
    return list(msg.get("entities"))


def _entities(matcher: CatalogEntityMatcher, text: str) -> list[tuple[str, str, str]]:
    return [
        (e["value"], text[e["start"] : e["end"]], e["extractor"]) for e in _found(matcher, text)
    ]


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("청년취업사관학교 신청 자격이 뭐예요?", "youth-job-academy", "청년취업사관학교"),
        ("청년 취업 사관학교는 누가 들어요", "youth-job-academy", "청년 취업 사관학교"),
        ("청년취업 사관 학교에 대해", "youth-job-academy", "청년취업 사관 학교"),
        ("sesac 위치가 어디예요", "youth-job-academy", "sesac"),
        ("SeSAC에서 배우고 싶어요", "youth-job-academy", "SeSAC"),
        ("서울형R&D 대상", "seoul-rnd", "서울형R&D"),
        ("서울형 r&d 신청", "seoul-rnd", "서울형 r&d"),
        ("Trade ON 가입 방법", "trade-on", "Trade ON"),
        ("tradeon이 뭐예요", "trade-on", "tradeon"),
        ("IP 나래 프로그램", "ip-narae", "IP 나래"),
        ("ＳｅＳＡＣ 전각으로 써도", "youth-job-academy", "ＳｅＳＡＣ"),
    ],
)
def test_spacing_case_and_width_variants_match(
    matcher: CatalogEntityMatcher, text: str, value: str, surface: str
) -> None:
    assert _entities(matcher, text) == [(value, surface, "CatalogEntityMatcher")]


def test_two_programs_in_one_message(matcher: CatalogEntityMatcher) -> None:
    found = _entities(matcher, "서울컵이랑 IP나래 차이가 뭐예요")
    assert [v for v, _, _ in found] == ["seoul-cup", "ip-narae"]


def test_match_must_start_on_a_token(matcher: CatalogEntityMatcher) -> None:
    # "tradeon" inside a longer Latin word is not a mention of trade-ON.
    assert _entities(matcher, "notradeon 사이트") == []


@pytest.mark.parametrize("text", ["", "ㅋㅋㅋ", "😀😀", "'; DROP TABLE x;--", "가" * 5000])
def test_odd_input_finds_nothing_without_error(matcher: CatalogEntityMatcher, text: str) -> None:
    assert _entities(matcher, text) == []


def test_patterns_survive_persist_and_load(
    matcher: CatalogEntityMatcher, storage: LocalModelStorage
) -> None:
    loaded = CatalogEntityMatcher.load(
        CatalogEntityMatcher.get_default_config(),
        storage,
        Resource("matcher"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    assert _entities(loaded, "SeSAC 알려줘") == [
        ("youth-job-academy", "SeSAC", "CatalogEntityMatcher")
    ]


def test_untrained_matcher_extracts_nothing(storage: LocalModelStorage) -> None:
    m = CatalogEntityMatcher.load(
        CatalogEntityMatcher.get_default_config(),
        storage,
        Resource("missing"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    assert _entities(m, "청년취업사관학교") == []


@pytest.fixture(scope="module")
def catalogue_matcher(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog
) -> CatalogEntityMatcher:
    """The matcher as config.yml configures it, trained on the generated catalogue file."""
    m = CatalogEntityMatcher.create(
        {"entities": ["program", "field"]},
        LocalModelStorage(tmp_path_factory.mktemp("m")),
        Resource("matcher"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    m.train(RasaYAMLReader().reads(render_nlu(catalog)))
    return m


def _by_entity(matcher: CatalogEntityMatcher, text: str) -> list[tuple[str, str, str]]:
    return [(e["entity"], e["value"], text[e["start"] : e["end"]]) for e in _found(matcher, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("노무사한테 상담 받고 싶어요", [("field", "labor", "노무사")]),
        ("세무사님 연결해 주실 수 있나요", [("field", "tax", "세무사")]),
        ("관세사 상담 가능해요?", [("field", "customs", "관세사")]),
        ("변리 쪽 전문가 연결 부탁해요", [("field", "patent", "변리")]),
        ("투자 유치 상담 받고 싶습니다", [("field", "finance", "투자 유치")]),
        ("경영 컨설팅 받을래요", [("field", "management", "경영 컨설팅")]),
        ("HR 쪽 전문가 필요해요", [("field", "labor", "HR")]),
        ("I need a patent attorney", [("field", "patent", "patent attorney")]),
        ("Can I talk to a lawyer?", [("field", "law", "lawyer")]),
        (
            "청년취업사관학교 마케팅 수업",
            [
                ("program", "youth-job-academy", "청년취업사관학교"),
                ("field", "marketing", "마케팅"),
            ],
        ),
        # The longest name wins: a program alias that contains a field name is the program.
        ("서울창업허브 입주하려면", [("program", "startup-hub", "서울창업허브")]),
    ],
)
def test_field_and_program_names_from_the_catalogue(
    catalogue_matcher: CatalogEntityMatcher, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _by_entity(catalogue_matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "IPO 준비 중인데요",
        "taxi 회사 운영해요",
        "HRD 교육",
        "exporter list",
        "three HRs",
        "체류 자격 문의",  # 자격: no field name (자금 is not in 자격)
    ],
)
def test_a_name_inside_a_longer_word_is_not_a_field(
    catalogue_matcher: CatalogEntityMatcher, text: str
) -> None:
    assert [e for e in _by_entity(catalogue_matcher, text) if e[0] == "field"] == []
