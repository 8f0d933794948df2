"""Read, validate and load the catalogue files into the database.

The files are the source of truth and are reviewed like code, so validation is
strict and reports every problem at once (with the file and record) instead of
failing on the first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.catalog.invest_topics import FILE_NAME as INVEST_TOPICS_FILE
from bot.catalog.invest_topics import InvestTopic, read_topics
from bot.catalog.schema import TEXTS, check_record
from bot.catalog.upkeep import NLU_FIELDS, STALE_KEY, apply_values
from bot.db.models import (
    BudgetLine,
    CatalogChange,
    CatalogMeta,
    Facility,
    Program,
    Team,
    program_fields,
)
from bot.db.models import Field as FieldRow
from bot.fields import FIELD_NAMES
from bot.recommend.criteria import problems as eligibility_problems

FIELD_CODES = tuple(FIELD_NAMES)
AREAS = ("startup", "sales", "talent", "tech", "hubs", "content")
BUDGET_KINDS = ("고유", "수탁", "고유/수탁")
PROGRAM_TEXTS = tuple(
    f"{key}{suffix}" for key in TEXTS["programs"] if key != "name" for suffix in ("", "_en")
)


class CatalogError(ValueError):
    """The catalogue files are inconsistent; ``problems`` lists every issue found."""

    def __init__(self, problems: list[str]):
        super().__init__("catalogue is invalid:\n  - " + "\n  - ".join(problems))
        self.problems = problems


@dataclass
class Catalog:
    """The parsed catalogue, as plain dicts keyed like the YAML files."""

    fields: list[dict[str, Any]] = field(default_factory=list)
    teams: list[dict[str, Any]] = field(default_factory=list)
    facilities: list[dict[str, Any]] = field(default_factory=list)
    programs: list[dict[str, Any]] = field(default_factory=list)
    invest_topics: list[InvestTopic] = field(default_factory=list)
    """Served from the YAML at run time (``bot.catalog.invest_topics``); checked here."""
    eligibility: list[dict[str, Any]] = field(default_factory=list)
    """Who may apply to each program, from the report (``bot.recommend.criteria``)."""
    history: list[dict[str, Any]] = field(default_factory=list)
    """Staff edits already written to the YAML (``history.yml``, ``bizcall catalog export``)."""


def _read(path: Path, key: str) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh) or {}
    items = doc.get(key) or []
    if not isinstance(items, list):
        raise CatalogError([f"{path.name}: top-level '{key}' must be a list"])
    return items


def read_catalog(directory: Path) -> Catalog:
    """Parse and validate the YAML files in ``directory``.

    Raises:
        CatalogError: with every problem found, if the files are inconsistent.
    """
    cat = Catalog(
        fields=_read(directory / "fields.yml", "fields"),
        teams=_read(directory / "teams.yml", "teams"),
        facilities=_read(directory / "facilities.yml", "facilities"),
        programs=_read(directory / "programs.yml", "programs"),
        eligibility=_read(directory / "eligibility.yml", "programs"),
        history=_read(directory / "history.yml", "changes"),
    )
    cat.invest_topics, problems = read_topics(directory / INVEST_TOPICS_FILE)
    program_ids = {p.get("id") for p in cat.programs if isinstance(p, dict)}
    problems += [
        f"{INVEST_TOPICS_FILE} {t.id}: unknown program {pid!r}"
        for t in cat.invest_topics
        for pid in t.programs
        if pid not in program_ids
    ]
    problems += list(_validate(cat))
    problems += list(eligibility_problems(cat.eligibility, {str(i) for i in program_ids}))
    if not cat.programs:
        problems.append(f"{directory}/programs.yml: no programs")
    if problems:
        raise CatalogError(problems)
    return cat


def _dupes(ids: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    dup: set[str] = set()
    for i in ids:
        (dup if i in seen else seen).add(i)
    return dup


def _validate(cat: Catalog) -> Iterable[str]:
    for name, rows, key in (
        ("fields", cat.fields, "code"),
        ("teams", cat.teams, "id"),
        ("facilities", cat.facilities, "id"),
        ("programs", cat.programs, "id"),
    ):
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or not row.get(key) or not row.get("name"):
                yield f"{name}.yml entry #{i + 1}: needs '{key}' and 'name'"
            if isinstance(row, dict):
                yield from check_record(name, f"{name}.yml {row.get(key) or f'#{i + 1}'}", row)
        for d in sorted(_dupes(str(r.get(key)) for r in rows if isinstance(r, dict))):
            yield f"{name}.yml: duplicate {key} {d!r}"
    field_codes = {f["code"] for f in cat.fields} or set(FIELD_CODES)
    for code in sorted(field_codes - set(FIELD_CODES)):
        yield f"fields.yml: unknown field code {code!r}"
    team_names = {t.get("name") for t in cat.teams if isinstance(t, dict)}
    facility_ids = {f.get("id") for f in cat.facilities if isinstance(f, dict)}
    program_ids = {p.get("id") for p in cat.programs if isinstance(p, dict)}
    for fac in cat.facilities:
        if not isinstance(fac, dict):
            continue
        if fac.get("team") and team_names and fac["team"] not in team_names:
            yield f"facilities.yml {fac.get('id')}: unknown team {fac['team']!r}"
    for prog in cat.programs:
        if not isinstance(prog, dict) or not prog.get("id"):
            continue
        pid = prog.get("id")
        if prog.get("area") not in AREAS:
            yield f"programs.yml {pid}: area must be one of {', '.join(AREAS)}"
        if prog.get("parent") and prog["parent"] not in program_ids:
            yield f"programs.yml {pid}: unknown parent {prog['parent']!r}"
        if prog.get("parent") == pid:
            yield f"programs.yml {pid}: a program cannot be its own parent"
        for other in prog.get("budget_also") or []:
            if other not in program_ids or other == pid:
                yield f"programs.yml {pid}: budget_also names an unknown program {other!r}"
        if prog.get("as_of") is not None:
            try:
                _as_of(prog["as_of"])
            except ValueError:
                yield f"programs.yml {pid}: as_of must be a date (YYYY-MM-DD)"
        fields = prog.get("fields") or []
        if not fields:
            yield f"programs.yml {pid}: needs at least one consultation field"
        for code in fields:
            if code not in field_codes:
                yield f"programs.yml {pid}: unknown field {code!r}"
        if prog.get("team") and team_names and prog["team"] not in team_names:
            yield f"programs.yml {pid}: unknown team {prog['team']!r}"
        for place in prog.get("places") or []:
            if facility_ids and place not in facility_ids:
                yield f"programs.yml {pid}: unknown place {place!r}"
        for b in prog.get("budget") or []:
            if b.get("kind") not in BUDGET_KINDS or not isinstance(
                b.get("amount_thousand_krw"), int
            ):
                yield f"programs.yml {pid}: budget lines need an integer amount and kind 고유/수탁"
        for key in ("aliases", "target_groups"):
            if not isinstance(prog.get(key) or [], list):
                yield f"programs.yml {pid}: {key} must be a list"


def _source(row: dict[str, Any]) -> dict[str, Any]:
    """The record's pointer into the report as model columns (section, lines, note)."""
    src = row.get("source") or {}
    lines = src.get("lines")
    return {
        "source_section": src.get("section"),
        "source_lines": str(lines) if lines is not None else None,
        "source_note": _text(src.get("note")),
    }


def _as_of(value: Any) -> date | None:
    """A record's ``as_of`` (YAML reads ``2026-12-01`` as a date already)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def load_catalog(cat: Catalog, *, session: Session) -> dict[str, int]:
    """Replace the catalogue tables' content with ``cat`` in the caller's transaction.

    Loading is a full replace, so it is idempotent and a record removed from the
    files disappears from the database. The catalogue's version (``catalog_meta``) is
    written with the rows (staff edits, ``bot.catalog.upkeep``, write a new one too): the
    search index is rebuilt when that version changes. Staff edits not yet exported to the
    files are applied again on top of them, so a reload never loses an edit.

    Returns:
        How many rows of each kind were loaded.
    """
    for table in (BudgetLine.__table__, program_fields, Program.__table__, Facility.__table__):
        session.execute(delete(table))
    session.execute(delete(Team.__table__))
    session.execute(delete(FieldRow.__table__))
    session.flush()

    fields = {}
    for f in cat.fields:
        fields[f["code"]] = FieldRow(
            code=f["code"],
            name=f["name"],
            name_en=f.get("name_en") or f["code"],
            description=_text(f.get("description")),
            description_en=_text(f.get("description_en")),
            keywords=list(f.get("keywords") or []),
            keywords_en=list(f.get("keywords_en") or []),
        )
    for code in FIELD_CODES:  # programs may refer to a field even before fields.yml exists
        fields.setdefault(
            code,
            FieldRow(code=code, name=FIELD_NAMES[code], name_en=code, keywords=[], keywords_en=[]),
        )
    session.add_all(fields.values())

    team_ids: dict[str, str] = {}
    for t in cat.teams:
        team_ids[t["name"]] = t["id"]
        functions_en = t.get("functions_en")
        session.add(
            Team(
                id=t["id"],
                name=t["name"],
                name_en=_text(t.get("name_en")),
                division=_text(t.get("division")),
                division_en=_text(t.get("division_en")),
                functions=list(t.get("functions") or []),
                functions_en=[str(f) for f in functions_en] if functions_en else None,
                **_source(t),
            )
        )
    session.flush()

    for fac in cat.facilities:
        session.add(
            Facility(
                id=fac["id"],
                name=fac["name"],
                name_en=_text(fac.get("name_en")),
                aliases=list(fac.get("aliases") or []),
                kind=_text(fac.get("kind")),
                kind_en=_text(fac.get("kind_en")),
                address=_text(fac.get("address")),
                address_en=_text(fac.get("address_en")),
                district=_text(fac.get("district")),
                size=_text(fac.get("size")),
                size_en=_text(fac.get("size_en")),
                contents=_text(fac.get("contents")),
                contents_en=_text(fac.get("contents_en")),
                opened=_text(fac.get("opened")),
                ownership=_text(fac.get("ownership")),
                team_id=team_ids.get(fac.get("team") or ""),
                as_of=_as_of(fac.get("as_of")),
                **_source(fac),
            )
        )

    criteria = {str(row["id"]): dict(row) for row in cat.eligibility}
    for p in _parents_first(cat.programs):
        session.add(
            Program(
                eligibility=_json_safe(criteria.get(p["id"])),
                id=p["id"],
                name=p["name"],
                name_en=_text(p.get("name_en")),
                aliases=[str(a) for a in p.get("aliases") or []],
                area=p["area"],
                parent_id=p.get("parent") or None,
                target_groups=list(p.get("target_groups") or []),
                **{key: _text(p.get(key)) for key in PROGRAM_TEXTS},
                team_id=team_ids.get(p.get("team") or ""),
                places=list(p.get("places") or []),
                **_source(p),
                as_of=_as_of(p.get("as_of")),
                budget_also=list(p.get("budget_also") or []) or None,
                fields=[fields[c] for c in p.get("fields") or []],
                budget_lines=[
                    BudgetLine(
                        line=b["line"],
                        line_en=_text(b.get("line_en")),
                        amount_thousand_krw=b["amount_thousand_krw"],
                        kind=b["kind"],
                    )
                    for b in p.get("budget") or []
                ],
            )
        )
    pending = _restore_changes(cat.history, session=session)
    version = catalog_version(cat)
    if pending:
        version = hashlib.sha256(f"{version}+{'+'.join(pending)}".encode()).hexdigest()
    session.merge(CatalogMeta(key="version", value=version))
    if not any(NLU_FIELDS & set(c.changes) for c in _unexported(session=session)):
        session.execute(delete(CatalogMeta.__table__).where(CatalogMeta.key == STALE_KEY))
    session.flush()
    return {
        "fields": len(fields),
        "teams": len(cat.teams),
        "facilities": len(cat.facilities),
        "programs": len(cat.programs),
        "investor topics": len(cat.invest_topics),
    }


def _json_safe(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """``row`` as JSON stores it (YAML dates and numbers become plain values)."""
    return None if row is None else json.loads(json.dumps(row, default=str))


def _unexported(*, session: Session) -> list[CatalogChange]:
    return list(
        session.scalars(
            select(CatalogChange)
            .where(CatalogChange.exported.is_(False))
            .order_by(CatalogChange.id)
        )
    )


def _restore_changes(history: list[dict[str, Any]], *, session: Session) -> list[str]:
    """Record the exported history; re-apply edits made since the last export.

    Returns:
        The refs of the re-applied changes.
    """
    known = set(session.scalars(select(CatalogChange.ref)))
    for entry in history:
        if entry.get("ref") in known:
            continue
        changed_at = entry["changed_at"]
        session.add(
            CatalogChange(
                ref=str(entry["ref"]),
                record_kind=entry["kind"],
                record_id=entry["record"],
                changed_at=changed_at
                if isinstance(changed_at, datetime)
                else datetime.fromisoformat(str(changed_at)),
                as_of=_as_of(entry["as_of"]),
                author=str(entry.get("author") or ""),
                note=str(entry.get("note") or ""),
                exported=True,
                changes={k: [v.get("old"), v.get("new")] for k, v in entry["changes"].items()},
            )
        )
    session.flush()
    models = {"program": Program, "facility": Facility}
    applied = []
    for change in _unexported(session=session):
        record = session.get(models[change.record_kind], change.record_id)
        if record is None:  # removed from the files since; the history keeps the edit
            continue
        apply_values(record, {k: pair[1] for k, pair in change.changes.items()}, session=session)
        record.as_of = change.as_of
        applied.append(change.ref)
    session.flush()
    return applied


def catalog_version(cat: Catalog) -> str:
    """A digest of everything ``load_catalog`` writes: equal content, equal version."""
    content = {
        "fields": cat.fields,
        "teams": cat.teams,
        "facilities": cat.facilities,
        "programs": cat.programs,
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()


def _parents_first(programs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order programs so every parent is inserted before its children (FKs are immediate)."""
    by_id = {p["id"]: p for p in programs}
    ordered: list[dict[str, Any]] = []
    done: set[str] = set()

    def visit(p: dict[str, Any], depth: int = 0) -> None:
        if p["id"] in done or depth > len(programs):
            return
        parent = by_id.get(p.get("parent") or "")
        if parent is not None:
            visit(parent, depth + 1)
        done.add(p["id"])
        ordered.append(p)

    for p in programs:
        visit(p)
    return ordered
