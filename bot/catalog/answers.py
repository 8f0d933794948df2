"""Answers about programs in the user's language, rendered from catalogue rows.

Kept apart from the actions so the CLI, the staff console and tests render the
same text. Every answer ends by telling the user what they can ask next. The Korean
answers are here; English ones (same aspects, same next steps) are in ``answers_en``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.catalog import answers_en
from bot.catalog.aspects import ENGLISH_LENGTH, MAX_CHARS, Aspect, answer_language, shorten
from bot.db.models import Facility, Program, Team

__all__ = ["MAX_CHARS", "Aspect", "program_card", "render", "render_guess", "render_unknown",
           "suggested_names", "suggested_programs", "suggestions_text", "won"]


def won(thousand_krw: int) -> str:
    """A budget in thousand KRW as Koreans read it: 20,255,495 -> 약 202억 5,550만원."""
    man = round(thousand_krw / 10)  # 만원
    eok, rest = divmod(man, 10_000)
    if eok and rest:
        return f"약 {eok:,}억 {rest:,}만원"
    return f"약 {eok:,}억원" if eok else f"약 {rest:,}만원"


_short = shorten


def _team_label(team: Team) -> str:
    division = f"{team.division} " if team.division and team.division != team.name else ""
    return f"{division}{team.name}"


def _team_line(program: Program) -> str:
    if program.team is None:
        return "담당 부서 정보는 아직 카탈로그에 없습니다."
    return f"담당 부서는 서울산업진흥원 {_team_label(program.team)}입니다."


def render(program: Program, aspect: Aspect, places: list[Facility] | None = None,
           language: str = "ko") -> str:
    """The answer to ``aspect`` of ``program`` in ``language``, with a next step.

    Args:
        program: the catalogue row.
        aspect: what was asked.
        places: the facilities the program runs in (for ``Aspect.LOCATION``).
        language: ``ko`` (존댓말) or ``en``; anything else is answered in Korean.
    """
    if answer_language(language) == "en":
        return answers_en.render(program, aspect, places)
    name = program.name
    if aspect is Aspect.APPLY:
        when = f"일정: {_short(program.schedule, 250)}\n" if program.schedule else ""
        who = f"대상: {_short(program.target, 200)}\n" if program.target else ""
        return (f"{name} 신청 안내입니다.\n{who}{when}"
                "업무보고에는 신청서와 제출 서류가 적혀 있지 않아, 정확한 절차는 모집 공고를 "
                f"확인하셔야 합니다. {_team_line(program)}")
    if aspect is Aspect.SCHEDULE:
        if program.schedule:
            return (f"{name} 일정(향후계획)은 다음과 같습니다.\n{_short(program.schedule)}\n"
                    "세부 모집 마감일은 공고로 확정되니 담당 부서에 확인해 주세요.")
        return (f"{name}은(는) 업무보고에 일정이 따로 적혀 있지 않습니다. {_team_line(program)} "
                "사업 내용이나 대상도 안내해 드릴 수 있습니다.")
    if aspect is Aspect.LOCATION:
        if places:
            lines = [f"- {f.name}: {f.address or '주소 정보 없음'}" for f in places]
            return f"{name}은(는) 다음 시설에서 운영됩니다.\n" + "\n".join(lines) + (
                "\n방문 전에 담당 부서에 운영 시간을 확인해 주세요.")
        return (f"{name}은(는) 특정 시설을 정해 두고 운영되는 사업이 아닙니다. "
                f"{_team_line(program)} 신청 대상이나 일정도 물어봐 주세요.")
    if aspect is Aspect.BUDGET:
        if program.budget_lines:
            total = sum(b.amount_thousand_krw for b in program.budget_lines)
            lines = [f"- {b.line}: {won(b.amount_thousand_krw)} ({b.kind})"
                     for b in program.budget_lines]
            return (f"{name}의 2022년 예산은 {won(total)}입니다.\n" + "\n".join(lines) +
                    "\n기업 한 곳이 받는 지원 금액은 공고마다 다르니 담당 부서에 확인해 주세요.")
        parent = f" 상위 사업인 {program.parent.name}의 예산에 포함되어 있을 수 있습니다." if (
            program.parent) else ""
        return f"{name}은(는) 예산표에 별도 항목이 없습니다.{parent} 사업 내용도 안내해 드릴까요?"
    if aspect is Aspect.RESULTS:
        if program.results:
            return (f"{name}의 실적(2022년 업무보고 기준)입니다.\n{_short(program.results)}\n"
                    "신청 대상이나 일정도 이어서 물어봐 주세요.")
        return (f"{name}은(는) 업무보고에 실적이 따로 적혀 있지 않습니다. "
                "사업 내용을 안내해 드릴까요?")
    if aspect is Aspect.TARGET:
        if program.target:
            body = f"{name}의 신청 대상은 다음과 같습니다.\n{_short(program.target)}"
        else:
            body = (f"{name}은(는) 업무보고에 신청 대상이 따로 적혀 있지 않습니다.\n"
                    f"{_short(program.purpose or program.content)}")
        next_step = "사업 내용이나 일정이 궁금하시면 이어서 물어봐 주세요."
        return f"{body}\n{_team_line(program)} {next_step}"
    if aspect is Aspect.CONTACT:
        return (f"{_team_line(program)}\n"
                "구체적인 신청 절차는 담당 부서 공고를 확인해 주세요. "
                "사업 대상이나 내용도 여기서 바로 안내해 드릴 수 있습니다.")
    parts = [f"[{name}]"]
    if program.purpose:
        parts.append(_short(program.purpose, 250))
    if program.content:
        parts.append(_short(program.content, 400))
    if program.target:
        parts.append(f"대상: {_short(program.target, 200)}")
    parts.append(_team_line(program))
    parts.append("신청 대상이나 담당 부서처럼 더 궁금한 점을 물어봐 주세요.")
    return "\n".join(parts)


SUGGESTED = ("youth-job-academy", "seoul-rnd", "invest-seoul", "startup-hub", "hi-seoul")
"""Programs offered when nothing matched: the most asked-about ones."""


def display_name(program: Program, language: str = "ko") -> str:
    """The program's name as an answer in ``language`` shows it."""
    if answer_language(language) == "en":
        return answers_en.program_name(program)
    return program.name


def suggested_programs(session: Session, language: str = "ko") -> list[tuple[str, str]]:
    """(id, name in ``language``) of the suggested programs in the loaded catalogue."""
    programs = [p for pid in SUGGESTED if (p := session.get(Program, pid)) is not None]
    programs = programs or list(session.scalars(select(Program).limit(5)))
    return [(p.id, display_name(p, language)) for p in programs]


def suggested_names(session: Session, language: str = "ko") -> list[str]:
    """Names of the suggested programs that exist in the loaded catalogue, in ``language``."""
    return [name for _, name in suggested_programs(session, language)]


def suggestions_text(session: Session, language: str = "ko") -> str:
    """A "nothing found" message with what can be asked instead."""
    return render_unknown(suggested_names(session, language), buttons=False, language=language)


def render_unknown(suggestions: list[str], *, buttons: bool = True, language: str = "ko") -> str:
    """What to say when no program matched: what the assistant can answer instead."""
    if answer_language(language) == "en":
        return answers_en.render_unknown(suggestions, buttons=buttons)
    examples = ", ".join(suggestions[:5])
    pick = "사업 이름을 넣어 다시 물어봐 주시거나, 아래에서 골라 주세요." if buttons else (
        "사업 이름을 넣어 다시 물어봐 주세요.")
    return ("말씀하신 사업을 카탈로그에서 찾지 못했습니다.\n"
            f"예를 들어 {examples} 같은 서울산업진흥원 사업을 안내해 드릴 수 있습니다. {pick}")


def render_guess(program: Program, answer: str, language: str = "ko") -> str:
    """An answer for a program inferred from a description: say so, so the user can correct it."""
    if answer_language(language) == "en":
        return answers_en.render_guess(program, answer)
    return f"말씀하신 내용에는 '{program.name}' 사업이 가장 가까워 보입니다.\n{answer}"


def program_card(program: Program, places: list[Facility] | None = None,
                 language: str = "ko") -> dict[str, Any]:
    """The structured card a chat client shows beside a program answer, in ``language``.

    ``contact`` is the responsible team and, where the program has a place, the first
    place's address (the report gives no phone numbers). A text missing in English is
    ``None`` rather than the Korean text.
    """
    english = answer_language(language) == "en"
    target = program.target_en if english else program.target
    schedule = program.schedule_en if english else program.schedule
    limit = 200 * (ENGLISH_LENGTH if english else 1)
    return {
        "type": "program",
        "id": program.id,
        "name": display_name(program, language),
        "target": shorten(target, limit) or None,
        "schedule": shorten(schedule, limit) or None,
        "contact": _card_contact(program, places or [], english),
    }


def _card_contact(program: Program, places: list[Facility], english: bool) -> str | None:
    parts = []
    if program.team is not None:
        parts.append(f"{answers_en.team_name(program.team)}, SBA" if english
                     else f"서울산업진흥원 {_team_label(program.team)}")
    place = next((f for f in places if f.address), None)
    if place is not None:
        parts.append(f"{answers_en.facility_name(place)}, {answers_en.facility_address(place)}"
                     if english else f"{place.name}, {place.address}")
    return "; ".join(parts) or None
