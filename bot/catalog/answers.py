"""Korean answers about programs, rendered from catalogue rows.

Kept apart from the actions so the CLI, the staff console and tests render the
same text. Every answer ends by telling the user what they can ask next.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Facility, Program

MAX_CHARS = 600
"""Chat bubbles stay readable: long report passages are cut at a sentence."""


class Aspect(str, Enum):
    """What a user asks about a program."""

    OVERVIEW = "overview"
    TARGET = "target"
    APPLY = "apply"
    SCHEDULE = "schedule"
    LOCATION = "location"
    CONTACT = "contact"
    BUDGET = "budget"
    RESULTS = "results"


def won(thousand_krw: int) -> str:
    """A budget in thousand KRW as Koreans read it: 20,255,495 -> 약 202억 5,550만원."""
    man = round(thousand_krw / 10)  # 만원
    eok, rest = divmod(man, 10_000)
    if eok and rest:
        return f"약 {eok:,}억 {rest:,}만원"
    return f"약 {eok:,}억원" if eok else f"약 {rest:,}만원"


def _short(text: str | None, limit: int = MAX_CHARS) -> str:
    text = (text or "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    stop = max(cut.rfind("다."), cut.rfind(". "), cut.rfind("\n"))
    return (cut[: stop + 2] if stop > limit // 2 else cut).rstrip() + " …"


def _team_line(program: Program) -> str:
    if program.team is None:
        return "담당 부서 정보는 아직 카탈로그에 없습니다."
    division = f"{program.team.division} " if program.team.division and (
        program.team.division != program.team.name
    ) else ""
    return f"담당 부서는 서울산업진흥원 {division}{program.team.name}입니다."


def render(program: Program, aspect: Aspect, places: list[Facility] | None = None) -> str:
    """The answer to ``aspect`` of ``program``, in 존댓말, with a next step.

    Args:
        program: the catalogue row.
        aspect: what was asked.
        places: the facilities the program runs in (for ``Aspect.LOCATION``).
    """
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


def suggested_names(session: Session) -> list[str]:
    """Names of the suggested programs that exist in the loaded catalogue."""
    names = [p.name for pid in SUGGESTED if (p := session.get(Program, pid)) is not None]
    return names or [p.name for p in session.scalars(select(Program).limit(5))]


def suggestions_text(session: Session) -> str:
    """A "nothing found" message with what can be asked instead."""
    return render_unknown(suggested_names(session), buttons=False)


def render_unknown(suggestions: list[str], *, buttons: bool = True) -> str:
    """What to say when no program matched: what the assistant can answer instead."""
    examples = ", ".join(suggestions[:5])
    pick = "사업 이름을 넣어 다시 물어봐 주시거나, 아래에서 골라 주세요." if buttons else (
        "사업 이름을 넣어 다시 물어봐 주세요.")
    return ("말씀하신 사업을 카탈로그에서 찾지 못했습니다.\n"
            f"예를 들어 {examples} 같은 서울산업진흥원 사업을 안내해 드릴 수 있습니다. {pick}")


def render_guess(program: Program, answer: str) -> str:
    """An answer for a program inferred from a description: say so, so the user can correct it."""
    return f"말씀하신 내용에는 '{program.name}' 사업이 가장 가까워 보입니다.\n{answer}"
