"""Parent programs answer with their whole subtree; sub-programs say whose text they show;
every answer is dated and cited and reads as Korean a person writes."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from bot.catalog.answers import Aspect, program_card, render
from bot.catalog.queries import get_program, list_programs, program_places
from bot.db import session_scope
from bot.settings import ROOT

pytestmark = pytest.mark.usefixtures("loaded_db")
PROGRAMS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "catalog" / "programs.yml").read_text(encoding="utf-8")
)["programs"]
KOREAN_TOTAL = re.compile(
    r"예산은 (?:하위 사업을 포함해 모두 )?약 (?:([\d,]+)억)?\s?(?:([\d,]+)만)?원"
)


def _subtree_sum(pid: str) -> int:
    """Thousand KRW of every budget line at or below ``pid`` in the YAML, plus budget_also."""
    by_parent: dict[str, list[str]] = {}
    for p in PROGRAMS:
        by_parent.setdefault(p.get("parent") or "", []).append(p["id"])
    lines = {
        p["id"]: sum(b["amount_thousand_krw"] for b in p.get("budget") or []) for p in PROGRAMS
    }
    also = {p["id"]: p.get("budget_also") or [] for p in PROGRAMS}

    def below(node: str) -> int:
        return lines[node] + sum(below(child) for child in by_parent.get(node, []))

    return below(pid) + sum(below(other) for other in also[pid])


def _stated_man_won(answer: str) -> int | None:
    match = KOREAN_TOTAL.search(answer)
    if match is None:
        return None
    eok, man = (int((g or "0").replace(",", "")) for g in match.groups())
    return eok * 10_000 + man


def test_every_budget_stated_is_the_sum_of_the_lines_under_it() -> None:
    wrong = []
    with session_scope() as session:
        for pid in [p["id"] for p in PROGRAMS]:
            answer = render(get_program(program_id=pid, session=session), Aspect.BUDGET)
            expected = _subtree_sum(pid)
            if expected == 0:
                if "예산표에 따로 적힌 항목이 없습니다" not in answer:
                    wrong.append((pid, "no lines", answer))
            elif _stated_man_won(answer) != round(expected / 10):
                wrong.append((pid, expected, answer))
    assert len(PROGRAMS) > 100 and not wrong, wrong


def test_urban_manufacturing_budget_names_both_lines_and_the_total() -> None:
    with session_scope() as session:
        answer = render(
            get_program(program_id="urban-manufacturing", session=session), Aspect.BUDGET
        )
    assert (
        "도시제조업 활성화의 2022년 예산은 하위 사업을 포함해 모두 약 56억 8,143만원입니다."
        in answer
    )
    assert "- 광역소공인특화지원센터 운영: 약 47억 3,143만원 (수탁)" in answer
    assert "- 금천 의류제조업 집적지구 활성화: 약 9억 5,000만원 (고유)" in answer


def test_employment_support_results_come_from_its_sub_programs() -> None:
    with session_scope() as session:
        answer = render(
            get_program(program_id="employment-support", session=session), Aspect.RESULTS
        )
    assert answer.startswith("고용지원의 실적입니다(하위 사업")
    assert "- 서울기업 복지더하기: 225개사" in answer
    assert "- 서울기업 온택트 채용관: 265개사" in answer
    assert "따로 적혀 있지 않습니다" not in answer


def test_a_report_era_schedule_is_told_as_past_with_where_to_check_now() -> None:
    with session_scope() as session:
        ko = render(get_program(program_id="youth-job-academy", session=session), Aspect.SCHEDULE)
        en = render(
            get_program(program_id="youth-job-academy", session=session),
            Aspect.SCHEDULE,
            language="en",
        )
    assert "2022년 업무보고 당시의 계획으로, 아래 일정은 모두 지났습니다." in ko
    assert "현재 공고와 일정은 서울산업진흥원 교육본부 교육1팀에 확인해 주세요." in ko
    assert ko.endswith(
        "(출처: 2022년 11월 서울산업진흥원 업무보고 기준, III. 기업인재 양성 및 "
        "고용지원 > 1 인재양성 > ① 청년취업사관학교 조성 및 운영)"
    )
    assert "These were SBA's plans in 2022; every date below has passed" in en
    assert "please check with Education Team 1 (Education Division)" in en
    assert en.endswith(
        "(Source: SBA's work report to the Seoul city council, November 2022, " "lines 650-704.)"
    )


def test_the_notices_page_is_named_when_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.settings import get_settings

    monkeypatch.setenv("BIZCALL_NOTICES_URL", "https://notices.example/sba")
    get_settings.cache_clear()
    try:
        with session_scope() as session:
            answer = render(get_program(program_id="seoul-cup", session=session), Aspect.SCHEDULE)
    finally:
        get_settings.cache_clear()
    assert "공지사항(https://notices.example/sba)에서도 확인하실 수 있습니다." in answer


def test_a_sub_program_without_its_own_target_shows_the_parents_said_so() -> None:
    with session_scope() as session:
        program = get_program(program_id="hi-seoul-friends", session=session)
        program.target = None
        program.target_en = None
        ko = render(program, Aspect.TARGET)
        en = render(program, Aspect.TARGET, language="en")
        card = program_card(program, [], "ko")
        session.rollback()
    assert ko.startswith(
        "하이서울프렌즈는 업무보고에 대상이 따로 적혀 있지 않아, 상위 사업인 "
        "우수 중소기업 인증지원(하이서울기업 지원)의 대상을 안내합니다."
    )
    assert "this is its parent program's, " in en
    assert card["inherited_from"] == {"target": "우수 중소기업 인증지원(하이서울기업 지원)"}


def test_every_answer_and_card_is_dated_and_cited_and_no_particle_is_doubled() -> None:
    with session_scope() as session:
        for program in list_programs(session=session):
            places = program_places(program, session=session)
            for aspect in Aspect:
                ko = render(program, aspect, places)
                en = render(program, aspect, places, "en")
                cited = "(출처: 2022년 11월 서울산업진흥원 업무보고 기준"
                assert ko.splitlines()[-1].startswith(cited), (program.id, aspect, ko)
                assert "현재 공고와 일정은 " in ko, (program.id, aspect, ko)
                if "담당 부서는 서울산업진흥원" in ko:  # the team is named once, then referred to
                    assert "현재 공고와 일정은 담당 부서에 확인해 주세요." in ko, ko
                assert "For the current call and dates, please check with" in en, (
                    program.id,
                    aspect,
                    en,
                )
                assert en.splitlines()[-1].startswith("(Source: SBA's work report"), (
                    program.id,
                    aspect,
                    en,
                )
                for form in ("은(는)", "이(가)", "을(를)", "와(과)"):
                    assert form not in ko, (program.id, aspect, ko)
            card = program_card(program, places, "ko")
            assert (card["basis"], card["as_of"]) == (
                "2022년 11월 서울산업진흥원 업무보고 기준",
                "2022-11-01",
            )
