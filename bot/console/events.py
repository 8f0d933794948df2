"""Reading Rasa's stored conversations: the ``events`` table of its SQL tracker store.

Rasa creates and writes this table itself (``tracker_store`` in the endpoints file that
``bizcall run`` writes); the console only reads it. Its shape is Rasa's public
``SQLTrackerStore`` schema: one row per event, ``data`` holding the event as JSON.
The table is described here on a metadata of its own, so Alembic never claims it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, func, inspect, select
from sqlalchemy.orm import Session

from bot.text import storable

EVENTS: Final = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)

FALLBACK_RESPONSES: Final = frozenset({"utter_default"})
FALLBACK_ACTIONS: Final = frozenset({"action_default_fallback"})


@dataclass(frozen=True)
class StoredEvent:
    """One row of Rasa's ``events`` table, its JSON decoded."""

    id: int
    type: str
    timestamp: float
    data: dict[str, Any]


@dataclass
class Message:
    """A user or bot message of a conversation, as staff see it."""

    event_id: int
    sender: str
    """``user``, ``bot`` or ``agent`` (a bot message an agent typed in the console)."""
    text: str
    timestamp: float
    agent: str | None = None
    intent: str | None = None
    buttons: list[str] = field(default_factory=list)


def has_events_table(*, session: Session) -> bool:
    """True once Rasa has created its table (it does so when its server first starts)."""
    found: bool = inspect(session.connection()).has_table("events")
    return found


def changed_conversations(after_id: int, *, session: Session) -> list[tuple[str, int]]:
    """``(sender_id, newest event id)`` of every conversation with events after ``after_id``."""
    rows = session.execute(
        select(EVENTS.c.sender_id, func.max(EVENTS.c.id))
        .where(EVENTS.c.id > after_id)
        .group_by(EVENTS.c.sender_id)
    ).all()
    return [(r[0], int(r[1])) for r in rows]


def conversation_events(
    sender_id: str, after_id: int = 0, *, session: Session
) -> list[StoredEvent]:
    """Every stored event of one conversation (all sessions), oldest first."""
    rows = session.execute(
        select(EVENTS.c.id, EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data)
        .where(EVENTS.c.sender_id == sender_id, EVENTS.c.id > after_id)
        .order_by(EVENTS.c.id)
    ).all()
    return [
        StoredEvent(
            id=r.id,
            type=r.type_name,
            timestamp=float(r.timestamp or 0.0),
            data=_clean(json.loads(r.data or "{}")),
        )
        for r in rows
    ]


def _clean(value: Any) -> Any:
    """Stored JSON with every string made encodable (a lone surrogate would fail the page)."""
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {storable(str(k)): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def is_payload(text: str) -> bool:
    """Button payloads ("/affirm", "/request_consultation{...}") are clicks, not questions."""
    return text.lstrip().startswith("/")


def messages(events: Sequence[StoredEvent]) -> list[Message]:
    """The user and bot messages of a conversation; agent messages marked as such."""
    out: list[Message] = []
    for e in events:
        if e.type == "user":
            intent = ((e.data.get("parse_data") or {}).get("intent") or {}).get("name")
            out.append(
                Message(
                    event_id=e.id,
                    sender="user",
                    text=e.data.get("text") or "",
                    timestamp=e.timestamp,
                    intent=intent,
                )
            )
        elif e.type == "bot":
            meta = e.data.get("metadata") or {}
            agent = meta.get("agent")
            buttons = [
                str(b.get("title", "")) for b in (e.data.get("data") or {}).get("buttons") or []
            ]
            out.append(
                Message(
                    event_id=e.id,
                    sender="agent" if agent else "bot",
                    text=e.data.get("text") or "",
                    timestamp=e.timestamp,
                    agent=agent,
                    buttons=buttons,
                )
            )
    return out


def latest_slots(events: Sequence[StoredEvent]) -> dict[str, Any]:
    """Slot values as of the last event (``slot`` events applied in order)."""
    slots: dict[str, Any] = {}
    for e in events:
        if e.type == "slot":
            slots[e.data.get("name", "")] = e.data.get("value")
    return slots


def input_channel(events: Sequence[StoredEvent]) -> str | None:
    """The channel of the latest user message (``socketio``, ``rest`` …)."""
    for e in reversed(events):
        if e.type == "user":
            return e.data.get("input_channel")
    return None


def ended_in_fallback(events: Sequence[StoredEvent]) -> bool:
    """True if the bot's reply to the latest user message was "I did not understand"."""
    last_user = max((i for i, e in enumerate(events) if e.type == "user"), default=None)
    if last_user is None:
        return False
    for e in events[last_user + 1 :]:
        if (
            e.type == "bot"
            and (e.data.get("metadata") or {}).get("utter_action") in FALLBACK_RESPONSES
        ):
            return True
        if e.type == "action" and e.data.get("name") in FALLBACK_ACTIONS:
            return True
    return False


def bot_replied(events: Sequence[StoredEvent]) -> bool:
    """True if a bot message follows the latest user message."""
    for e in reversed(events):
        if e.type in ("bot", "user"):
            return e.type == "bot"
    return False
