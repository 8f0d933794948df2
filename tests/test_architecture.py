"""The dependency rule of docs/architecture.md, checked by reading every module's imports.

actions → bot → db; the edges (web, channels, CLI, servers, evaluation) → bot; nothing
imports actions. And the session rule: only an edge opens a unit of work; everything
below it takes the caller's ``session``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

EDGES = (
    "bot.web",  # web app, console handlers, REST and socket channels
    "bot.kakao",  # the KakaoTalk channel's request and response formats
    "bot.cli",
    "bot.cli_catalog",  # bizcall db, programs, search, catalog
    "bot.cli_bookings",  # bizcall bookings, experts
    "bot.console.cli",
    "bot.runner",
    "bot.scaled",  # the scaled profile's processes, nginx and deployment files
    "bot.serve",
    "bot.warmup",  # start-up work of the action server (bot.serve)
    "bot.tracker_store",  # Rasa calls it: it owns its engine and sessions
    "bot.evaluation",
)
"""Modules that receive requests or run as programs: they own sessions and may import
anything in ``bot``. No module below them imports them."""

DB_MAY_IMPORT = ("bot.db", "bot.settings", "bot.clock")
"""The database layer stands on configuration and the clock alone."""

OPENS_A_UNIT = frozenset({"session_scope", "write_scope", "run_write_unit", "run_unit"})


def _modules(*folders: str) -> Iterator[tuple[str, Path]]:
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function (lazy imports count)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _unit_calls(path: Path) -> list[int]:
    """Lines where ``path`` calls one of the functions that open a unit of work."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in OPENS_A_UNIT:
                lines.append(node.lineno)
    return lines


BOT = list(_modules("bot"))


@pytest.mark.parametrize(("name", "path"), BOT, ids=[n for n, _ in BOT])
def test_bot_never_imports_actions(name: str, path: Path) -> None:
    assert not [m for m in _imports(path) if _within(m, ("actions",))]


@pytest.mark.parametrize(("name", "path"), [(n, p) for n, p in BOT if _within(n, ("bot.db",))])
def test_the_database_layer_imports_only_settings_and_the_clock(name: str, path: Path) -> None:
    own = {m for m in _imports(path) if _within(m, ("bot",))}
    assert {m for m in own if not _within(m, DB_MAY_IMPORT)} == set()


BELOW = [(n, p) for n, p in BOT if not _within(n, EDGES)]


@pytest.mark.parametrize(("name", "path"), BELOW, ids=[n for n, _ in BELOW])
def test_nothing_below_the_edges_imports_an_edge(name: str, path: Path) -> None:
    assert {m for m in _imports(path) if _within(m, EDGES)} == set()


@pytest.mark.parametrize(
    ("name", "path"),
    [(n, p) for n, p in BELOW if not _within(n, ("bot.db",))],
    ids=[n for n, _ in BELOW if not _within(n, ("bot.db",))],
)
def test_no_function_below_the_edges_opens_a_unit_of_work(name: str, path: Path) -> None:
    """Query and service functions take ``session``; the edge's unit of work spans them."""
    assert _unit_calls(path) == []


def test_the_rule_sees_the_modules_it_is_about() -> None:
    """A rule that matched nothing would pass for the wrong reason."""
    names = {n for n, _ in BOT}
    assert {"bot.db.session", "bot.console.handoff", "bot.booking.writes", "bot.web.app"} <= names
    assert all(_within(n, ("bot",)) for n in names)
    assert _unit_calls(ROOT / "bot" / "web" / "console" / "ops.py")  # an edge that does


SIZED = sorted(
    path
    for folder in ("bot", "actions")
    for path in (ROOT / folder).rglob("*.py")
    if not path.relative_to(ROOT).as_posix().startswith("bot/db/migrations/versions/")
)


@pytest.mark.parametrize("path", SIZED, ids=[p.relative_to(ROOT).as_posix() for p in SIZED])
def test_no_module_is_over_500_lines(path: Path) -> None:
    """A module past 500 lines holds more than one thing: split it by what it holds."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 500, f"{path.relative_to(ROOT)} has {lines} lines (at most 500)"


def test_the_size_rule_sees_the_modules_it_is_about() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in SIZED}
    assert {"bot/cli.py", "actions/recommend.py", "bot/recommend/profile.py"} <= names
    assert not any(n.startswith("bot/db/migrations/versions/") for n in names)


RASA_SIGNATURES = frozenset({"bot.tracker_store"})
"""Modules whose methods keep the signatures Rasa calls them with."""


def _positional_sessions(source: str) -> list[str]:
    """Module-level functions and methods that take ``session`` positionally.

    Functions nested in another are units of work or callbacks handed to a runner
    (``in_unit(url, work)``, ``apply(session, booking)``): the runner's contract, not a
    query's, fixes how they receive the session.
    """
    found = []
    tree = ast.parse(source)
    tops = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        tops += [n for n in cls.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for func in tops:
        if "session" in [a.arg for a in func.args.posonlyargs + func.args.args]:
            found.append(func.name)
    return found


TAKERS = [(n, p) for n, p in list(_modules("bot", "actions")) if n not in RASA_SIGNATURES]


@pytest.mark.parametrize(("name", "path"), TAKERS, ids=[n for n, _ in TAKERS])
def test_functions_take_the_session_as_a_keyword(name: str, path: Path) -> None:
    """``f(session=session, …)`` everywhere: one calling convention, no argument-order slips."""
    assert _positional_sessions(path.read_text(encoding="utf-8")) == []


def test_the_session_rule_tells_positional_from_keyword() -> None:
    source = (
        "def a(session, x): ...\n"
        "def b(x, *, session): ...\n"
        "class C:\n"
        "    def m(self, session): ...\n"
        "def d(url):\n"
        "    def work(session): ...\n"
    )
    assert _positional_sessions(source) == ["a", "m"]
