"""Plain-text tables for the ``bizcall`` commands, Hangul counted two columns wide.

Apart from ``bot.cli`` because the catalogue and the booking commands
(``bot.cli_catalog``, ``bot.cli_bookings``) print them too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(rows: list[list[str]], headers: list[str]) -> str:
    """``rows`` under ``headers`` in columns padded to the widest cell, rule below the headers."""
    widths = [max(_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        padded = (str(c) + " " * (w - _width(str(c))) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])
