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

Known limit: a form left open (the browser closed mid-booking) keeps its answers until
the conversation clears them; docs/console.md says so.
"""

from __future__ import annotations

import json
from typing import Any

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
                url, poolclass=QueuePool, pool_size=2, max_overflow=8,
                connect_args={"check_same_thread": False, "timeout": 30})
            sa_event.listen(self.engine, "connect", _fast_sqlite_commits)
            self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

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
                if (isinstance(event, SlotSet) and event.key in PERSONAL_SLOTS
                        and event.value is None):
                    cleared = True
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"), data=json.dumps(data)))
            session.commit()
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
        rows: list[Any] = list(session.query(table).filter(
            table.sender_id == sender_id, table.type_name.in_(("slot", "user", "bot")))
            .order_by(table.id).all())
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
                masked_data = {**data, "value": known.get(value, value)
                               if isinstance(value, str) else value}
            elif row.type_name == "slot":
                masked_data = mask_slot_event(data, known)
            else:
                masked_data = mask_message(data, known)
            if masked_data != data:
                row.data = json.dumps(masked_data)
        session.flush()


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
