"""Every catalogue text an answer shows has English, the English is loaded, and bad English is
rejected like bad Korean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.catalog.loader import Catalog, read_catalog
from bot.catalog.queries import get_program
from bot.catalog.schema import TEXTS
from bot.db import session_scope
from bot.db.models import Facility, Team
from tests.support.misc_catalog import program_row, rejections, write_files

HANGUL = re.compile(r"[\uac00-\ud7a3]")
KOREAN_AMOUNT = re.compile(r"\d\s*(억|만|천|조|백만)")


def _english_values(catalog: Catalog) -> list[tuple[str, str]]:
    out = []
    for kind in ("programs", "facilities", "teams"):
        for row in getattr(catalog, kind):
            for key, value in row.items():
                if key.endswith("_en") and value is not None:
                    for text in value if isinstance(value, list) else [value]:
                        out.append((f"{kind} {row['id']} {key}", str(text)))
            for line in row.get("budget") or []:
                out.append((f"{kind} {row['id']} budget", str(line.get("line_en"))))
    return out


@pytest.mark.parametrize("kind", ["programs", "facilities"])
def test_every_korean_text_has_english(catalog: Catalog, kind: str) -> None:
    missing = [
        f"{row['id']}.{key}_en"
        for row in getattr(catalog, kind)
        for key in TEXTS[kind]
        if row.get(key) and not row.get(f"{key}_en")
    ]
    assert not missing, missing


def test_every_program_has_english_name_texts_and_budget_lines(catalog: Catalog) -> None:
    assert len(catalog.programs) == 112
    for program in catalog.programs:
        assert program.get("name_en"), program["id"]
        for line in program.get("budget") or []:
            assert line.get("line_en"), (program["id"], line["line"])


def test_every_team_has_english_name_division_and_functions(catalog: Catalog) -> None:
    for team in catalog.teams:
        assert team.get("name_en") and team.get("division_en"), team["id"]
        assert len(team["functions_en"]) == len(team["functions"]), team["id"]


def test_english_texts_are_english(catalog: Catalog) -> None:
    values = _english_values(catalog)
    assert len(values) > 900
    korean = [where for where, text in values if HANGUL.search(text)]
    assert not korean, korean
    amounts = [where for where, text in values if KOREAN_AMOUNT.search(text)]
    assert not amounts, amounts


@pytest.mark.parametrize(
    ("program_id", "korean", "english"),
    [
        ("startup-investment", "634억원", "KRW 63.4 billion"),
        ("invest-seoul", "695억원", "KRW 69.5 billion"),
        ("invest-seoul", "815억원", "KRW 81.5 billion"),
        ("fdi-support", "31건 매칭", "31 matches"),
        ("sba-fund", "70억 원", "KRW 7 billion"),
        ("policy-rnd", "54.9억원", "KRW 5.49 billion"),
        ("naver-smartstore", "4,412백만원", "KRW 4.412 billion"),
        ("youth-job-academy", "70.1%", "70.1%"),
    ],
)
def test_amounts_carry_over_exactly(
    catalog: Catalog, program_id: str, korean: str, english: str
) -> None:
    program = next(p for p in catalog.programs if p["id"] == program_id)
    korean_text = " ".join(str(program.get(k) or "") for k in TEXTS["programs"])
    english_text = " ".join(str(program.get(f"{k}_en") or "") for k in TEXTS["programs"])
    assert korean in korean_text and english in english_text


def test_invest_seoul_family_covers_who_what_results_events_and_office(catalog: Catalog) -> None:
    programs = {p["id"]: p for p in catalog.programs}
    text = " ".join(
        str(programs[pid].get(f"{k}_en") or "")
        for pid in (
            "invest-seoul",
            "invest-seoul-marketing",
            "invest-seoul-attraction",
            "fdi-support",
        )
        for k in TEXTS["programs"]
    )
    for fact in (
        "Foreign investors and companies",
        "USD 100 million",
        "legal support for incorporation and capital increases",
        "settlement support",
        "FDI Biz Matching",
        "AI consultation chatbot",
        "BIO",
        "Collision",
        "GITEX",
        "Saudi sovereign wealth fund",
        "Abu Dhabi Investment Office",
        "KRW 81.5 billion",
        "83 cases of support for 45 companies",
    ):
        assert fact in text, fact
    office = next(f for f in catalog.facilities if f["id"] == "invest-seoul-office")
    assert office["address_en"] == (
        "6F Seoul Global Center Building, 38 Jong-ro, Jongno-gu, Seoul (Seorin-dong)"
    )


def test_english_is_stored_in_the_database(loaded_db: str) -> None:
    with session_scope() as session:
        program = get_program(program_id="youth-job-academy", session=session)
        assert program is not None
        assert program.purpose_en.startswith("Gives young people free software and DT training")
        assert program.budget_lines[0].line_en == (
            "Seoul Software Academy (SeSAC) development and operation"
        )
        assert program.team.name_en == "Education Team 1"
        team = session.get(Team, "invest-seoul-center")
        assert team.functions_en[0].startswith("Running Invest Seoul")
        office = session.get(Facility, "invest-seoul-office")
        assert office.address_en.startswith("6F Seoul Global Center Building")


def _program(**over: object) -> dict[str, object]:
    """A valid program with a purpose in both languages, so each case breaks only its English."""
    return program_row(**{"purpose": "시험용 목적", "purpose_en": "A test purpose", **over})


TOPIC = {
    "id": "t1",
    "keywords": ["비자"],
    "keywords_en": ["visa"],
    "programs": ["p1"],
    "answer": "답",
    "answer_en": "Answer",
    "limits": "한계",
    "limits_en": "Limits",
}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"programs": {"programs": [_program(purpose_eng="typo")]}}, "unknown key 'purpose_eng'"),
        (
            {"programs": {"programs": [_program(purpose_en="")]}},
            "purpose_en must be non-empty text",
        ),
        (
            {"programs": {"programs": [_program(purpose_en=["a", "b"])]}},
            "purpose_en must be non-empty text",
        ),
        ({"programs": {"programs": [_program(target_en="Who")]}}, "target_en without target"),
        ({"programs": {"programs": [_program(content=["목록"])]}}, "content must be text"),
        (
            {
                "programs": {
                    "programs": [
                        _program(
                            budget=[
                                {
                                    "line": "x",
                                    "line_en": "",
                                    "kind": "고유",
                                    "amount_thousand_krw": 1,
                                }
                            ]
                        )
                    ]
                }
            },
            "line_en must be non-empty text",
        ),
        (
            {
                "programs": {"programs": [_program()]},
                "teams": {
                    "teams": [
                        {"id": "t", "name": "팀", "functions": ["가", "나"], "functions_en": ["A"]}
                    ]
                },
            },
            "functions_en has 1 lines, functions has 2",
        ),
        (
            {
                "programs": {"programs": [_program()]},
                "facilities": {"facilities": [{"id": "f", "name": "시설", "address_en": "1 Road"}]},
            },
            "address_en without address",
        ),
        (
            {
                "programs": {"programs": [_program()]},
                "invest_topics": {"topics": [{**TOPIC, "programs": ["nope"]}]},
            },
            "unknown program 'nope'",
        ),
        (
            {
                "programs": {"programs": [_program()]},
                "invest_topics": {"topics": [{k: v for k, v in TOPIC.items() if k != "limits_en"}]},
            },
            "needs limits_en",
        ),
        (
            {"programs": {"programs": [_program()]}, "invest_topics": {"topics": [TOPIC, TOPIC]}},
            "duplicate id 't1'",
        ),
    ],
)
def test_bad_english_is_rejected_with_a_clear_message(
    tmp_path: Path, files: dict, message: str
) -> None:
    problems = rejections(tmp_path, **files)
    assert any(message in p for p in problems), problems


def test_english_keys_are_optional(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        programs={
            "programs": [
                {
                    "id": "p1",
                    "name": "시험사업",
                    "area": "startup",
                    "fields": ["startup"],
                    "purpose": "목적만",
                }
            ]
        },
    )
    assert read_catalog(tmp_path).programs[0]["purpose"] == "목적만"
