"""Shapes of ``bizcall`` subcommands that several command groups share.

``bot.cli`` and ``bot.console.cli`` both add commands that take one action word (``nlu
export``, ``inquiries sync``) and commands that read one text or JSON lines (``triage``,
``recommend``); building them here keeps their arguments and help alike.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence


def add_action_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    *,
    help: str,
    actions: Sequence[str],
    func: Callable[[argparse.Namespace], int],
    out_help: str | None = None,
) -> argparse.ArgumentParser:
    """``bizcall NAME ACTION``, with ``--out FILE`` when ``out_help`` says what it writes."""
    command = sub.add_parser(name, help=help)
    command.add_argument("action", choices=list(actions))
    if out_help is not None:
        command.add_argument("--out", help=out_help)
    command.set_defaults(func=func)
    return command


def add_text_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    *,
    help: str,
    text_help: str | None,
    jsonl_help: str,
    func: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    """``bizcall NAME "text"`` or ``bizcall NAME --jsonl < file`` (one JSON object a line)."""
    command = sub.add_parser(name, help=help)
    command.add_argument("text", nargs="?", help=text_help)
    command.add_argument("--jsonl", action="store_true", help=jsonl_help)
    command.set_defaults(func=func)
    return command
