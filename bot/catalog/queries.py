"""Read the catalogue: keyword-only query functions over a caller's session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Facility, Program, Team
from bot.text import fold


def get_program(session: Session, *, program_id: str) -> Program | None:
    """The program with this id, or ``None``."""
    return session.get(Program, program_id)


def list_programs(session: Session, *, field: str | None = None) -> list[Program]:
    """All programs ordered by id, optionally only those related to a consultation field."""
    programs = list(session.scalars(select(Program).order_by(Program.id)).unique())
    if field:
        programs = [p for p in programs if any(f.code == field for f in p.fields)]
    return programs


def list_facilities(session: Session) -> list[Facility]:
    """All facilities ordered by id."""
    return list(session.scalars(select(Facility).order_by(Facility.id)).unique())


def list_teams(session: Session) -> list[Team]:
    """All teams ordered by id."""
    return list(session.scalars(select(Team).order_by(Team.id)))


def find_program_by_name(session: Session, *, text: str) -> Program | None:
    """The program whose name or alias appears in ``text`` (spacing and case ignored).

    The longest matching name wins, so a sub-program named inside a longer text is
    preferred over a parent whose shorter name also appears.
    """
    key = fold(text)
    if not key:
        return None
    best: tuple[int, Program] | None = None
    for prog in list_programs(session):
        for name in (prog.id, prog.name, prog.name_en or "", *prog.aliases):
            name_key = fold(name)
            if len(name_key) >= 2 and name_key in key and (best is None or len(name_key) > best[0]):
                best = (len(name_key), prog)
    return best[1] if best else None
