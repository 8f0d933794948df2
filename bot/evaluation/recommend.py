"""``make eval`` part: the recommender on the dev profile sets and the blind profiles.

The blind files (``tests/recommend/blind_profiles.yml``, 30 profiles, and
``blind2_profiles.yml`` and ``blind3_profiles.yml``, 40 each, written later the same way)
were written from the report by
processes that saw neither the criteria nor the matcher; only their headline figures are
read.
A hit is the expected program, or one of its sub-programs, in the top five; "excluded"
counts profiles that got a program they must not.

``--dev-only`` skips the blind files and, with ``--failures``, prints each dev profile that
missed or got an excluded program: error analysis must never look at the blind set, or its
figures stop meaning anything.
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

PROFILES = ROOT / "tests" / "recommend"
BLINDS: tuple[tuple[str, Path], ...] = (
    ("blind profiles", PROFILES / "blind_profiles.yml"),
    ("second blind set", PROFILES / "blind2_profiles.yml"),
    ("third blind set", PROFILES / "blind3_profiles.yml"),
)
_ORDINALS = (
    "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth"
).split()
DEV: tuple[tuple[str, Path], ...] = (
    ("profile table (dev)", PROFILES / "profiles.yml"),
    *(
        (f"{word} dev set", PROFILES / f"dev{n}_profiles.yml")
        for n, word in enumerate(_ORDINALS, 2)
    ),
)
"""The dev sets in the order they were written (``devN_profiles.yml``); a new one is a new
ordinal at the end of ``_ORDINALS``."""
FILES = (*DEV, *BLINDS)


def _under(pid: str, wanted: str, *, session: Session) -> bool:
    return within(session.get(Program, pid), wanted)


def score(path: Path, *, session: Session) -> dict[str, Any]:
    """Hit rate, profiles with an excluded program, and first-place rate for one file, and
    the profiles that missed or got an excluded program (for error analysis on dev sets)."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))["profiles"]
    hits = first = excluded = 0
    failures: list[dict[str, Any]] = []
    year = clock.now().year
    for row in rows:
        wanted = row.get("must") or row.get("expected") or []
        unwanted = row.get("must_not") or row.get("excluded") or []
        got = [
            r.program_id
            for r in recommend(session=session, profile=read_profile(row["text"], now_year=year))
        ]
        hit = any(_under(g, w, session=session) for g in got for w in wanted)
        # a program under a must_not that is also (under) a must is wanted: a writer who
        # did not see the catalogue tree may exclude the parent (하이서울기업) of a must
        # (하이서울프렌즈)
        bad = [
            g
            for g in got
            if any(_under(g, u, session=session) for u in unwanted)
            and not any(_under(g, w, session=session) for w in wanted)
        ]
        hits += hit
        first += bool(got) and any(_under(got[0], w, session=session) for w in wanted)
        excluded += bool(bad)
        if not hit or bad:
            failures.append(
                {
                    "id": row.get("id"),
                    "text": row["text"],
                    "must": wanted,
                    "got": got,
                    "excluded": bad,
                }
            )
    return {
        "profiles": len(rows),
        "top5": hits / len(rows),
        "first": first / len(rows),
        "excluded": excluded,
        "failures": failures,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures for every file (the dev files only with ``--dev-only``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dev-only",
        action="store_true",
        help="score the dev sets only; never reads the blind files",
    )
    parser.add_argument(
        "--failures",
        action="store_true",
        help="with --dev-only: print each dev profile that missed or got an " "excluded program",
    )
    args = parser.parse_args(argv)
    if args.failures and not args.dev_only:
        parser.error("--failures prints profiles, so only with --dev-only")
    print("\nrecommender (expected program or its sub-program in the top five)")
    with session_scope() as session:
        for label, path in DEV if args.dev_only else FILES:
            s = score(path, session=session)
            print(
                f"  {label:<22} {s['profiles']:>3} profiles  top-5 {s['top5']:.3f}  "
                f"first {s['first']:.3f}  with an excluded program {s['excluded']}"
            )
            for f in s["failures"] if args.failures else ():
                print(
                    f"    {f['id']}: must {f['must']} got {f['got']}"
                    + (f" EXCLUDED {f['excluded']}" if f["excluded"] else "")
                )
                print(f"      {f['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
