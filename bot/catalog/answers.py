"""Korean answers about programs, rendered from catalogue rows.

Kept apart from the actions so the CLI, the staff console and tests render the
same text. Every answer ends by telling the user what they can ask next.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Program

MAX_CHARS = 600
"""Chat bubbles stay readable: long report passages are cut at a sentence."""


class Aspect(str, Enum):
    """What a user asks about a program."""

    OVERVIEW = "overview"
    TARGET = "target"
    CONTACT = "contact"


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


def render(program: Program, aspect: Aspect) -> str:
    """The answer to ``aspect`` of ``program``, in 존댓말, with a next step."""
    name = program.name
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
