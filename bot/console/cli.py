"""``bizcall staff …`` and ``bizcall inquiries …``: console accounts and the relabel export."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from bot.settings import ROOT


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("비밀번호: ")
    if getpass.getpass("비밀번호 확인: ") != first:
        raise SystemExit("두 비밀번호가 다릅니다.")
    return first


def cmd_staff(args: argparse.Namespace) -> int:
    from bot import clock
    from bot.console import auth
    from bot.db.migrate import upgrade

    upgrade()
    try:
        if args.action == "add":
            staff = auth.add_staff(username=args.username, password=_password(args),
                                   role=args.role, now=clock.now())
            print(f"staff account created: {staff.username} ({staff.role})")
        elif args.action == "passwd":
            auth.set_password(username=args.username, password=_password(args))
            print(f"password changed; sessions of {args.username} ended")
        elif args.action in ("disable", "enable"):
            auth.set_active(username=args.username, active=args.action == "enable")
            print(f"{args.username}: {args.action}d")
        elif args.action == "token":
            token = auth.issue_api_token(username=args.username, days=args.days, now=clock.now())
            print(token)
            print(f"(bearer token for {args.username}, valid {args.days} days; shown once)",
                  file=sys.stderr)
        else:
            for name, role, active in auth.list_staff():
                print(f"{name}\t{role}\t{'active' if active else 'disabled'}")
    except auth.AuthError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


def cmd_inquiries(args: argparse.Namespace) -> int:
    from bot.console import inquiries
    from bot.console.export import export

    inquiries.sync()
    if args.action == "sync":
        print("inquiries up to date")
        return 0
    out = Path(args.out) if args.out else ROOT / "data" / "reviewed.yml"
    report = export(out, inquiries.labelled(), ROOT / "data")
    print(f"{out}: {report.written} reviewed examples")
    for inquiry_id, why in report.skipped:
        print(f"  skipped inquiry {inquiry_id}: {why}", file=sys.stderr)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the console's subcommands to the ``bizcall`` parser."""
    staff = sub.add_parser("staff", help="staff console accounts: add, list, passwd, "
                                         "disable, enable, token")
    staff.add_argument("action", choices=["add", "list", "passwd", "disable", "enable", "token"])
    staff.add_argument("username", nargs="?", help="lower-case login name")
    staff.add_argument("--role", choices=["agent", "admin"], default="agent",
                       help="agent: queue, relabels, handoffs; admin: also bookings")
    staff.add_argument("--password-stdin", action="store_true",
                       help="read the password from the first line of stdin (no prompt)")
    staff.add_argument("--days", type=int, default=90, help="token: days until it expires")
    staff.set_defaults(func=cmd_staff)

    inq = sub.add_parser("inquiries", help="`inquiries export`: staff relabels as training "
                                           "data (data/reviewed.yml); `inquiries sync`")
    inq.add_argument("action", choices=["export", "sync"])
    inq.add_argument("--out", help="output file (default data/reviewed.yml)")
    inq.set_defaults(func=cmd_inquiries)
