"""Answers about programs in the user's language, rendered from catalogue rows.

Kept apart from the actions so the CLI, the staff console and tests render the
same text. Every answer ends by telling the user what they can ask next. Answers built
alike in both languages (location, contact, budget, results, overview, "not found") are
written once here with their wording in ``phrases``; where Korean and English say it
differently (apply, schedule, target), the Korean answer is here, the English one in
``answers_en``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.catalog import answers_en
from bot.catalog.aspects import ENGLISH_LENGTH, MAX_CHARS, Aspect, answer_language, shorten
from bot.catalog.basis import (
    as_of_label,
    basis_of,
    confirm_line,
    source_line,
    team_label,
    time_frame,
)
from bot.catalog.phrases import say
from bot.catalog.tree import (
    BudgetPart,
    budget_holder,
    budget_parts,
    inherited,
    part_label,
    result_parts,
    total,
    with_results_below,
)
from bot.db.models import Facility, Program
from bot.language import Language
from bot.particles import attach

__all__ = [
    "MAX_CHARS",
    "Aspect",
    "program_card",
    "render",
    "render_guess",
    "render_unknown",
    "suggested_names",
    "suggested_programs",
    "suggestions_text",
    "won",
]


def won(thousand_krw: int) -> str:
    """A budget in thousand KRW as Koreans read it: 20,255,495 -> 약 202억 5,550만원."""
    man = round(thousand_krw / 10)  # 만원
    eok, rest = divmod(man, 10_000)
    if eok and rest:
        return f"약 {eok:,}억 {rest:,}만원"
    return f"약 {eok:,}억원" if eok else f"약 {rest:,}만원"


_short = shorten


def _team_line(program: Program) -> str:
    if program.team is None:
        return "담당 부서 정보는 아직 카탈로그에 없습니다."
    return f"담당 부서는 서울산업진흥원 {team_label(program.team)}입니다."


def _topic(program: Program) -> str:
    """The program's name with 은/는 (도시제조업 활성화는, 사관학교는, R&D는)."""
    return attach(program.name, "은/는")


def _inherited(program: Program, key: str, label: str) -> tuple[str, str] | None:
    """(text, lead-in) of ``key``: the program's own, or its nearest ancestor's, said so."""
    found = inherited(program, key)
    if found is None:
        return None
    owner, text = found
    if owner is program:
        return text, ""
    return text, (
        f"{_topic(program)} 업무보고에 {label}이 따로 적혀 있지 않아, "
        f"상위 사업인 {owner.name}의 {label}을 안내합니다."
    )


def render(
    program: Program, aspect: Aspect, places: list[Facility] | None = None, language: str = "ko"
) -> str:
    """The answer to ``aspect`` of ``program`` in ``language``: next step, then the source.

    Args:
        program: the catalogue row (attached to a session: sub-programs are read).
        aspect: what was asked.
        places: the facilities the program runs in (for ``Aspect.LOCATION``).
        language: ``ko`` (존댓말) or ``en``; anything else is answered in Korean.
    """
    lang = answer_language(language)
    if aspect is Aspect.LOCATION:
        body = _location(program, places or [], lang)
    elif aspect in _RENDERERS:
        korean, english = _RENDERERS[aspect]
        body = (english if lang == "en" else korean)(program)
    else:
        body = _SHARED.get(aspect, _overview)(program, lang)
    team_en = answers_en.team_name(program.team) if program.team else None
    if confirm_line(program.team, lang, team_en) not in body:  # every answer says where to check
        named = _team_sentence(program, lang) in body
        body = f"{body}\n{confirm_line(program.team, lang, team_en, named=named)}"
    return f"{body}\n{source_line(program, lang)}"


def _apply(program: Program) -> str:
    lines = [f"{program.name} 신청 안내입니다."]
    if target := _target_line(program):
        lines.append(target)
    if schedule := _inherited(program, "schedule", "일정"):
        lines.append(f"일정({time_frame(program, schedule[0])}): {_short(schedule[0], 250)}")
    if program.application:
        lines.append(f"신청 방법: {_short(program.application, 400)}")
        lines.append(confirm_line(program.team))
    else:
        lines.append(
            "업무보고에는 신청서와 제출 서류가 적혀 있지 않아, 정확한 절차는 모집 공고를 "
            f"확인하셔야 합니다. {confirm_line(program.team)}"
        )
    return "\n".join(lines)


def _target_line(program: Program) -> str | None:
    """The line "대상: …" for apply and overview answers, naming the parent when the text is its."""
    found = inherited(program, "target")
    if found is None:
        return None
    owner, text = found
    whose = "" if owner is program else f"(상위 사업 {owner.name} 기준)"
    return f"대상{whose}: {_short(text, 200)}"


def _schedule(program: Program) -> str:
    found = _inherited(program, "schedule", "일정")
    if found is None:
        return (
            f"{_topic(program)} 업무보고에 일정이 따로 적혀 있지 않습니다. "
            f"{confirm_line(program.team)} 사업 내용이나 대상도 안내해 드릴 수 있습니다."
        )
    text, lead = found
    frame = time_frame(program, text)
    head = f"{lead} {frame}." if lead else f"{program.name}의 일정은 {frame}."
    return f"{head}\n{_short(text)}\n{confirm_line(program.team)}"


def _location(program: Program, places: list[Facility], language: Language) -> str:
    subject = _subject(program, language)
    if places:
        return (
            say("location", language).format(subject=subject)
            + "\n".join(f"- {_facility(f, language)}" for f in places)
            + say("location_next", language)
        )
    team = _team_sentence(program, language)
    return say("no_location", language).format(subject=subject, team=team)


def _facility(facility: Facility, language: Language) -> str:
    if language == "en":
        return f"{answers_en.facility_name(facility)}: {answers_en.facility_address(facility)}"
    return f"{facility.name}: {facility.address or '주소 정보 없음'}"


def _budget(program: Program, language: Language) -> str:
    name = display_name(program, language)
    parts = budget_parts(program)
    if not parts:
        holder = budget_holder(program)
        where = (
            say("budget_parent", language).format(
                parent=display_name(holder[0], language), amount=_money(holder[1], language)
            )
            if holder
            else ""
        )
        return say("budget_none", language).format(subject=_subject(program, language), where=where)
    whole = "" if all(p.owner is program for p in parts) else say("budget_whole", language)
    lines = [
        f"- {_line_label(p, program, language)}: {_money(p.line.amount_thousand_krw, language)} "
        f"({_budget_kind(p.line.kind, language)})"
        for p in parts
    ]
    grouped = sorted({display_name(p.owner, language) for p in parts if p.grouped})
    note = (
        say("budget_grouped", language).format(grouped=", ".join(grouped), name=name)
        if grouped
        else ""
    )
    head = say("budget", language).format(
        name=name, whole=whole, amount=_money(total(parts), language)
    )
    return head + "\n".join(lines) + note + say("budget_next", language)


def _results(program: Program, language: Language) -> str:
    name = display_name(program, language)
    parts = result_parts(program)
    if not parts:
        return say("results_none", language).format(subject=_subject(program, language))
    next_step = say("results_next", language)
    if parts[0][0] is program:  # its own summary (which the report builds from the parts)
        others = [display_name(p, language) for p in with_results_below(program)]
        more = (
            say("results_below", language).format(
                names=", ".join(others[:6])
                + (say("and_others", language) if len(others) > 6 else "")
            )
            if others
            else ""
        )
        own = _text(program, "results", MAX_CHARS, language)
        return f"{say('results', language).format(name=name)}\n{own}{more}\n{next_step}"
    if len(parts) == 1:
        body = _text(parts[0][0], "results", MAX_CHARS, language)
        part = display_name(parts[0][0], language)
        head = say("results_of_one", language).format(name=name, part=part)
    else:
        each = max(120, MAX_CHARS // len(parts))
        body = "\n".join(
            f"- {display_name(owner, language)}: {_text(owner, 'results', each, language)}"
            for owner, _ in parts
        )
        head = say("results_of_many", language).format(name=name, count=len(parts))
    return f"{head}\n{body}\n{next_step}"


def _subject(program: Program, language: Language) -> str:
    """The program as the subject of a sentence: with 은/는 in Korean."""
    return answers_en.program_name(program) if language == "en" else _topic(program)


def _money(thousand_krw: int, language: Language) -> str:
    return answers_en.won_en(thousand_krw) if language == "en" else won(thousand_krw)


def _line_label(part: BudgetPart, program: Program, language: Language) -> str:
    if language == "en":
        return answers_en.line_name(part, program)
    return part_label(part, program, part.owner.name, part.line.line)


def _budget_kind(kind: str, language: Language) -> str:
    return answers_en.BUDGET_KINDS.get(kind, kind) if language == "en" else kind


def _target(program: Program) -> str:
    found = _inherited(program, "target", "대상")
    if found is None:
        body = (
            f"{_topic(program)} 업무보고에 신청 대상이 따로 적혀 있지 않습니다.\n"
            f"{_short(program.purpose or program.content)}"
        )
    elif found[1]:
        body = f"{found[1]}\n{_short(found[0])}"
    else:
        body = f"{program.name}의 신청 대상은 다음과 같습니다.\n{_short(found[0])}"
    next_step = "사업 내용이나 일정이 궁금하시면 이어서 물어봐 주세요."
    return f"{body}\n{_team_line(program)} {next_step}"


def _contact(program: Program, language: Language) -> str:
    reach = (
        f"\n{say('contact', language)}: {_text(program, 'contact', 200, language)}"
        if program.contact
        else ""
    )
    return f"{_team_sentence(program, language)}{reach}\n{say('contact_next', language)}"


def _overview(program: Program, language: Language) -> str:
    parts = [f"[{display_name(program, language)}]"]
    if program.purpose:
        parts.append(_text(program, "purpose", 250, language))
    if program.content:
        parts.append(_text(program, "content", 400, language))
    if target := (answers_en.target_line if language == "en" else _target_line)(program):
        parts.append(target)
    parts.append(_team_sentence(program, language))
    parts.append(say("overview_next", language))
    return "\n".join(parts)


def _text(program: Program, key: str, limit: int, language: Language) -> str:
    """``program.<key>`` shortened to ``limit``, or its English twin (see ``answers_en.text``)."""
    if language == "en":
        return answers_en.text(program, key, limit)
    return _short(getattr(program, key), limit)


def _team_sentence(program: Program, language: Language) -> str:
    return (answers_en.team_line if language == "en" else _team_line)(program)


_RENDERERS: Final[dict[Aspect, tuple[Callable[[Program], str], Callable[[Program], str]]]] = {
    Aspect.APPLY: (_apply, answers_en.apply),
    Aspect.SCHEDULE: (_schedule, answers_en.schedule),
    Aspect.TARGET: (_target, answers_en.target),
}
"""The (Korean, English) answer to the aspects each language words its own way."""
_SHARED: Final[dict[Aspect, Callable[[Program, Language], str]]] = {
    Aspect.BUDGET: _budget,
    Aspect.RESULTS: _results,
    Aspect.CONTACT: _contact,
}
"""The answers built alike in both languages (``bot.catalog.phrases``); overview by default."""

SUGGESTED = ("youth-job-academy", "seoul-rnd", "invest-seoul", "startup-hub", "hi-seoul")
"""Programs offered when nothing matched: the most asked-about ones."""


def display_name(program: Program, language: str = "ko") -> str:
    """The program's name as an answer in ``language`` shows it."""
    if answer_language(language) == "en":
        return answers_en.program_name(program)
    return program.name


def suggested_programs(language: str = "ko", *, session: Session) -> list[tuple[str, str]]:
    """(id, name in ``language``) of the suggested programs in the loaded catalogue."""
    programs = [p for pid in SUGGESTED if (p := session.get(Program, pid)) is not None]
    programs = programs or list(session.scalars(select(Program).limit(5)))
    return [(p.id, display_name(p, language)) for p in programs]


def suggested_names(language: str = "ko", *, session: Session) -> list[str]:
    """Names of the suggested programs that exist in the loaded catalogue, in ``language``."""
    return [name for _, name in suggested_programs(language, session=session)]


def suggestions_text(language: str = "ko", *, session: Session) -> str:
    """A "nothing found" message with what can be asked instead."""
    return render_unknown(
        suggested_names(language, session=session), buttons=False, language=language
    )


def render_unknown(suggestions: list[str], *, buttons: bool = True, language: str = "ko") -> str:
    """What to say when no program matched: what the assistant can answer instead."""
    lang = answer_language(language)
    pick = say("pick_or_click" if buttons else "pick", lang)
    return say("unknown", lang).format(examples=", ".join(suggestions[:5]), pick=pick)


def render_guess(program: Program, answer: str, language: str = "ko") -> str:
    """An answer for a program inferred from a description: say so, so the user can correct it."""
    lang = answer_language(language)
    return say("guess", lang).format(name=display_name(program, lang), answer=answer)


def program_button(program_id: str, name: str) -> dict[str, str]:
    """A suggestion button: clicking (or typing its name, "2번") asks about the program."""
    return {
        "title": name,
        "payload": "/ask_program" + json.dumps({"program": program_id}, ensure_ascii=False),
    }


def program_card(
    program: Program, places: list[Facility] | None = None, language: str = "ko"
) -> dict[str, Any]:
    """The structured card a chat client shows beside a program answer, in ``language``.

    ``contact`` is the responsible team and, where the program has a place, the first
    place's address (the report gives no phone numbers). A text missing in English is
    ``None`` rather than the Korean text. A sub-program without its own target or schedule
    shows its parent's, named in ``inherited_from``. ``basis`` and ``as_of`` date the card.
    """
    english = answer_language(language) == "en"
    suffix = "_en" if english else ""
    limit = 200 * (ENGLISH_LENGTH if english else 1)
    texts: dict[str, str | None] = {}
    owners: dict[str, str] = {}
    for key in ("target", "schedule"):
        found = inherited(program, key)
        owner = found[0] if found else program
        texts[key] = shorten(getattr(owner, key + suffix), limit) or None
        if owner is not program and texts[key]:
            owners[key] = display_name(owner, language)
    basis = basis_of(program)
    return {
        "type": "program",
        "id": program.id,
        "name": display_name(program, language),
        "target": texts["target"],
        "schedule": texts["schedule"],
        "inherited_from": owners or None,
        "contact": _card_contact(program, places or [], english),
        "basis": as_of_label(basis, "en" if english else "ko"),
        "as_of": basis.as_of.isoformat(),
    }


def _card_contact(program: Program, places: list[Facility], english: bool) -> str | None:
    parts = []
    if program.team is not None:
        parts.append(
            f"{answers_en.team_name(program.team)}, SBA"
            if english
            else f"서울산업진흥원 {team_label(program.team)}"
        )
    place = next((f for f in places if f.address), None)
    if place is not None:
        parts.append(
            f"{answers_en.facility_name(place)}, {answers_en.facility_address(place)}"
            if english
            else f"{place.name}, {place.address}"
        )
    return "; ".join(parts) or None
