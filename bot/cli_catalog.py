"""The ``bizcall`` commands about the catalogue: ``db``, ``programs``, ``search`` and
``catalog export``.

Apart from ``bot.cli`` (the parser, ``main`` and the other commands) so that each file
stays short; every command here is an edge and opens its own unit of work.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.cli_tables import table
from bot.settings import get_settings


def program_dict(p: Any) -> dict[str, Any]:
    """The public JSON shape of a program (``bizcall programs --json``)."""
    return {
        "id": p.id,
        "name": p.name,
        "name_en": p.name_en,
        "aliases": list(p.aliases),
        "parent": p.parent_id,
        "area": p.area,
        "fields": [f.code for f in p.fields],
        "team": p.team.name if p.team else None,
        "target": p.target,
        "target_groups": list(p.target_groups),
        "places": list(p.places),
        "purpose": p.purpose,
        "goals": p.goals,
        "content": p.content,
        "results": p.results,
        "schedule": p.schedule,
        "budget": [
            {"line": b.line, "amount_thousand_krw": b.amount_thousand_krw, "kind": b.kind}
            for b in p.budget_lines
        ],
        "source": {"section": p.source_section, "lines": p.source_lines},
    }


def cmd_db(args: argparse.Namespace) -> int:
    """``bizcall db init|load``: migrate, then load the catalogue and the expert roster."""
    from bot.booking.roster import load_roster, read_roster
    from bot.catalog.loader import load_catalog, read_catalog
    from bot.db import session_scope
    from bot.db.migrate import upgrade

    upgrade()
    if args.action == "init":
        print(f"database ready: {_masked_url()}")
        return 0
    cat = read_catalog(get_settings().catalog_dir)
    roster_file = get_settings().catalog_dir / "experts.yml"
    roster = read_roster(roster_file) if roster_file.exists() else None  # validate both first
    with session_scope() as session:  # one transaction: catalogue first, then the roster
        counts = load_catalog(cat, session=session)
        roster_counts = load_roster(roster, session=session) if roster is not None else None
    print("catalogue loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    if roster_counts is None:
        print(f"roster unchanged: no {roster_file}")
    else:
        print("roster loaded: " + ", ".join(f"{v} {k}" for k, v in roster_counts.items()))
    return 0


def _masked_url() -> str:
    from sqlalchemy.engine import make_url

    masked: str = make_url(get_settings().database_url).render_as_string(hide_password=True)
    return masked


def cmd_programs(args: argparse.Namespace) -> int:
    """``bizcall programs``: list the catalogue, or show one program as the bot answers it."""
    from bot.catalog.queries import get_program, list_programs
    from bot.db import session_scope

    with session_scope() as session:
        if args.show:
            program = get_program(program_id=args.show, session=session)
            if program is None:
                print(
                    f"no program with id {args.show!r}; `bizcall programs` lists them",
                    file=sys.stderr,
                )
                return 1
            print(json.dumps(program_dict(program), ensure_ascii=False, indent=2))
            return 0
        programs = list_programs(
            field=args.field, target_group=args.target_group, place=args.place, session=session
        )
        if args.json:
            print(json.dumps([program_dict(p) for p in programs], ensure_ascii=False, indent=2))
            return 0
        rows = [
            [
                p.id,
                p.name,
                p.parent_id or "",
                ",".join(f.code for f in p.fields),
                p.team.name if p.team else "",
            ]
            for p in programs
        ]
        print(table(rows, ["id", "name", "parent", "fields", "team"]))
        print(f"\n{len(programs)} programs")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """``bizcall search``: the catalogue search the bot uses, to see why a query finds what."""
    from bot.catalog.answers import suggestions_text
    from bot.catalog.search import search_programs
    from bot.db import session_scope

    with session_scope() as session:
        hits = search_programs(query=args.query, limit=args.limit, session=session)
        if args.json:
            print(
                json.dumps(
                    [
                        {
                            "id": h.program_id,
                            "name": h.name,
                            "score": h.score,
                            "reasons": list(h.reasons),
                        }
                        for h in hits
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return 0 if hits else 1
        if not hits:
            print(suggestions_text(session=session))
            return 1
        rows = [
            [str(i), h.program_id, h.name, f"{h.score:.2f}", " / ".join(h.reasons)]
            for i, h in enumerate(hits, 1)
        ]
        print(table(rows, ["#", "id", "name", "score", "matched because"]))
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    """``bizcall catalog export``: staff edits from the database back into ``catalog/``."""
    from bot.catalog.export import export_catalog
    from bot.catalog.upkeep import nlu_stale
    from bot.db import session_scope

    directory = get_settings().catalog_dir
    with session_scope() as session:
        done = export_catalog(session=session, catalog_dir=directory)
        stale = nlu_stale(session=session) is not None
    if not done.changes:
        print("nothing to export: every staff edit is already in catalog/")
        return 0
    print(f"exported {done.changes} change(s) to {directory}: {', '.join(done.files)}")
    if stale:
        print("names or aliases changed: run `make train` (or `make run`) to retrain the model")
    return 0
