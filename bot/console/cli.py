"""``bizcall staff …`` and ``bizcall inquiries …``: console accounts and the relabel export."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy.orm import Session

from bot.cli_args import add_action_command
from bot.settings import ROOT


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("비밀번호: ")
    if getpass.getpass("비밀번호 확인: ") != first:
        raise SystemExit("두 비밀번호가 다릅니다.")
    return first


def _staff_action(args: argparse.Namespace, password: str, *, session: Session) -> list[str]:
    """Carry out one ``bizcall staff`` action in ``session``; the lines to print after it."""
    from bot import clock
    from bot.console import auth

    if args.action == "add":
        staff = auth.add_staff(
            session=session,
            username=args.username,
            password=password,
            role=args.role,
            now=clock.now(),
        )
        return [f"staff account created: {staff.username} ({staff.role})"]
    if args.action == "passwd":
        auth.set_password(session=session, username=args.username, password=password)
        return [f"password changed; sessions of {args.username} ended"]
    if args.action in ("disable", "enable"):
        auth.set_active(session=session, username=args.username, active=args.action == "enable")
        return [f"{args.username}: {args.action}d"]
    if args.action == "token":
        return [
            auth.issue_api_token(
                session=session, username=args.username, days=args.days, now=clock.now()
            )
        ]
    return [
        f"{name}\t{role}\t{'active' if active else 'disabled'}"
        for name, role, active in auth.list_staff(session=session)
    ]


def cmd_staff(args: argparse.Namespace) -> int:
    """Manage console accounts; each command is one unit of work, opened here (the edge).

    What it reports is printed after the commit, so "created" is never said of an account
    whose write failed.
    """
    from bot.console import auth
    from bot.db import run_unit
    from bot.db.migrate import upgrade

    upgrade()
    # Prompt before the unit of work opens: no transaction waits on a person typing.
    password = _password(args) if args.action in ("add", "passwd") else ""
    try:
        lines = run_unit(lambda session: _staff_action(args, password, session=session))
    except auth.AuthError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    if args.action == "token":
        print(
            f"(bearer token for {args.username}, valid {args.days} days; shown once)",
            file=sys.stderr,
        )
    return 0


def cmd_inquiries(args: argparse.Namespace) -> int:
    """Sync inquiries, then (``export``) write the staff relabels as training data."""
    from bot.console import inquiries
    from bot.console.export import export
    from bot.db import run_unit, session_scope

    run_unit(lambda session: inquiries.sync(session=session))
    if args.action == "sync":
        print("inquiries up to date")
        return 0
    out = Path(args.out) if args.out else ROOT / "data" / "reviewed.yml"
    with session_scope() as session:
        report = export(out, inquiries.labelled(session=session), ROOT / "data")
    print(f"{out}: {report.written} reviewed examples")
    for inquiry_id, why in report.skipped:
        print(f"  skipped inquiry {inquiry_id}: {why}", file=sys.stderr)
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the console's subcommands to the ``bizcall`` parser."""
    staff = sub.add_parser(
        "staff", help="staff console accounts: add, list, passwd, " "disable, enable, token"
    )
    staff.add_argument("action", choices=["add", "list", "passwd", "disable", "enable", "token"])
    staff.add_argument("username", nargs="?", help="lower-case login name")
    staff.add_argument(
        "--role",
        choices=["agent", "admin"],
        default="agent",
        help="agent: queue, relabels, handoffs; admin: also bookings",
    )
    staff.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of stdin (no prompt)",
    )
    staff.add_argument("--days", type=int, default=90, help="token: days until it expires")
    staff.set_defaults(func=cmd_staff)

    add_action_command(
        sub,
        "inquiries",
        help="`inquiries export`: staff relabels as training "
        "data (data/reviewed.yml); `inquiries sync`",
        actions=["export", "sync"],
        func=cmd_inquiries,
        out_help="output file (default data/reviewed.yml)",
    )
