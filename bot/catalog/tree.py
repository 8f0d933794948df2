"""A program with its sub-programs: figures that add up and texts that say whose they are.

The report states a budget line or a result on the most specific program it names, so a
parent's own rows are only part of what the report gives for it. Answers about a parent
therefore gather its whole subtree (and, for budgets, the programs the budget table groups
under it: ``budget_also``); answers about a sub-program that has no text of its own show
its nearest ancestor's, labelled as the ancestor's.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import object_session

from bot.db.models import BudgetLine, Program


def descendants(program: Program) -> list[Program]:
    """Every sub-program below ``program``, depth first, children in id order."""
    found: list[Program] = []
    seen = {program.id}
    stack = list(reversed(program.children))
    while stack:
        child = stack.pop()
        if child.id in seen:  # a cycle would be a data error; never loop on it
            continue
        seen.add(child.id)
        found.append(child)
        stack.extend(reversed(child.children))
    return found


def within(program: Program | None, ancestor_id: str) -> bool:
    """``program`` is the program ``ancestor_id`` or one of its sub-programs."""
    return program is not None and (
        program.id == ancestor_id or any(a.id == ancestor_id for a in ancestors(program))
    )


def ancestors(program: Program) -> list[Program]:
    """Parent, grandparent, … of ``program``."""
    chain: list[Program] = []
    seen = {program.id}
    node = program.parent
    while node is not None and node.id not in seen:
        chain.append(node)
        seen.add(node.id)
        node = node.parent
    return chain


def grouped_with(program: Program) -> list[Program]:
    """Programs the budget table lists under ``program`` though described apart from it."""
    session = object_session(program)
    if session is None or not program.budget_also:
        return []
    found = [session.get(Program, pid) for pid in program.budget_also]
    return [p for p in found if p is not None]


@dataclass(frozen=True)
class BudgetPart:
    """One budget line and the program it is stated on."""

    owner: Program
    line: BudgetLine
    grouped: bool
    """From a ``budget_also`` program (the budget table's grouping, not the hierarchy)."""


def budget_parts(program: Program) -> list[BudgetPart]:
    """The budget lines of ``program`` (first), then of its sub-programs and the programs
    grouped with it, largest first."""
    own = [BudgetPart(program, line, False) for line in program.budget_lines]
    others = [BudgetPart(p, line, False) for p in descendants(program) for line in p.budget_lines]
    for other in grouped_with(program):
        others.extend(
            BudgetPart(p, line, True)
            for p in (other, *descendants(other))
            for line in p.budget_lines
        )
    return own + sorted(others, key=lambda part: -part.line.amount_thousand_krw)


def total(parts: list[BudgetPart]) -> int:
    """Thousand KRW of the parts together."""
    return sum(part.line.amount_thousand_krw for part in parts)


def budget_holder(program: Program) -> tuple[Program, int] | None:
    """The nearest ancestor with budget lines and its total: where a sub-program without
    lines of its own is probably paid from."""
    for ancestor in ancestors(program):
        if parts := budget_parts(ancestor):
            return ancestor, total(parts)
    return None


def _squeezed(name: str) -> str:
    return "".join(ch for ch in name if ch.isalnum()).lower()


def part_label(part: BudgetPart, program: Program, owner_name: str, line_name: str) -> str:
    """How a budget line is named in an answer about ``program``.

    A line on the program itself is named as the budget table names it; a line on a
    sub-program by the sub-program (what users ask by), with the table's wording added
    only when it says something else ("창업허브(창동)운영" is just 서울창업허브(창동) 운영).
    """
    if part.owner is program:
        return line_name
    line, owner = _squeezed(line_name), _squeezed(owner_name)
    if line in owner or owner in line:
        return owner_name
    return f"{owner_name} — {line_name}"


def result_parts(program: Program) -> list[tuple[Program, str]]:
    """(program, results) that together cover ``program`` without counting anything twice.

    A program's own results summarise its sub-programs (the report writes them so), so
    they stand alone; a program without its own takes each branch's nearest results.
    """
    if program.results:
        return [(program, program.results)]
    return _nearest_results(program, {program.id})


def _nearest_results(program: Program, seen: set[str]) -> list[tuple[Program, str]]:
    found: list[tuple[Program, str]] = []
    for child in program.children:
        if child.id in seen:
            continue
        seen.add(child.id)
        found.extend([(child, child.results)] if child.results else _nearest_results(child, seen))
    return found


def with_results_below(program: Program) -> list[Program]:
    """Sub-programs with results of their own (what else can be asked about)."""
    return [p for p in descendants(program) if p.results]


def inherited(program: Program, key: str) -> tuple[Program, str] | None:
    """The nearest of ``program`` and its ancestors with a ``key`` text, and that text."""
    for node in (program, *ancestors(program)):
        if text := getattr(node, key):
            return node, text
    return None
