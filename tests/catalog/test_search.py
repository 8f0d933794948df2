"""Search finds programs by name, alias, typo and description, and never fails on odd input."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete

from bot.catalog import search as search_module
from bot.catalog.loader import Catalog, catalog_version, load_catalog
from bot.catalog.search import search_programs
from bot.db import session_scope
from bot.db.models import CatalogMeta

pytestmark = pytest.mark.usefixtures("loaded_db")


def _top(query: str) -> tuple[str, tuple[str, ...]]:
    with session_scope() as session:
        hits = search_programs(query=query, limit=3, session=session)
    assert hits, f"nothing found for {query!r}"
    return hits[0].program_id, hits[0].reasons


@pytest.mark.parametrize(
    ("query", "program_id", "reason"),
    [
        # By name, spacing, the romanised alias, a typo, and a description with no name.
        ("청년취업사관학교 신청 자격이 뭐예요?", "youth-job-academy", "이름 일치"),
        ("청년 취업 사관 학교", "youth-job-academy", "이름 일치"),
        ("sesac 어디서 해요", "youth-job-academy", "이름 일치"),
        ("SeSAC에서 배우고 싶어요", "youth-job-academy", "이름 일치"),
        ("서울형 TIPS 신청하려면", "seoul-tips", "이름 일치"),
        ("Trade ON 바이어 매칭", "trade-on", "이름 일치"),
        ("서울어우드 신청", "seoul-award", "비슷한 이름"),
        ("하이서을기업 인증", "hi-seoul", "비슷한 이름"),
        ("청년들 코딩 공짜로 가르쳐주는 데 어디예요", "youth-job-academy", "키워드"),
        ("특허 침해 경고장을 받았는데 대응을 도와주나요", "ip-protection", "키워드"),
        # English questions, through the English names and texts.
        ("coding bootcamp for young people", "youth-job-academy", "키워드"),
        ("Invest Seoul contact", "invest-seoul", "이름 일치"),
        ("legal support for incorporation of a foreign-invested company", "fdi-support", "키워드"),
        ("Hi Seoul company certification", "hi-seoul", "키워드"),
        ("post-production studio for an independent film", "content-tech-support", "키워드"),
        ("patent infringement warning letter", "ip-protection", "키워드"),
    ],
)
def test_questions_find_programs_by_name_typo_and_description(
    query: str, program_id: str, reason: str
) -> None:
    top, reasons = _top(query)
    assert top == program_id
    assert any(r.startswith(reason) for r in reasons), reasons


def test_latin_alias_must_be_a_whole_word() -> None:
    # "CES" is an alias of ces-2023 and hides inside "office space".
    with session_scope() as session:
        hits = search_programs(query="free office space for startups", session=session)
    assert all(not (h.program_id == "ces-2023" and "이름 일치: CES" in h.reasons) for h in hits)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "ㅋㅋㅋㅋ",
        "😀😀😀",
        "ㅠㅠ",
        "!!!???",
        "'; DROP TABLE programs;--",
        "<img src=x onerror=alert(1)>",
        "가" * 10_000,
        "\udcff\udcfe",
    ],
)
def test_odd_input_finds_nothing_or_something_without_error(query: str) -> None:
    with session_scope() as session:
        hits = search_programs(query=query, session=session)
    assert isinstance(hits, list)
    if query.strip() in ("", "ㅋㅋㅋㅋ", "😀😀😀", "ㅠㅠ", "!!!???"):
        assert hits == []


def test_index_is_rebuilt_when_a_changed_catalogue_is_loaded(catalog: Catalog) -> None:
    changed = copy.deepcopy(catalog)
    cup = next(p for p in changed.programs if p["id"] == "seoul-cup")
    cup["aliases"] = [*cup.get("aliases", []), "고교생 롤 대회"]
    with session_scope() as session:
        before = search_module.get_index(session=session)
        assert search_module.get_index(session=session) is before  # same version: the cached index
        assert catalog_version(changed) != catalog_version(catalog)
        load_catalog(changed, session=session)
        after = search_module.get_index(session=session)
        assert after is not before
        assert search_programs(query="고교생 롤 대회", session=session)[0].program_id == "seoul-cup"
        load_catalog(changed, session=session)  # loading the same content again keeps the index
        assert search_module.get_index(session=session) is after


def test_rows_without_a_version_are_fingerprinted(catalog: Catalog) -> None:
    """A database whose rows were not written by ``db load`` still gets a fresh index."""
    with session_scope() as session:
        session.execute(delete(CatalogMeta))
        before = search_module.get_index(session=session)
        program = session.get(search_module.Program, "seoul-cup")
        program.aliases = [*program.aliases, "고교생 롤 대회"]
        session.flush()
        assert search_module.get_index(session=session) is not before
        assert search_programs(query="고교생 롤 대회", session=session)[0].program_id == "seoul-cup"


def test_an_edited_thesaurus_rebuilds_the_index(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.settings import ROOT, get_settings

    shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    monkeypatch.setenv("BIZCALL_CATALOG_DIR", str(tmp_path / "catalog"))
    get_settings.cache_clear()
    try:
        with session_scope() as session:
            before = search_module.get_index(session=session)
            thesaurus = tmp_path / "catalog" / "thesaurus.yml"
            thesaurus.write_text(thesaurus.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            assert search_module.get_index(session=session) is not before
    finally:
        get_settings.cache_clear()


def test_office_space_for_foreign_startups_finds_startup_space() -> None:
    spaces = {
        "startup-hub",
        "startup-hub-gongdeok-ops",
        "startup-hub-seongsu-ops",
        "startup-hub-changdong-ops",
        "startup-hub-mplus-ops",
        "gvalley-cube-tenancy",
    }
    with session_scope() as session:
        hits = search_programs(query="office space for foreign startups", limit=3, session=session)
    assert spaces & {h.program_id for h in hits}, hits


def test_english_synonyms_never_reach_korean_queries() -> None:
    path = search_module.get_settings().catalog_dir / "thesaurus.yml"
    korean, english = search_module._thesaurus(path)
    assert "bootcamp" in english["cod"]  # coding ~ bootcamp, stemmed
    assert "bootcamp" not in korean and not any("bootcamp" in v for v in korean.values())


def test_korean_question_is_scored_on_korean_text_only() -> None:
    with session_scope() as session:
        index = search_module.get_index(session=session)
        before = index.search("청년들 코딩 공짜로 가르쳐주는 데 어디예요")
        saved = [d.terms_en for d in index.docs]
        for d in index.docs:
            d.terms_en = {}
        try:
            assert index.search("청년들 코딩 공짜로 가르쳐주는 데 어디예요") == before
        finally:
            for d, terms in zip(index.docs, saved, strict=False):
                d.terms_en = terms


def test_english_recall_on_the_held_out_english_queries() -> None:
    from pathlib import Path

    from bot.evaluation.search import load_queries, score

    items = load_queries(Path(__file__).parent / "search_queries_en.yml")
    with session_scope() as session:
        report = score(search_module.get_index(session=session), items)
    assert report.recall1 >= 0.85 and report.recall3 >= 0.95, report.misses
