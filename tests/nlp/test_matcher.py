"""Catalogue names are found whatever the spacing and case, with exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp.matcher import CatalogEntityMatcher
from bot.nlp.tokenizer import KoreanTokenizer

LOOKUP = ["청년취업사관학교", "SeSAC", "서울형 R&D", "trade-ON", "서울컵", "IP나래"]
SYNONYMS = {
    "청년취업사관학교": "youth-job-academy", "SeSAC": "youth-job-academy",
    "서울형 R&D": "seoul-rnd", "trade-ON": "trade-on", "서울컵": "seoul-cup", "IP나래": "ip-narae",
}


@pytest.fixture()
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


@pytest.fixture()
def matcher(storage: LocalModelStorage) -> CatalogEntityMatcher:
    resource = Resource("matcher")
    m = CatalogEntityMatcher.create(
        CatalogEntityMatcher.get_default_config(), storage, resource,
        ExecutionContext(GraphSchema({}), "test"),
    )
    m.train(TrainingData(lookup_tables=[{"name": "program", "elements": LOOKUP}],
                         entity_synonyms=SYNONYMS))
    return m


def _entities(matcher: CatalogEntityMatcher, text: str) -> list[tuple[str, str, str]]:
    msg = Message(data={TEXT: text})
    KoreanTokenizer(KoreanTokenizer.get_default_config()).process([msg])
    matcher.process([msg])
    return [(e["value"], text[e["start"] : e["end"]], e["extractor"]) for e in msg.get("entities")]


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
        CatalogEntityMatcher.get_default_config(), storage, Resource("matcher"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    assert _entities(loaded, "SeSAC 알려줘") == [("youth-job-academy", "SeSAC",
                                                  "CatalogEntityMatcher")]


def test_untrained_matcher_extracts_nothing(storage: LocalModelStorage) -> None:
    m = CatalogEntityMatcher.load(
        CatalogEntityMatcher.get_default_config(), storage, Resource("missing"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    assert _entities(m, "청년취업사관학교") == []
