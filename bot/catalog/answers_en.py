"""English answers about programs, rendered from the ``*_en`` columns of catalogue rows.

The Korean answers (``bot/catalog/answers.py``) are the model: same aspects, same next steps.
An English answer never shows a Korean text in place of a missing English one without saying
so: it states that the text is not available in English yet and gives the Korean name in
parentheses, so the user can still ask a Korean speaker or SBA about it.
"""

from __future__ import annotations

from bot.catalog.aspects import ENGLISH_LENGTH, MAX_CHARS, Aspect, shorten
from bot.db.models import Facility, Program, Team

BUDGET_KINDS = {
    "고유": "SBA's own program",
    "수탁": "commissioned by the Seoul Metropolitan Government",
    "고유/수탁": "partly own, partly commissioned",
}
LABELS = {
    "purpose": "purpose", "target": "target group", "content": "description",
    "schedule": "schedule", "results": "results", "goals": "goals",
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
    return (f"(The {LABELS[key]} is not available in English yet; Korean name: "
            f"{program.name}.)")


def team_line(program: Program) -> str:
    """Who runs the program, as one sentence."""
    if program.team is None:
        return "The catalogue does not name a responsible team yet."
    return f"Responsible team at SBA: {team_name(program.team)}."


def render(program: Program, aspect: Aspect, places: list[Facility] | None = None) -> str:
    """The English answer to ``aspect`` of ``program``, ending with a next step."""
    renderer = {
        Aspect.APPLY: _apply, Aspect.SCHEDULE: _schedule, Aspect.BUDGET: _budget,
        Aspect.RESULTS: _results, Aspect.TARGET: _target, Aspect.CONTACT: _contact,
    }.get(aspect)
    if aspect is Aspect.LOCATION:
        return _location(program, places or [])
    return renderer(program) if renderer else _overview(program)


def _apply(p: Program) -> str:
    who = f"Who: {text(p, 'target', 200)}\n" if p.target else ""
    when = f"When: {text(p, 'schedule', 250)}\n" if p.schedule else ""
    return (f"How to apply for {program_name(p)}:\n{who}{when}"
            "The work report does not list application forms or documents, so please check the "
            f"call for applications for the exact procedure. {team_line(p)}")


def _schedule(p: Program) -> str:
    if p.schedule:
        return (f"Schedule of {program_name(p)} (plans in SBA's 2022 work report):\n"
                f"{text(p, 'schedule')}\n"
                "Exact deadlines are set in each call for applications, so please check with "
                "the responsible team.")
    return (f"The work report gives no schedule for {program_name(p)}. {team_line(p)} "
            "I can also tell you what the program offers or who it is for.")


def _location(p: Program, places: list[Facility]) -> str:
    if places:
        lines = [f"- {facility_name(f)}: {facility_address(f)}" for f in places]
        return (f"{program_name(p)} runs at:\n" + "\n".join(lines) +
                "\nPlease check opening hours with the responsible team before you visit.")
    return (f"{program_name(p)} is not run from one particular facility. {team_line(p)} "
            "You can also ask who it is for or when it runs.")


def _budget(p: Program) -> str:
    if p.budget_lines:
        total = sum(b.amount_thousand_krw for b in p.budget_lines)
        lines = [f"- {b.line_en or f'{b.line} (no English name yet)'}: "
                 f"{won_en(b.amount_thousand_krw)} ({BUDGET_KINDS.get(b.kind, b.kind)})"
                 for b in p.budget_lines]
        return (f"The 2022 budget of {program_name(p)} is {won_en(total)}.\n" + "\n".join(lines) +
                "\nHow much one company receives differs from call to call, so please check "
                "with the responsible team.")
    parent = (f" It may be part of the budget of its parent program, "
              f"{program_name(p.parent)}." if p.parent else "")
    return (f"{program_name(p)} has no separate line in the 2022 budget table.{parent} "
            "Shall I tell you what the program offers?")


def _results(p: Program) -> str:
    if p.results:
        return (f"Results of {program_name(p)} (as reported in SBA's 2022 work report):\n"
                f"{text(p, 'results')}\nYou can also ask who it is for or when it runs.")
    return (f"The work report gives no separate results for {program_name(p)}. "
            "Shall I tell you what the program offers?")


def _target(p: Program) -> str:
    if p.target:
        body = f"Who {program_name(p)} is for:\n{text(p, 'target')}"
    else:
        about = text(p, "purpose") if p.purpose else text(p, "content") if p.content else ""
        body = (f"The work report does not name a separate target group for "
                f"{program_name(p)}.\n{about}").rstrip()
    return f"{body}\n{team_line(p)} Ask me about what it offers or when it runs."


def _contact(p: Program) -> str:
    return (f"{team_line(p)}\n"
            "For the exact application procedure, please check the team's call for "
            "applications. I can also tell you here who the program is for and what it offers.")


def _overview(p: Program) -> str:
    parts = [f"[{program_name(p)}]"]
    if p.purpose:
        parts.append(text(p, "purpose", 250))
    if p.content:
        parts.append(text(p, "content", 400))
    if p.target:
        parts.append(f"Who it is for: {text(p, 'target', 200)}")
    parts.append(team_line(p))
    parts.append("Ask me who can apply, when it runs or which team is responsible.")
    return "\n".join(parts)


def render_unknown(suggestions: list[str], *, buttons: bool = True) -> str:
    """What to say when no program matched, with programs that can be asked about."""
    examples = ", ".join(suggestions[:5])
    pick = ("Please ask again with the program's name, or pick one below." if buttons
            else "Please ask again with the program's name.")
    return ("I couldn't find the program you mean in SBA's catalogue.\n"
            f"I can tell you about SBA programs such as {examples}. {pick}")


def render_guess(program: Program, answer: str) -> str:
    """An answer for a program inferred from a description, said to be a guess."""
    return f"The closest match to what you describe seems to be {program_name(program)}.\n{answer}"
