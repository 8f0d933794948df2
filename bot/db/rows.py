"""Copying a row's columns into the plain view callers get, by name.

The public views of rows (a booking, an outbox message, an inquiry, a handoff) keep most
columns under the column's own name and convert only a few (times to aware datetimes,
joined names); ``same_named`` copies the former so each view spells out only what it
changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def same_named(row: object, names: Iterable[str]) -> dict[str, Any]:
    """``{name: row.name}`` for each of ``names``: keyword arguments of a view's constructor."""
    return {name: getattr(row, name) for name in names}
