"""Measure catalogue search on the held-out labelled queries (part of ``make eval``).

The queries in ``tests/catalog/search_queries.yml`` were written for testing only and are
never training data. Search weights were tuned on the even-numbered half; the report prints
both halves so a gap between them (overfitting) is visible.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.catalog.search import SearchIndex, get_index


@dataclass
class SearchReport:
    """Recall at 1 and 3 and the misses, for printing and for tests."""

    total: int = 0
    at1: int = 0
    at3: int = 0
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def recall1(self) -> float:
        """Share of queries whose expected program came first."""
        return self.at1 / self.total if self.total else 0.0

    @property
    def recall3(self) -> float:
        """Share of queries whose expected program was among the first three."""
        return self.at3 / self.total if self.total else 0.0


def score(index: SearchIndex, items: list[dict[str, Any]]) -> SearchReport:
    """Run labelled queries; a hit counts if it is the label or one of its ``also`` ids."""
    report = SearchReport(total=len(items))
    started = time.perf_counter()
    for item in items:
        accepted = {item["program"], *(item.get("also") or [])}
        ranked = [h.program_id for h in index.search(item["text"], limit=3)]
        if ranked[:1] and ranked[0] in accepted:
            report.at1 += 1
        else:
            report.misses.append((item["text"], item["program"], ranked))
        if accepted & set(ranked[:3]):
            report.at3 += 1
    report.seconds = time.perf_counter() - started
    return report


def load_queries(path: Path) -> list[dict[str, Any]]:
    """The labelled queries of an evaluation file."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["queries"])


def main(argv: list[str] | None = None) -> int:
    """Print recall@1/@3 overall and per half, the latency, and the misses."""
    from bot.db import session_scope

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("queries", type=Path)
    parser.add_argument("--misses", action="store_true", help="list every query missed at 1")
    args = parser.parse_args(argv)
    items = load_queries(args.queries)
    with session_scope() as session:
        index = get_index(session=session)
        index.search("워밍업")  # start the analyser before timing
        rows = [
            ("all", score(index, items)),
            ("tuning half (even)", score(index, items[0::2])),
            ("check half (odd)", score(index, items[1::2])),
        ]
    print(f"Catalogue search on {args.queries} ({len(items)} held-out queries)")
    print(f"{'':20} {'n':>4} {'recall@1':>9} {'recall@3':>9} {'ms/query':>9}")
    for name, r in rows:
        print(
            f"{name:20} {r.total:4d} {r.recall1:9.3f} {r.recall3:9.3f} "
            f"{1000 * r.seconds / max(r.total, 1):9.1f}"
        )
    overall = rows[0][1]
    print(
        f"targets: recall@1 >= 0.90 ({'met' if overall.recall1 >= 0.90 else 'NOT met'}), "
        f"recall@3 >= 0.97 ({'met' if overall.recall3 >= 0.97 else 'NOT met'})"
    )
    if args.misses:
        for text, want, got in overall.misses:
            print(f"  miss: {text!r} -> want {want}, got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
