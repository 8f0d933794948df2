"""English answers about programs, rendered from the ``*_en`` columns of catalogue rows.

The Korean answers (``bot/catalog/answers.py``) are the model: same aspects, same next steps.
An English answer never shows a Korean text in place of a missing English one without saying
so: it states that the text is not available in English yet and gives the Korean name in
parentheses, so the user can still ask a Korean speaker or SBA about it.
"""

from __future__ import annotations

from bot.catalog.aspects import ENGLISH_LENGTH, MAX_CHARS, shorten
from bot.catalog.basis import confirm_line, time_frame
from bot.catalog.tree import (
    BudgetPart,
    inherited,
    part_label,
)
from bot.db.models import Facility, Program, Team

BUDGET_KINDS = {
    "고유": "SBA's own program",
    "수탁": "commissioned by the Seoul Metropolitan Government",
    "고유/수탁": "partly own, partly commissioned",
}
LABELS = {
    "purpose": "purpose",
    "target": "target group",
    "content": "description",
    "schedule": "schedule",
    "results": "results",
    "goals": "goals",
    "application": "application procedure",
    "contact": "contact",
}


def won_en(thousand_krw: int) -> str:
    """A budget in thousand KRW in English: 20,255,495 -> about KRW 20.26 billion."""
    krw = thousand_krw * 1000
    if krw >= 1_000_000_000:
        number, unit = f"{krw / 1_000_000_000:,.2f}", "billion"
    else:
        number, unit = f"{krw / 1_000_000:,.1f}", "million"
    return f"about KRW {number.rstrip('0').rstrip('.')} {unit}"


def program_name(program: Program) -> str:
    """The English name, or a plain statement that there is none yet, with the Korean name."""
    return program.name_en or f"this program ({program.name}; no English name yet)"


def facility_name(facility: Facility) -> str:
    """The facility's English name, or its Korean name marked as such."""
    return facility.name_en or f"{facility.name} (no English name yet)"


def facility_address(facility: Facility) -> str:
    """The romanized address, or why there is none."""
    if facility.address_en:
        return facility.address_en
    if facility.address:
        return f"address not available in English yet ({facility.address})"
    return "address not available"


def team_name(team: Team) -> str:
    """The team's English name with its division, e.g. "Education Team 1 (Education Division)"."""
    name = team.name_en or f"a team without an English name yet ({team.name})"
    if team.division and team.division != team.name and team.division_en:
        return f"{name} ({team.division_en})"
    return name


def text(program: Program, key: str, limit: int = MAX_CHARS) -> str:
    """The English twin of ``program.<key>``, or a note that it is not translated yet.

    ``limit`` is the Korean answer's limit for the same text (see ``ENGLISH_LENGTH``).
    """
    english = getattr(program, f"{key}_en")
    if english:
        return shorten(english, limit * ENGLISH_LENGTH)
    return f"(The {LABELS[key]} is not available in English yet; Korean name: " f"{program.name}.)"


def team_line(program: Program) -> str:
    """Who runs the program, as one sentence."""
    if program.team is None:
        return "The catalogue does not name a responsible team yet."
    return f"Responsible team at SBA: {team_name(program.team)}."


def _confirm(p: Program, *, named: bool = False) -> str:
    return confirm_line(p.team, "en", team_name(p.team) if p.team else None, named=named)


def _own_or_parent(p: Program, key: str) -> tuple[Program, str] | None:
    """(whose text, English text) of ``key``: the program's own or its nearest ancestor's."""
    found = inherited(p, key)
    if found is None:
        return None
    owner = found[0]
    return owner, text(owner, key)


def _whose(p: Program, owner: Program) -> str:
    return "" if owner is p else f" (from its parent program, {program_name(owner)})"


def apply(p: Program) -> str:
    """How to apply: who, when and how, or where the procedure is announced."""
    lines = [f"How to apply for {program_name(p)}:"]
    if who := _own_or_parent(p, "target"):
        lines.append(f"Who{_whose(p, who[0])}: {shorten(who[1], 400)}")
    if when := _own_or_parent(p, "schedule"):
        frame = time_frame(p, when[0].schedule_en or "", "en")
        lines.append(f"When ({frame}): {shorten(when[1], 500)}")
    if p.application:
        lines.append(f"How: {text(p, 'application', 400)}")
        lines.append(_confirm(p))
    else:
        lines.append(
            "The work report does not list application forms or documents, so please "
            f"check the call for applications for the exact procedure. {_confirm(p)}"
        )
    return "\n".join(lines)


def schedule(p: Program) -> str:
    """When the program runs, its parent's schedule said to be the parent's."""
    found = _own_or_parent(p, "schedule")
    if found is None:
        return (
            f"The work report gives no schedule for {program_name(p)}. {_confirm(p)} "
            "I can also tell you what the program offers or who it is for."
        )
    owner, schedule = found
    frame = time_frame(p, owner.schedule_en or "", "en")
    lead = (
        f"The work report gives no schedule of its own for {program_name(p)}; this is "
        f"its parent program's, {program_name(owner)}. "
        if owner is not p
        else f"Schedule of {program_name(p)}: "
    )
    return f"{lead}{frame}:\n{schedule}\n{_confirm(p)}"


def line_name(part: BudgetPart, p: Program) -> str:
    """A budget line's English label (its Korean name where it has no English one)."""
    line = part.line.line_en or f"{part.line.line} (no English name yet)"
    return part_label(part, p, program_name(part.owner), line)


def target(p: Program) -> str:
    """Who the program is for, its parent's target group said to be the parent's."""
    found = _own_or_parent(p, "target")
    if found is None:
        about = text(p, "purpose") if p.purpose else text(p, "content") if p.content else ""
        body = (
            f"The work report does not name a separate target group for "
            f"{program_name(p)}.\n{about}"
        ).rstrip()
    elif found[0] is not p:
        body = (
            f"The work report names no target group of its own for {program_name(p)}; "
            f"this is its parent program's, {program_name(found[0])}:\n{found[1]}"
        )
    else:
        body = f"Who {program_name(p)} is for:\n{found[1]}"
    return f"{body}\n{team_line(p)} Ask me about what it offers or when it runs."


def target_line(p: Program) -> str | None:
    """The line "Who it is for: …" of an overview, naming the parent when the text is its."""
    if who := _own_or_parent(p, "target"):
        return f"Who it is for{_whose(p, who[0])}: {shorten(who[1], 400)}"
    return None
