"""The ``bizcall`` command line: database, catalogue, bookings, NLU data and the local stack."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.cli_args import add_action_command, add_text_command
from bot.cli_bookings import cmd_bookings, cmd_experts
from bot.cli_catalog import cmd_catalog, cmd_db, cmd_programs, cmd_search
from bot.settings import ROOT, get_settings


def cmd_triage(args: argparse.Namespace) -> int:
    """``bizcall triage``: classify texts with the trained model, as the console does."""
    from bot.db import session_scope
    from bot.parser import ModelParser
    from bot.text import has_words
    from bot.triage import classify
    from bot.triage_wordless import wordless_triage

    try:
        parser = ModelParser(get_settings().model_path)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 1

    def one(text: object) -> dict[str, Any]:
        if not isinstance(text, str) or not text.strip():
            return {"error": "empty text: nothing to classify"}
        if not has_words(text):
            return wordless_triage()
        with session_scope() as session:
            return classify(parser.parse(text), session=session).as_dict()

    try:
        if not args.jsonl:
            if args.text is None:
                print(
                    'usage: bizcall triage "텍스트"  or  bizcall triage --jsonl < file',
                    file=sys.stderr,
                )
                return 2
            result = one(args.text)
            print(json.dumps(result, ensure_ascii=False))
            return 1 if "error" in result else 0
        for number, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("not an object")
            except ValueError as exc:
                print(
                    json.dumps(
                        {"id": None, "line": number, "error": f"invalid JSON: {exc}"},
                        ensure_ascii=False,
                    ),
                    flush=True,
                )
                continue
            print(
                json.dumps({"id": item.get("id"), **one(item.get("text"))}, ensure_ascii=False),
                flush=True,
            )
    finally:
        parser.close()
    return 0


def cmd_nlu(args: argparse.Namespace) -> int:
    """``bizcall nlu export|augment``: the generated NLU files ``make train`` reads."""
    from pathlib import Path

    from bot.catalog.loader import read_catalog
    from bot.catalog.nlu import export_nlu

    if args.action == "augment":
        from bot.nlp.augment import write_augmented

        out = Path(args.out) if args.out else ROOT / "data" / "generated" / "noisy.yml"
        written = write_augmented(ROOT / "data", out)
    else:
        out = Path(args.out) if args.out else ROOT / "data" / "generated" / "catalog.yml"
        written = export_nlu(read_catalog(get_settings().catalog_dir), out)
    print(f"{out}: {'written' if written else 'unchanged'}")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from exc


def cmd_run(args: argparse.Namespace) -> int:
    """``bizcall run``: the embedded stack, or with ``--scaled`` the production profile."""
    if args.scaled:
        from bot.scaled.stack import run_scaled

        return run_scaled(get_settings())
    from bot.runner import run_forever

    return run_forever(get_settings())


def cmd_recommend(args: argparse.Namespace) -> int:
    """``bizcall recommend``: programs for a company profile written in plain words (JSON)."""
    from bot import clock
    from bot.db import session_scope
    from bot.recommend.service import recommend_text

    year = clock.now().year
    if not args.jsonl:
        if not args.text or not args.text.strip():
            print(
                'usage: bizcall recommend "프로필"  or  bizcall recommend --jsonl < file',
                file=sys.stderr,
            )
            return 2
        with session_scope() as session:
            print(
                json.dumps(
                    recommend_text(session=session, text=args.text, year=year), ensure_ascii=False
                )
            )
        return 0
    with session_scope() as session:  # one session and one search index for every line
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                ident, text = row.get("id"), row.get("text")
            except (json.JSONDecodeError, AttributeError) as exc:
                print(json.dumps({"id": None, "error": f"invalid JSON: {exc}"}), flush=True)
                continue
            if not isinstance(text, str) or not text.strip():
                print(json.dumps({"id": ident, "error": "empty text"}), flush=True)
                continue
            answer = recommend_text(session=session, text=text, year=year)
            print(json.dumps({"id": ident, **answer}, ensure_ascii=False), flush=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(prog="bizcall", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    add_action_command(
        sub,
        "db",
        help="create/upgrade the schema (init) or load the catalogue (load)",
        actions=["init", "load"],
        func=cmd_db,
    )

    programs = sub.add_parser("programs", help="list programs, or `programs show ID`")
    programs.add_argument("show_kw", nargs="?", choices=["show"], help=argparse.SUPPRESS)
    programs.add_argument("show", nargs="?", metavar="ID", help="program id to show")
    programs.add_argument("--json", action="store_true", help="print JSON instead of a table")
    programs.add_argument("--field", help="only programs related to this field code")
    programs.add_argument("--target-group", help="only programs for this group, e.g. 소공인")
    programs.add_argument("--place", help="only programs run at a facility, id or district")
    programs.set_defaults(func=cmd_programs)

    search = sub.add_parser("search", help="rank programs for a question, with the reasons")
    search.add_argument("query", help='what a user typed, e.g. "청년 코딩 무료 교육"')
    search.add_argument("--limit", type=int, default=5)
    search.add_argument("--json", action="store_true")
    search.set_defaults(func=cmd_search)

    add_text_command(
        sub,
        "triage",
        help="classify an inquiry: topic, field, program (JSON)",
        text_help="the inquiry text",
        jsonl_help='read {"id", "text"} lines from stdin, write one result per line',
        func=cmd_triage,
    )

    add_action_command(
        sub,
        "nlu",
        help="generate NLU data: `nlu export` (lookup tables and "
        "synonyms from the catalogue), `nlu augment` (careless-typing copies)",
        actions=["export", "augment"],
        func=cmd_nlu,
        out_help="output file (default data/generated/catalog.yml or " "data/generated/noisy.yml)",
    )

    bookings = sub.add_parser(
        "bookings", help="list expert bookings (personal data masked), or `bookings outbox`"
    )
    bookings.add_argument(
        "view",
        nargs="?",
        choices=["outbox"],
        help="outbox: the notifications (SMS/email) of the bookings",
    )
    bookings.add_argument("--date", type=_day, help="only bookings starting that day (KST)")
    bookings.add_argument("--expert", help="only bookings of this expert id")
    bookings.add_argument("--status", help="예약됨/변경됨/취소됨/완료 (or booked/changed/...)")
    bookings.add_argument("--pending", action="store_true", help="outbox: only unsent messages")
    bookings.add_argument("--json", action="store_true", help="print JSON instead of a table")
    bookings.add_argument(
        "--reveal",
        action="store_true",
        help="show names, phone numbers, emails and business numbers in full",
    )
    bookings.set_defaults(func=cmd_bookings)

    experts = sub.add_parser("experts", help="list the expert roster")
    experts.add_argument("--field", help="only experts of this field code")
    experts.add_argument("--all", action="store_true", help="include inactive experts")
    experts.add_argument("--json", action="store_true", help="print JSON instead of a table")
    experts.set_defaults(func=cmd_experts)

    add_text_command(
        sub,
        "recommend",
        help="programs that fit a company profile (JSON)",
        text_help='e.g. "성수동 반찬 가게, 온라인 판매를 늘리고 싶어요"',
        jsonl_help='read {"id", "text"} lines from stdin, write one object per line',
        func=cmd_recommend,
    )

    add_action_command(
        sub,
        "catalog",
        help="`catalog export`: write staff edits from the "
        "database back to catalog/*.yml and catalog/history.yml",
        actions=["export"],
        func=cmd_catalog,
    )

    run = sub.add_parser("run", help="start the action server, Rasa and the chat page")
    run.add_argument(
        "--scaled",
        action="store_true",
        help="PostgreSQL, Redis, 2 Rasa replicas and 2 action servers behind nginx "
        "on :8080 (docs/deploy.md)",
    )
    run.set_defaults(func=cmd_run)

    from bot.console.cli import add_commands

    add_commands(sub)  # staff, inquiries
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``bizcall`` console script."""
    args = build_parser().parse_args(argv)
    if args.command == "programs" and args.show_kw == "show" and not args.show:
        print("usage: bizcall programs show ID", file=sys.stderr)
        return 2
    if args.command == "staff" and args.action != "list" and not args.username:
        print(f"usage: bizcall staff {args.action} USERNAME", file=sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `bizcall programs | head` is fine
        sys.stderr.close()
        return 0
    except Exception as exc:  # a clear one-line error for operators; details with -v later
        from bot.catalog.loader import CatalogError

        if isinstance(exc, CatalogError):
            print(str(exc), file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
