"""Read the catalogue: keyword-only query functions over a caller's session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from typing_extensions import TypedDict, Unpack

from bot.db.models import Facility, Program, Team
from bot.text import fold


def get_program(*, session: Session, program_id: str) -> Program | None:
    """The program with this id, or ``None``."""
    found: Program | None = session.get(Program, program_id)
    return found


def program_places(program: Program, *, session: Session) -> list[Facility]:
    """The facilities ``program`` runs in, in catalogue order (unknown ids skipped)."""
    return [f for pid in program.places if (f := session.get(Facility, pid)) is not None]


class ProgramFilters(TypedDict, total=False):
    """What ``list_programs`` narrows the catalogue by; each one left out (or None) keeps all."""

    field: str | None
    """A field code (``labor``): programs related to that consultation field."""
    target_group: str | None
    """A target group as written in the catalogue (예비창업자, 소공인 …); spacing and case are
    ignored."""
    place: str | None
    """A facility id, or a district or facility name (마포구, 창업허브 공덕): programs that run
    in a matching facility."""


def list_programs(*, session: Session, **filters: Unpack[ProgramFilters]) -> list[Program]:
    """Programs ordered by id, narrowed by every filter given (see ``ProgramFilters``)."""
    programs = list(session.scalars(select(Program).order_by(Program.id)).unique())
    if field := filters.get("field"):
        programs = [p for p in programs if any(f.code == field for f in p.fields)]
    if target_group := filters.get("target_group"):
        key = fold(target_group)
        programs = [p for p in programs if any(fold(g) == key for g in p.target_groups)]
    if place := filters.get("place"):
        ids = {f.id for f in find_facilities(text=place, session=session)}
        programs = [p for p in programs if ids & set(p.places)]
    return programs


def find_facilities(*, session: Session, text: str) -> list[Facility]:
    """Facilities whose id, name, alias or district appears in ``text`` (or equals it)."""
    key = fold(text)
    if len(key) < 2:
        return []
    found = []
    for fac in list_facilities(session=session):
        names = [fac.id, fac.name, fac.name_en or "", *fac.aliases, fac.district or ""]
        if any(len(fold(n)) >= 2 and (fold(n) in key or key == fold(n)) for n in names):
            found.append(fac)
    return found


def find_team(*, session: Session, text: str) -> Team | None:
    """The team named in ``text`` (교육1팀, 지식재산팀 …), longest name first."""
    key = fold(text)
    teams = sorted(list_teams(session=session), key=lambda t: -len(fold(t.name)))
    return next((t for t in teams if fold(t.name) and fold(t.name) in key), None)


def list_facilities(*, session: Session) -> list[Facility]:
    """All facilities ordered by id."""
    return list(session.scalars(select(Facility).order_by(Facility.id)).unique())


def list_teams(*, session: Session) -> list[Team]:
    """All teams ordered by id."""
    return list(session.scalars(select(Team).order_by(Team.id)))
