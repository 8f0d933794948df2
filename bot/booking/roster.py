"""Read, validate and load the expert roster (catalog/experts.yml).

Like the catalogue, the roster is a reviewed file and the source of truth, so validation
is strict and reports every problem at once, naming the expert. Loading replaces the
roster, but never at the expense of a booking: an expert who left the file but still has
bookings stays in the database, marked inactive (no new bookings, old ones intact).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, Final

import yaml
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.booking.calendar import (
    WEEKDAYS,
    Interval,
    format_interval,
    on_grid,
    parse_clock,
    parse_interval,
)
from bot.booking.channels import CHANNELS
from bot.booking.status import LIVE_STATUSES
from bot.catalog.loader import CatalogError
from bot.db.models import Booking, ClosedDay, ConsultationLength, Expert, ExpertField
from bot.fields import FIELD_NAMES

DEFAULT_MINUTES: Final = 50
"""Consultation length when the roster names none for a field (or is not loaded)."""
MINUTES_RANGE: Final = (10, 240)
TITLES: Final[dict[str, str]] = {
    "변호사": "attorney",
    "공인노무사": "certified labor attorney",
    "세무사": "certified tax accountant",
    "공인회계사": "certified public accountant",
    "변리사": "patent attorney",
    "관세사": "licensed customs broker",
    "경영지도사": "certified management consultant",
    "국제무역사": "international trade specialist",
    "창업보육매니저": "startup incubation manager",
    "투자심사역": "investment analyst",
    "마케팅전문가": "marketing consultant",
}
"""Professional titles the roster may use → English, for English notifications."""

_ID: Final = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_EXPERT_KEYS: Final = {"id", "name", "name_en", "title", "fields", "channels", "hours", "time_off"}


class RosterError(CatalogError):
    """experts.yml is invalid; ``problems`` lists every issue found."""

    def __init__(self, problems: list[str]):
        super().__init__(problems)
        self.args = ("expert roster is invalid:\n  - " + "\n  - ".join(problems),)


@dataclass(frozen=True)
class ExpertSpec:
    """One expert as the booking rules see it (from the file or from the database)."""

    id: str
    name: str
    name_en: str | None
    """The name English replies use; None where the roster gives only the Korean one."""
    title: str
    fields: tuple[str, ...]
    channels: tuple[str, ...]
    hours: Mapping[int, tuple[Interval, ...]]
    """Weekday (0 = Monday) → sorted, non-overlapping working intervals."""
    time_off: tuple[tuple[datetime, datetime], ...] = ()
    """Naive KST ``[start, end)`` ranges."""
    active: bool = True

    def serves(self, field_code: str, channel: str) -> bool:
        """True if the expert takes consultations of ``field_code`` through ``channel``."""
        return self.active and field_code in self.fields and channel in self.channels

    def hours_text(self) -> dict[str, list[str]]:
        """Hours in the file's shape: ``{"mon": ["09:00-12:00"], ...}``."""
        return {
            WEEKDAYS[d]: [format_interval(i) for i in ivs]
            for d, ivs in sorted(self.hours.items())
            if ivs
        }


@dataclass(frozen=True)
class Roster:
    """A validated roster."""

    experts: tuple[ExpertSpec, ...]
    minutes: Mapping[str, int] = field(default_factory=dict)
    """Every field code → consultation minutes (the file's default filled in)."""
    closed_days: Mapping[date, str] = field(default_factory=dict)


def read_roster(path: Path) -> Roster:
    """Parse and validate ``path`` (catalog/experts.yml).

    Raises:
        RosterError: with every problem found.
    """
    try:
        with path.open(encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise RosterError([f"{path.name}: cannot read: {exc}"]) from exc
    return parse_roster(doc, source=path.name)


def parse_roster(doc: Any, *, source: str = "experts.yml") -> Roster:
    """Validate a parsed roster document (the YAML as Python objects).

    Raises:
        RosterError: with every problem found, each naming the expert.
    """
    problems: list[str] = []
    if not isinstance(doc, dict):
        raise RosterError([f"{source}: must be a mapping with 'experts'"])
    for key in sorted(set(doc) - {"experts", "consultation_minutes", "closed_days"}):
        problems.append(f"{source}: unknown top-level key {key!r}")
    minutes = _minutes(doc.get("consultation_minutes"), source, problems)
    closed = _closed_days(doc.get("closed_days"), source, problems)
    items = doc.get("experts")
    if not isinstance(items, list) or not items:
        problems.append(f"{source}: 'experts' must be a non-empty list")
        items = []
    experts = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        where = f"{source} expert #{number}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            where = f"{source} {item['id']}"
            if item["id"] in seen:
                problems.append(f"{where}: duplicate id")
            seen.add(item["id"])
        spec = _expert(item, where, minutes, problems)
        if spec is not None:
            experts.append(spec)
    if problems:
        raise RosterError(problems)
    return Roster(experts=tuple(experts), minutes=minutes, closed_days=closed)


def _minutes(raw: Any, source: str, problems: list[str]) -> dict[str, int]:
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        problems.append(f"{source}: consultation_minutes must be a mapping")
        raw = {}
    lo, hi = MINUTES_RANGE
    for key, value in raw.items():
        if key != "default" and key not in FIELD_NAMES:
            problems.append(f"{source}: consultation_minutes has unknown field {key!r}")
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            problems.append(f"{source}: consultation_minutes.{key} must be {lo}..{hi} minutes")
    default = raw.get("default", DEFAULT_MINUTES)
    default = default if isinstance(default, int) else DEFAULT_MINUTES
    return {
        code: v if isinstance(v := raw.get(code, default), int) else default for code in FIELD_NAMES
    }


def _closed_days(raw: Any, source: str, problems: list[str]) -> dict[date, str]:
    closed: dict[date, str] = {}
    for item in raw or []:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("date"), date)
            or not str(item.get("name") or "").strip()
        ):
            problems.append(f"{source}: closed_days entries need a date (YYYY-MM-DD) and a name")
            continue
        if item["date"] in closed:
            problems.append(f"{source}: closed day {item['date']} listed twice")
        closed[item["date"]] = str(item["name"]).strip()
    return closed


def _codes(
    raw: Any, known: Iterable[str], what: str, where: str, problems: list[str]
) -> tuple[str, ...]:
    known = set(known)
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: needs a non-empty list of {what}")
        return ()
    for code in raw:
        if code not in known:
            problems.append(
                f"{where}: unknown {what[:-1]} {code!r} " f"(one of {', '.join(sorted(known))})"
            )
    if len(set(raw)) != len(raw):
        problems.append(f"{where}: {what} listed twice")
    return tuple(sorted({str(c) for c in raw if c in known}))


def _expert(
    item: Any, where: str, minutes: Mapping[str, int], problems: list[str]
) -> ExpertSpec | None:
    if not isinstance(item, dict):
        problems.append(f"{where}: must be a mapping")
        return None
    before = len(problems)
    for key in sorted(set(item) - _EXPERT_KEYS):
        problems.append(f"{where}: unknown key {key!r}")
    eid = item.get("id")
    if not isinstance(eid, str) or not _ID.match(eid):
        problems.append(f"{where}: id must be lower-case letters, digits and dashes")
    name = str(item.get("name") or "").strip()
    if not name:
        problems.append(f"{where}: needs a name")
    title = item.get("title")
    if title not in TITLES:
        problems.append(f"{where}: unknown title {title!r} (one of {', '.join(TITLES)})")
    fields = _codes(item.get("fields"), FIELD_NAMES, "fields", where, problems)
    channels = _codes(item.get("channels"), CHANNELS, "channels", where, problems)
    longest = max((minutes.get(f, DEFAULT_MINUTES) for f in fields), default=DEFAULT_MINUTES)
    hours = _hours(item.get("hours"), where, longest, problems)
    raw_off = item.get("time_off") or []
    if not isinstance(raw_off, list):
        problems.append(f"{where}: time_off must be a list")
        raw_off = []
    time_off = [r for r in (_time_off(t, where, problems) for t in raw_off) if r is not None]
    if len(problems) > before:
        return None
    return ExpertSpec(
        id=str(eid),
        name=name,
        name_en=(str(item["name_en"]).strip() if item.get("name_en") else None),
        title=str(title),
        fields=fields,
        channels=channels,
        hours=hours,
        time_off=tuple(sorted(time_off)),
    )


def _weekdays(key: Any) -> list[int] | None:
    """``"mon"`` → [0]; ``"mon-fri"`` → [0..4]; None if not a weekday or range."""
    first, _, last = str(key).lower().partition("-")
    if first not in WEEKDAYS or (last and last not in WEEKDAYS):
        return None
    a, b = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
    return list(range(a, b + 1)) if a <= b else None


def _hours(
    raw: Any, where: str, longest: int, problems: list[str]
) -> dict[int, tuple[Interval, ...]]:
    if not isinstance(raw, dict) or not raw:
        problems.append(f'{where}: needs weekly hours, e.g. mon-fri: ["09:00-12:00"]')
        return {}
    hours: dict[int, tuple[Interval, ...]] = {}
    for key, value in raw.items():
        days = _weekdays(key)
        if days is None:
            problems.append(f"{where}: hours key {key!r} is not a weekday (mon..sun) or range")
            continue
        intervals = []
        for text in value if isinstance(value, list) else [value]:
            try:
                a, b = parse_interval(text)
            except ValueError as exc:
                problems.append(f"{where}: hours {key}: {exc}")
                continue
            if not (on_grid(a) and on_grid(b)):
                problems.append(f"{where}: hours {key}: {text} is not on the 30-minute grid")
            elif (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute) < longest:
                problems.append(
                    f"{where}: hours {key}: {text} is shorter than a "
                    f"{longest}-minute consultation"
                )
            intervals.append((a, b))
        intervals.sort()
        for (_, end), (start, _) in pairwise(intervals):
            if start < end:
                problems.append(f"{where}: hours {key}: intervals overlap at {start:%H:%M}")
        for day in days:
            if day in hours:
                problems.append(f"{where}: hours for {WEEKDAYS[day]} given twice")
            hours[day] = tuple(intervals)
    return hours


def _moment(text: str, *, end: bool, base: datetime | None = None) -> datetime:
    text = text.strip()
    if base is not None and len(text) == 5:  # "…..18:00": a time on the start's day
        return datetime.combine(base.date(), parse_clock(text))
    if len(text) == 10:
        day = date.fromisoformat(text)
        return datetime.combine(day + timedelta(days=1) if end else day, time(0))
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        raise ValueError("time off is Seoul wall-clock time; leave out the offset")
    return moment


def _time_off(raw: Any, where: str, problems: list[str]) -> tuple[datetime, datetime] | None:
    """A date (whole day), ``"A..B"`` of dates (inclusive) or ``"YYYY-MM-DD HH:MM..HH:MM"``."""
    try:
        if isinstance(raw, date) and not isinstance(raw, datetime):
            start = datetime.combine(raw, time(0))
            return start, start + timedelta(days=1)
        text = str(raw)
        first, sep, last = text.partition("..")
        start = _moment(first, end=False)
        stop = _moment(
            last if sep else first, end=True, base=start if len(first.strip()) > 10 else None
        )
    except ValueError as exc:
        problems.append(f"{where}: time_off {raw!r}: {exc}")
        return None
    if stop <= start:
        problems.append(f"{where}: time_off {raw!r} ends before it starts")
        return None
    return start, stop


def expert_spec(row: Expert) -> ExpertSpec:
    """The rules' view of an ``experts`` row (which stores the file's shapes as JSON)."""
    hours: dict[int, tuple[Interval, ...]] = {}
    for key, texts in (row.hours or {}).items():
        hours[WEEKDAYS.index(key)] = tuple(parse_interval(t) for t in texts)
    return ExpertSpec(
        id=row.id,
        name=row.name,
        name_en=row.name_en,
        title=row.title,
        fields=tuple(row.field_codes),
        channels=tuple(row.channels or ()),
        hours=hours,
        time_off=tuple(
            (datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in row.time_off or ()
        ),
        active=bool(row.active),
    )


def load_roster(roster: Roster, *, session: Session) -> dict[str, int]:
    """Replace the roster in the caller's transaction, keeping every booking valid.

    Experts in the file are inserted or updated (and active). Experts no longer in the
    file are deleted if no booking refers to them, otherwise kept and marked inactive —
    their bookings stand, and they get no new ones.

    Returns:
        Counts: ``experts`` loaded, ``inactive`` kept for bookings, ``deleted``,
        ``live_bookings_of_inactive`` (bookings staff may need to move), ``closed_days``.
    """
    existing = {e.id: e for e in session.scalars(select(Expert))}
    referenced = set(session.scalars(select(Booking.expert_id).distinct()))
    for spec in roster.experts:
        row = existing.get(spec.id) or Expert(id=spec.id)
        row.name, row.name_en, row.title = spec.name, spec.name_en, spec.title
        row.channels = list(spec.channels)
        row.hours = spec.hours_text()
        row.time_off = [[a.isoformat(), b.isoformat()] for a, b in spec.time_off]
        row.active = True
        keep = [r for r in row.field_rows if r.field_code in spec.fields]
        have = {r.field_code for r in keep}
        row.field_rows = keep + [ExpertField(field_code=c) for c in spec.fields if c not in have]
        session.add(row)
    wanted = {s.id for s in roster.experts}
    inactive = deleted = 0
    for eid, row in existing.items():
        if eid in wanted:
            continue
        if eid in referenced:
            row.active = False
            inactive += 1
        else:
            session.delete(row)
            deleted += 1
    session.execute(delete(ConsultationLength.__table__))
    session.execute(delete(ClosedDay.__table__))
    session.add_all(ConsultationLength(field_code=c, minutes=m) for c, m in roster.minutes.items())
    session.add_all(ClosedDay(day=d, name=n) for d, n in roster.closed_days.items())
    session.flush()
    orphaned = session.scalar(
        select(func.count())
        .select_from(Booking)
        .join(Expert)
        .where(Expert.active.is_(False), Booking.status.in_(LIVE_STATUSES))
    )
    return {
        "experts": len(roster.experts),
        "inactive": inactive,
        "deleted": deleted,
        "live_bookings_of_inactive": int(orphaned or 0),
        "closed_days": len(roster.closed_days),
    }
