"""The programs and their criteria as the matcher reads them from the database.

Apart from ``bot.recommend.matcher`` so that the matcher is rules only: this is the one place
the recommender queries, and a caller that ranks several profiles (the dialogue, the
evaluation) reads the table once and passes it on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Program
from bot.recommend.criteria import Eligibility, inherit, parse


def program_names(program: Program) -> tuple[str, ...]:
    """Words that name ``program`` in a message: its names and aliases, spaces optional."""
    names = [program.name, program.name_en, *(program.aliases or [])]
    return tuple(sorted({n.replace(" ", "") for n in names if n} | {n for n in names if n}))


def criteria_by_program(*, session: Session) -> dict[str, tuple[Program, Eligibility]]:
    """Every program with its criteria, parents' criteria inherited."""
    programs = {p.id: p for p in session.scalars(select(Program))}
    done: dict[str, Eligibility] = {}

    def resolve(program: Program, depth: int = 0) -> Eligibility:
        if program.id in done:
            return done[program.id]
        own = parse(program.eligibility or {})
        parent = programs.get(program.parent_id or "")
        result = inherit(own, resolve(parent, depth + 1) if parent and depth < 10 else None)
        joined = programs.get(result.participants_of or "")
        if joined is not None and depth < 10:  # its participants meet its criteria too
            words = program_names(joined)
            result = dataclasses.replace(
                inherit(result, resolve(joined, depth + 1)),
                participants_of=joined.id,
                participants_words=words,
                participants_not=_longer_names(words, programs.values(), joined.id),
            )
        done[program.id] = result
        return result

    return {pid: (p, resolve(p)) for pid, p in programs.items()}


def _longer_names(words: tuple[str, ...], programs: Iterable[Program], own: str) -> tuple[str, ...]:
    """Other programs' names that hold one of ``words`` ("새싹클래스" holds 청년취업사관학교's
    "새싹"): naming them is not naming the program."""
    return tuple(
        sorted(
            {
                name
                for program in programs
                if program.id != own
                for name in program_names(program)
                if any(word in name and word != name for word in words)
            },
            key=len,
            reverse=True,
        )
    )
