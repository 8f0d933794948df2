"""The ``bizcall`` commands for staff about expert consultations: ``bookings`` (and its
notification outbox) and ``experts``.

Apart from ``bot.cli`` (the parser, ``main`` and the other commands) so that each file
stays short; every command here is an edge and opens its own unit of work.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bot.cli_tables import table

if TYPE_CHECKING:
    from bot.booking.staff_listing import Listing


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _print_listing(
    items: Sequence[Any], args: argparse.Namespace, listing: Listing, *, footer: str
) -> None:
    """Print ``items`` as JSON (``--json``) or as a table with ``footer`` below it.

    Bookings and outbox messages are listed alike, so ``--reveal`` unmasks personal data
    the same way in both.
    """
    if args.json:
        _print_json([listing.as_dict(item, reveal=args.reveal) for item in items])
        return
    print(table([listing.as_row(item, reveal=args.reveal) for item in items], listing.headers))
    print(f"\n{footer}")


def cmd_bookings(args: argparse.Namespace) -> int:
    """``bizcall bookings``: staff listings of bookings and the notification outbox."""
    from bot.booking import outbox, queries, staff_listing
    from bot.booking.status import ALIASES, STATUSES
    from bot.db import session_scope

    if args.view == "outbox":
        with session_scope() as session:
            items = outbox.list_outbox(session=session, pending_only=args.pending)
        _print_listing(items, args, staff_listing.OUTBOX, footer=f"{len(items)} messages")
        return 0
    status = ALIASES.get((args.status or "").lower(), args.status) if args.status else None
    if status is not None and status not in STATUSES:
        print(
            f"unknown status {args.status!r}: use {', '.join(STATUSES)} "
            f"or {', '.join(ALIASES)}",
            file=sys.stderr,
        )
        return 2
    with session_scope() as session:
        bookings = queries.list_bookings(
            session=session, day=args.date, expert_id=args.expert, status=status
        )
    footer = f"{len(bookings)} bookings" + ("" if args.reveal else " (personal data masked)")
    _print_listing(bookings, args, staff_listing.BOOKINGS, footer=footer)
    return 0


def cmd_experts(args: argparse.Namespace) -> int:
    """``bizcall experts``: the roster as loaded, to check it before a day of bookings."""
    from bot.booking import queries, staff_listing
    from bot.db import session_scope
    from bot.fields import FIELD_NAMES

    if args.field is not None and args.field not in FIELD_NAMES:
        print(f"unknown field {args.field!r}: use one of {', '.join(FIELD_NAMES)}", file=sys.stderr)
        return 2
    with session_scope() as session:
        experts = queries.list_experts(session=session, field=args.field, include_inactive=args.all)
    if args.json:
        _print_json([staff_listing.expert_dict(e) for e in experts])
        return 0
    rows = [
        [
            e.id,
            e.name,
            e.title,
            ",".join(e.fields),
            ",".join(e.channels),
            staff_listing.hours_summary(e),
            "" if e.active else "inactive",
        ]
        for e in experts
    ]
    print(table(rows, ["id", "name", "title", "fields", "channels", "hours", ""]))
    print(f"\n{len(experts)} experts")
    return 0
