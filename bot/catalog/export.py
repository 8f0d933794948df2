"""``bizcall catalog export``: staff edits written back to ``catalog/`` so reviewers diff them.

The database is where staff edit (``bot.catalog.upkeep``); YAML stays the reviewed,
versioned import/export format. Export rewrites only the fields an edit touched, in
round-trip mode (comments, order and flow lists kept), sets the record's ``as_of``, and
appends each change to ``catalog/history.yml``. ``load_catalog`` reads that history back
and re-applies any change not exported yet, so reloading the YAML never loses an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.catalog.upkeep import change_dict, current_value
from bot.db.models import CatalogChange, Facility, Program

HISTORY_FILE: Final = "history.yml"
FILES: Final = {
    "program": ("programs.yml", "programs", Program),
    "facility": ("facilities.yml", "facilities", Facility),
}


@dataclass(frozen=True)
class ExportResult:
    """How many changes were written, and which files changed."""

    changes: int
    files: list[str]


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments and key order survive
    yaml.width = 4096  # type: ignore[assignment]
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True  # type: ignore[assignment]
    return yaml


def _flow(values: list[str]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()  # aliases stay on one line, as the files write them
    return seq


def read_history(catalog_dir: Path) -> list[dict[str, Any]]:
    """The exported changes in ``catalog/history.yml`` (none if the file is missing)."""
    path = catalog_dir / HISTORY_FILE
    if not path.exists():
        return []
    data = _yaml().load(path.read_text(encoding="utf-8")) or {}
    return [dict(entry) for entry in data.get("changes") or []]


def export_catalog(*, session: Session, catalog_dir: Path) -> ExportResult:
    """Write every change not yet exported to the YAML files and the history."""
    pending = list(
        session.scalars(
            select(CatalogChange)
            .where(CatalogChange.exported.is_(False))
            .order_by(CatalogChange.id)
        )
    )
    if not pending:
        return ExportResult(0, [])
    yaml = _yaml()
    written: list[str] = []
    for kind, (file_name, top, model) in FILES.items():
        touched: dict[str, set[str]] = {}
        for change in pending:
            if change.record_kind == kind:
                touched.setdefault(change.record_id, set()).update(change.changes)
        if not touched:
            continue
        path = catalog_dir / file_name
        doc = yaml.load(path.read_text(encoding="utf-8"))
        for row in doc[top]:
            fields = touched.get(row.get("id"))
            record = session.get(model, row.get("id")) if fields else None
            if record is None or fields is None:
                continue
            for field in sorted(fields):
                value = current_value(record, field)
                row[field] = _flow(value) if isinstance(value, list) else value
            row["as_of"] = record.as_of
        with path.open("w", encoding="utf-8") as out:
            yaml.dump(doc, out)
        written.append(file_name)
    _append_history(catalog_dir, [change_dict(c) for c in pending])
    for change in pending:
        change.exported = True
    return ExportResult(len(pending), [*written, HISTORY_FILE])


def _append_history(catalog_dir: Path, entries: list[dict[str, Any]]) -> None:
    path = catalog_dir / HISTORY_FILE
    yaml = _yaml()
    fresh = not path.exists()
    doc = {} if fresh else (yaml.load(path.read_text(encoding="utf-8")) or {})
    doc.setdefault("changes", [])
    doc["changes"].extend(entries)
    with path.open("w", encoding="utf-8") as out:
        if fresh:
            out.write(
                "# Edits staff made in the console (bizcall catalog export writes this "
                "file).\n# Each change: the record, old and new values, the date they hold "
                "from, a note and the author.\n"
            )
        yaml.dump(doc, out)
