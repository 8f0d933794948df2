"""Which keys each catalogue record may have, and the checks on its texts in both languages.

Answers are rendered in Korean or English from the same record, so every text an answer shows
has an optional English twin (``purpose`` / ``purpose_en``). The files are edited by hand; a
typo such as ``purpose_eng`` would otherwise be ignored and the English answer would quietly
say "not available", so unknown keys are reported like any other problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

TEXTS: Final[dict[str, tuple[str, ...]]] = {
    "programs": (
        "name",
        "purpose",
        "target",
        "goals",
        "content",
        "results",
        "schedule",
        "application",
        "contact",
    ),
    "facilities": ("name", "kind", "address", "size", "contents"),
    "teams": ("name", "division"),
    "fields": ("name", "description"),
}
"""Texts with an English twin ``<key>_en``, per catalogue file."""

OTHER_KEYS: Final[dict[str, frozenset[str]]] = {
    "programs": frozenset(
        {
            "id",
            "aliases",
            "area",
            "parent",
            "target_groups",
            "budget",
            "team",
            "fields",
            "places",
            "source",
            "budget_also",
            "as_of",
        }
    ),
    "facilities": frozenset(
        {"id", "aliases", "district", "opened", "ownership", "team", "source", "as_of"}
    ),
    "teams": frozenset({"id", "functions", "functions_en", "source"}),
    "fields": frozenset({"code", "keywords", "keywords_en", "names"}),
}
BUDGET_KEYS: Final = frozenset({"line", "line_en", "amount_thousand_krw", "kind"})


def allowed_keys(kind: str) -> frozenset[str]:
    """Every key a record of catalogue file ``kind`` (``programs`` …) may have."""
    texts = TEXTS[kind]
    return OTHER_KEYS[kind] | set(texts) | {f"{t}_en" for t in texts}


def _is_text(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def check_record(kind: str, label: str, row: Mapping[str, Any]) -> Iterable[str]:
    """Problems with one record's keys and texts; ``label`` names it in the messages.

    A text is a scalar (not a list or mapping); an English twin must be non-empty and must
    not stand without its Korean text, since the Korean is what the report says.
    """
    for key in sorted(set(row) - allowed_keys(kind)):
        yield f"{label}: unknown key {key!r}"
    for key in TEXTS[kind]:
        korean, english = row.get(key), row.get(f"{key}_en")
        if korean is not None and not _is_text(korean):
            yield f"{label}: {key} must be text"
        if f"{key}_en" not in row:
            continue
        if english is None or not _is_text(english) or not str(english).strip():
            yield f"{label}: {key}_en must be non-empty text"
        elif korean is None:
            yield f"{label}: {key}_en without {key}"
    if kind == "teams" and "functions_en" in row:
        yield from _check_functions(label, row)
    if kind == "programs":
        for i, line in enumerate(row.get("budget") or []):
            if not isinstance(line, dict):
                continue
            for key in sorted(set(line) - BUDGET_KEYS):
                yield f"{label}: budget line #{i + 1} has unknown key {key!r}"
            if "line_en" in line and not (_is_text(line["line_en"]) and str(line["line_en"])):
                yield f"{label}: budget line #{i + 1} line_en must be non-empty text"


def _check_functions(label: str, row: Mapping[str, Any]) -> Iterable[str]:
    korean, english = row.get("functions") or [], row.get("functions_en")
    if not isinstance(english, list) or not all(_is_text(f) and str(f) for f in english):
        yield f"{label}: functions_en must be a list of texts"
    elif len(english) != len(korean):
        yield f"{label}: functions_en has {len(english)} lines, functions has {len(korean)}"
