"""Finding a program by the name users type."""

from __future__ import annotations

import pytest

from bot.catalog.queries import find_program_by_name, list_programs
from bot.db import session_scope


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize(
    ("text", "program_id"),
    [
        ("청년취업사관학교 신청 자격이 뭐예요?", "youth-job-academy"),
        ("청년 취업 사관학교 알려줘", "youth-job-academy"),
        ("sesac 어디서 해요", "youth-job-academy"),
        ("서울형R&D 대상", "seoul-rnd"),
        ("서울형 TIPS 신청하려면", "seoul-tips"),  # the sub-program, not its parent
        ("trade on 바이어 매칭", "trade-on"),
    ],
)
def test_name_alias_spacing_and_case_variants(text: str, program_id: str) -> None:
    with session_scope() as session:
        found = find_program_by_name(session, text=text)
        assert found is not None and found.id == program_id


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize("text", ["", "   ", "ㅋㅋ", "😀", "%' OR 1=1 --", "화성 이주 사업"])
def test_nothing_found_is_none(text: str) -> None:
    with session_scope() as session:
        assert find_program_by_name(session, text=text) is None


@pytest.mark.usefixtures("loaded_db")
def test_list_by_field_only_returns_programs_of_that_field() -> None:
    with session_scope() as session:
        patent = list_programs(session, field="patent")
        assert patent and all("patent" in [f.code for f in p.fields] for p in patent)
        assert "ip-support" in {p.id for p in patent}
