"""``make eval`` part: the recommender on the profile table (dev) and the blind profiles.

The blind file (``tests/recommend/blind_profiles.yml``) was written from the report by a
process that saw neither the criteria nor the matcher; only its headline figures are read.
A hit is the expected program, or one of its sub-programs, in the top five; "excluded"
counts profiles that got a program they must not.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from bot import clock
from bot.catalog.tree import within
from bot.db import session_scope
from bot.db.models import Program
from bot.recommend.matcher import recommend
from bot.recommend.profile import read_profile
from bot.settings import ROOT

FILES = (("profile table (dev)", ROOT / "tests" / "recommend" / "profiles.yml"),
         ("second dev set", ROOT / "tests" / "recommend" / "dev2_profiles.yml"),
         ("third dev set", ROOT / "tests" / "recommend" / "dev3_profiles.yml"),
         ("blind profiles", ROOT / "tests" / "recommend" / "blind_profiles.yml"))


def _under(session: Session, pid: str, wanted: str) -> bool:
    return within(session.get(Program, pid), wanted)


def score(session: Session, path: Path) -> dict[str, Any]:
    """Hit rate, profiles with an excluded program, and first-place rate for one file."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))["profiles"]
    hits = first = excluded = 0
    year = clock.now().year
    for row in rows:
        wanted = row.get("must") or row.get("expected") or []
        unwanted = row.get("must_not") or row.get("excluded") or []
        got = [r.program_id for r in recommend(session=session,
                                               profile=read_profile(row["text"], now_year=year))]
        hits += any(_under(session, g, w) for g in got for w in wanted)
        first += bool(got) and any(_under(session, got[0], w) for w in wanted)
        excluded += any(_under(session, g, u) for g in got for u in unwanted)
    return {"profiles": len(rows), "top5": hits / len(rows), "first": first / len(rows),
            "excluded": excluded}


def main() -> int:
    """Print the figures for both files."""
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    print("\nrecommender (expected program or its sub-program in the top five)")
    with session_scope() as session:
        for label, path in FILES:
            s = score(session, path)
            print(f"  {label:<22} {s['profiles']:>3} profiles  top-5 {s['top5']:.3f}  "
                  f"first {s['first']:.3f}  with an excluded program {s['excluded']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
