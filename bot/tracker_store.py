"""Rasa's SQL tracker store, with personal data masked before it rests in the database.

The console reads conversations from the tracker store's ``events`` table, so it lives in
our database. Stored as Rasa writes them, those rows would keep every phone number,
사업자등록번호, email and name typed into the booking form — including forms the user
abandoned after being told "입력하신 정보는 저장하지 않았습니다". So this store:

* masks phone numbers, 사업자등록번호 and emails in every user and bot message as it is
  written (``bot.privacy.mask_text``); slots are rebuilt from slot events, never from
  message text, so the conversation works the same;
* keeps a personal slot's value while the form still needs it (Rasa rebuilds the tracker
  from these rows on every message), and as soon as the form's slots are cleared — after
  the booking is saved or abandoned — masks the stored values and every message that
  repeats them (a name typed as an answer is not recognisable as a name on its own).

On SQLite it also writes with ``synchronous=NORMAL`` (WAL mode, which the database already
uses): a commit no longer waits for the disk to flush the log on every turn, which was an
eighth of the Rasa process's time under load (docs/performance.md). A killed process
loses nothing committed; only a power cut can lose the last turns, never corrupt the file.
Bookings and the catalogue are written through ``bot.db``, which keeps the default
``FULL``.

A turn's cost does not grow with the conversation: ``retrieve`` loads only the newest
``WINDOW`` events of the session (cut where the bot last listened), preceded by each slot's
value and the active form at the cut, read with two indexed queries instead of replaying the
whole history. The policies look a few turns back and the actions read slots and the last
messages, so they decide as before; the database keeps every event, and the console and
``retrieve_full_tracker`` read them all. ``save`` writes the events the tracker gained since
it was loaded.

Known limit: a form left open (the browser closed mid-booking) keeps its answers until
the conversation clears them; docs/console.md says so.
"""

from __future__ import annotations

import json
from typing import Any, Final

import sqlalchemy as sa
import sqlalchemy.orm
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import event as sa_event
from sqlalchemy.pool import QueuePool

from bot.console.redaction import (
    PERSONAL_SLOTS,
    mask_message,
    mask_slot_event,
    rejected_answer_mask,
)

WINDOW: Final = 120
"""Newest events of a session loaded per turn (about 15 turns: rules and memoisation look
back at most 5; ``bot.button_answers`` reads the last bot message)."""

_STATE_EVENTS: Final = ("slot", "active_loop", "pause", "resume")
"""Events whose effect lasts: slot values, the active form, a handoff's pause."""
_LAST_ONLY: Final = (frozenset({"active_loop"}), frozenset({"pause", "resume"}))
_STORED: Final = "_bizcall_stored_events"
"""Attribute set on a retrieved tracker: how many of its events are already in the database
(or stand for rows there), so ``save`` appends exactly the events gained since. (Trackers
define ``__eq__`` without ``__hash__``, so they cannot key a weak dictionary.)"""


class RedactingSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that masks personal data at rest (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Rasa's store; on SQLite, pooled connections that commit without a disk flush.

        Rasa builds its SQLite engine without a pool (SQLAlchemy 1.4's default for a file),
        so every retrieve and save opened a new connection; a small pool keeps them.
        """
        super().__init__(*args, **kwargs)
        engine: Any = self.engine  # type: ignore[has-type]
        if engine.dialect.name == "sqlite":
            url = engine.url
            engine.dispose()
            self.engine = sa.create_engine(
                url,
                poolclass=QueuePool,
                pool_size=2,
                max_overflow=8,
                connect_args={"check_same_thread": False, "timeout": 30},
            )
            sa_event.listen(self.engine, "connect", _fast_sqlite_commits)
            self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """The session's tracker from its newest ``WINDOW`` events and the state at the cut."""
        if fetch_events_from_all_sessions or not self.domain:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        table = self.SQLEvent
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
            rows = list(
                reversed(query.order_by(None).order_by(table.id.desc()).limit(WINDOW).all())
            )
            if len(rows) < WINDOW:  # the whole session
                events = [json.loads(row.data) for row in rows]
            else:
                start = _cut(rows)
                if start is None:  # no turn boundary in the window: replay everything
                    return await super()._retrieve(sender_id, False)
                events = self._state_at(query, rows[start].id) + [
                    json.loads(row.data) for row in rows[start:]
                ]
        if not events:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        setattr(tracker, _STORED, len(tracker.events))
        return tracker

    def _state_at(self, query: Any, cut: int) -> list[dict[str, Any]]:
        """Each slot's last value, the active form and a pause (a conversation handed to
        staff) before row ``cut``, as event dicts.

        Only events after the last restart or slot reset count, as they would in a replay.
        """
        table = self.SQLEvent
        before = query.order_by(None).filter(table.id < cut)
        reset = (
            before.filter(table.type_name.in_(("restart", "reset_slots")))
            .with_entities(sa.func.max(table.id))
            .scalar()
            or 0
        )
        latest = (
            before.filter(table.id > reset, table.type_name.in_(_STATE_EVENTS))
            .with_entities(sa.func.max(table.id))
            .group_by(table.type_name, table.action_name)
        )
        ids = [row_id for (row_id,) in latest.all()]
        picked = query.order_by(None).filter(table.id.in_(ids)).order_by(table.id).all()
        # Of the forms, and of pause/resume, only the very last event counts.
        last = {
            kinds: max((r.id for r in picked if r.type_name in kinds), default=None)
            for kinds in _LAST_ONLY
        }
        state: list[dict[str, Any]] = []
        for row in picked:
            group = next((kinds for kinds in _LAST_ONLY if row.type_name in kinds), None)
            if group is None or (row.id == last[group] and row.type_name != "resume"):
                state.append(json.loads(row.data))
        return state

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Any:
        """The events gained since ``_retrieve`` (Rasa counts rows, which a window breaks)."""
        stored = getattr(tracker, _STORED, None)
        if stored is None:
            return super()._additional_events(session, tracker)
        return list(tracker.events)[stored:]

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events masked; redact settled form answers once they are cleared."""
        await self.stream_events(tracker)
        cleared = False
        with self.session_scope() as session:
            known = _known_values(tracker)
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                if event.type_name in ("user", "bot"):
                    data = mask_message(data, known)
                elif event.type_name == "slot":
                    data = mask_slot_event(data)
                if (
                    isinstance(event, SlotSet)
                    and event.key in PERSONAL_SLOTS
                    and event.value is None
                ):
                    cleared = True
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {})
                        .get("intent", {})
                        .get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
            if hasattr(tracker, _STORED):
                setattr(tracker, _STORED, len(tracker.events))
            if cleared and not any(tracker.get_slot(name) for name in PERSONAL_SLOTS):
                self._redact(session, tracker.sender_id)
                session.commit()

    def _redact(self, session: Any, sender_id: str) -> None:
        """Mask stored personal slot values and refused answers, wherever they are repeated.

        A refused answer (a slot candidate the form set back to None) may be anything the
        user typed at the wrong question — a name when the time was asked — so it is
        masked too, and so is every message, slot and metadata value that repeats it.
        """
        table = self.SQLEvent
        rows: list[Any] = list(
            session.query(table)
            .filter(table.sender_id == sender_id, table.type_name.in_(("slot", "user", "bot")))
            .order_by(table.id)
            .all()
        )
        known: dict[str, str] = {}
        for data in _refused_candidates(rows):
            value = data.get("value")
            if isinstance(value, str) and len(value.strip()) >= 3:  # not "네", "취소"
                known[value] = rejected_answer_mask(value)
        for row in rows:
            data = json.loads(row.data)
            if row.type_name == "slot" and data.get("name") in PERSONAL_SLOTS:
                value = data.get("value")
                if isinstance(value, str) and value and "*" not in value:
                    masked = PERSONAL_SLOTS[data["name"]](value)
                    if len(value) >= 2 and masked != value:
                        known[value] = masked
        for row in rows:
            data = json.loads(row.data)
            if row.type_name == "slot" and data.get("name") in PERSONAL_SLOTS:
                value = data.get("value")
                masked_data = {
                    **data,
                    "value": known.get(value, value) if isinstance(value, str) else value,
                }
            elif row.type_name == "slot":
                masked_data = mask_slot_event(data, known)
            else:
                masked_data = mask_message(data, known)
            if masked_data != data:
                row.data = json.dumps(masked_data)
        session.flush()


def _cut(rows: list[Any]) -> int | None:
    """Index of the first ``action_listen`` in ``rows``: the window starts at a whole turn."""
    return next(
        (
            i
            for i, row in enumerate(rows)
            if row.type_name == "action" and row.action_name == "action_listen"
        ),
        None,
    )


def _fast_sqlite_commits(dbapi_conn: Any, _record: Any) -> None:
    """WAL with ``synchronous=NORMAL``: durable across crashes, flushed at checkpoints."""
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _known_values(tracker: DialogueStateTracker) -> dict[str, str]:
    """The personal values the form holds now, and their masked forms (for bot messages)."""
    known = {}
    for name, mask in PERSONAL_SLOTS.items():
        value = tracker.get_slot(name)
        if isinstance(value, str) and len(value) >= 2 and "*" not in value:
            masked = mask(value)
            if masked != value:
                known[value] = masked
    return known


def _refused_candidates(rows: list[Any]) -> list[dict[str, Any]]:
    """Slot events holding what the user typed that the form then set back to None.

    A ``from_text`` candidate is the turn's text itself; one refused in the same turn was
    typed at the wrong question (a name when the time was asked). Values the validators
    produced ("yes", "labor") and later resets are not refusals.
    """
    refused = []
    typed = ""
    pending: dict[str, dict[str, Any]] = {}
    for row in rows:
        data = json.loads(row.data)
        if row.type_name == "user":
            typed, pending = str(data.get("text") or ""), {}
            continue
        if row.type_name != "slot":
            continue
        name, value = data.get("name"), data.get("value")
        if value is None and name in pending:
            refused.append(pending.pop(name))
        elif isinstance(value, str) and value == typed:
            pending[name] = data
        else:
            pending.pop(name, None)
    return refused
