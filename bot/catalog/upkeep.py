"""Staff keep the catalogue current: checked edits, each with an as-of date, a note and a
place in the history; answers read the database, so an edit shows in the next answer.

An edit changes one program or facility. Every changed field is recorded old → new in a
``catalog_changes`` row with the date the new values hold from (``as_of``), a note saying
why (a new call for applications, a corrected figure) and the author, and the record's
``as_of`` moves to that date, so answers cite "2026년 12월 1일 SBA 담당자 확인" instead of
the 2022 report. A changed name or alias also changes what the NLU model must recognise:
the catalogue is then marked ``nlu_stale`` until the YAML is exported and the model
retrained (``make run`` retrains when ``catalog/`` changed). Functions take ``session``
and never open one; the unit of work is the caller's.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.catalog.schema import TEXTS
from bot.db.models import CatalogChange, CatalogMeta, Facility, Program, Team
from bot.text import clean

_PROGRAM_TEXTS: Final = TEXTS["programs"]
_FACILITY_TEXTS: Final = TEXTS["facilities"]
EDITABLE: Final[dict[str, frozenset[str]]] = {
    "program": frozenset(
        {*_PROGRAM_TEXTS, *(f"{k}_en" for k in _PROGRAM_TEXTS), "aliases", "target_groups", "team"}
    ),
    "facility": frozenset(
        {*_FACILITY_TEXTS, *(f"{k}_en" for k in _FACILITY_TEXTS), "aliases", "opened", "team"}
    ),
}
"""Fields an admin may change; ids, parents, budgets and sources stay as the report says."""
NLU_FIELDS: Final = frozenset({"name", "name_en", "aliases"})
"""Fields the NLU training data is generated from."""
REQUIRED: Final = frozenset({"name"})
MAX_TEXT: Final = 4000
MAX_NOTE: Final = 500
MAX_LIST: Final = 40
STALE_KEY: Final = "nlu_stale"


class EditError(ValueError):
    """The edit was refused; the message says why in Korean, fit to show as it is."""


@dataclass(frozen=True)
class EditResult:
    """The recorded change and whether the NLU model must be retrained."""

    change: dict[str, Any]
    nlu_stale: bool


def _model(kind: str) -> type[Program] | type[Facility]:
    if kind == "program":
        return Program
    if kind == "facility":
        return Facility
    raise EditError("program 또는 facility만 고칠 수 있습니다.")


def _text_value(field: str, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if field in REQUIRED:
            raise EditError(f"{field}는 비워 둘 수 없습니다.")
        return None
    if not isinstance(value, str):
        raise EditError(f"{field}는 문자열이어야 합니다.")
    text = clean(value).strip()
    if len(text) > MAX_TEXT:
        raise EditError(f"{field}는 {MAX_TEXT:,}자 이내로 적어 주세요.")
    if not text and field in REQUIRED:
        raise EditError(f"{field}는 비워 둘 수 없습니다.")
    return text or None


def _list_value(field: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EditError(f"{field}는 문자열 목록이어야 합니다.")
    items = [clean(v).strip() for v in value]
    items = list(dict.fromkeys(v for v in items if v))
    if len(items) > MAX_LIST or any(len(v) > 200 for v in items):
        raise EditError(f"{field}는 {MAX_LIST}개 이내, 항목당 200자 이내여야 합니다.")
    return items


def current_value(record: Program | Facility, field: str) -> Any:
    """A record's value of ``field`` as an edit compares it: the team by name, lists copied."""
    if field == "team":
        return record.team.name if record.team is not None else None
    value = getattr(record, field)
    return list(value) if isinstance(value, list) else value


def _parse(field: str, value: Any, *, session: Session) -> Any:
    if field in ("aliases", "target_groups"):
        return _list_value(field, value)
    if field == "team":
        name = _text_value(field, value)
        if name is not None and session.scalar(select(Team).where(Team.name == name)) is None:
            raise EditError(f"'{name}'이라는 팀이 카탈로그에 없습니다.")
        return name
    return _text_value(field, value)


def _check_meta(as_of: Any, note: Any, today: date) -> tuple[date, str]:
    try:
        day = as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of))
    except ValueError as exc:
        raise EditError("as_of는 YYYY-MM-DD 형식의 날짜여야 합니다.") from exc
    if day > today:
        raise EditError("as_of는 오늘이나 그 이전 날짜여야 합니다.")
    if not isinstance(note, str) or not clean(note).strip():
        raise EditError("무엇을 왜 고쳤는지 note에 적어 주세요.")
    text = clean(note).strip()
    if len(text) > MAX_NOTE:
        raise EditError(f"note는 {MAX_NOTE}자 이내로 적어 주세요.")
    return day, text


def edit_record(
    *,
    session: Session,
    kind: str,
    record_id: str,
    values: Any,
    as_of: Any,
    note: Any,
    author: str,
    now: datetime,
) -> EditResult:
    """Apply ``values`` to one record, record the change and bump the catalogue version.

    Raises:
        EditError: unknown record or field, a bad value, no actual change, a bad as-of
            date (not a date, or in the future) or an empty note.
        LookupError: no such record.
    """
    model = _model(kind)
    record = session.get(model, record_id)
    if record is None:
        raise LookupError(record_id)
    if not isinstance(values, dict) or not values:
        raise EditError("고칠 값을 values에 적어 주세요.")
    unknown = sorted(set(values) - EDITABLE[kind])
    if unknown:
        raise EditError(f"고칠 수 없는 항목입니다: {', '.join(unknown)}")
    day, text = _check_meta(as_of, note, now.date())
    diff: dict[str, list[Any]] = {}
    for field, raw in sorted(values.items()):
        new = _parse(field, raw, session=session)
        old = current_value(record, field)
        if new != old:
            diff[field] = [old, new]
    if not diff:
        raise EditError("바뀐 값이 없습니다.")
    apply_values(record, {field: pair[1] for field, pair in diff.items()}, session=session)
    record.as_of = day
    change = CatalogChange(
        ref=f"{now:%Y%m%d%H%M%S}-{secrets.token_hex(3)}",
        record_kind=kind,
        record_id=record_id,
        changed_at=now.replace(tzinfo=None),
        as_of=day,
        author=author,
        note=text,
        changes=diff,
        exported=False,
    )
    session.add(change)
    session.flush()
    stale = bool(NLU_FIELDS & set(diff))
    _bump_version(change.ref, stale, session=session)
    return EditResult(change=change_dict(change), nlu_stale=stale)


def apply_values(record: Program | Facility, values: dict[str, Any], *, session: Session) -> None:
    """Set already-checked ``values`` on ``record`` (``team`` by name)."""
    for field, value in values.items():
        if field == "team":
            team = session.scalar(select(Team).where(Team.name == value)) if value else None
            record.team_id = team.id if team is not None else None
            record.team = team
        else:
            setattr(record, field, list(value) if isinstance(value, list) else value)


def _bump_version(ref: str, stale: bool, *, session: Session) -> None:
    """A new catalogue version (search indexes rebuild); remember that the NLU is stale."""
    row = session.get(CatalogMeta, "version")
    old = row.value if row is not None else ""
    digest = hashlib.sha256(f"{old}+{ref}".encode()).hexdigest()
    session.merge(CatalogMeta(key="version", value=digest))
    if stale:
        session.merge(CatalogMeta(key=STALE_KEY, value=ref))


def nlu_stale(*, session: Session) -> str | None:
    """The change that made the NLU data stale (name or alias edit), if one did."""
    row = session.get(CatalogMeta, STALE_KEY)
    return row.value if row is not None else None


def change_dict(change: CatalogChange) -> dict[str, Any]:
    """A change as the API and ``history.yml`` show it."""
    return {
        "ref": change.ref,
        "kind": change.record_kind,
        "record": change.record_id,
        "changed_at": change.changed_at.isoformat(timespec="seconds"),
        "as_of": change.as_of.isoformat(),
        "author": change.author,
        "note": change.note,
        "changes": {
            field: {"old": pair[0], "new": pair[1]}
            for field, pair in sorted(change.changes.items())
        },
    }


def history(*, session: Session, kind: str, record_id: str) -> list[dict[str, Any]]:
    """Every change of one record, newest first.

    Raises:
        LookupError: no such record.
    """
    if session.get(_model(kind), record_id) is None:
        raise LookupError(record_id)
    rows = session.scalars(
        select(CatalogChange)
        .where(
            CatalogChange.record_kind == kind,
            CatalogChange.record_id == record_id,
        )
        .order_by(CatalogChange.changed_at.desc(), CatalogChange.id.desc())
    )
    return [change_dict(c) for c in rows]
