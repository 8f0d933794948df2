"""A long conversation is loaded as its newest events plus the state before them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.db.session import session_scope
from tests.console.conftest import parse


def _turn(tracker: DialogueStateTracker, said: str, answer: str) -> None:
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(said, parse_data=parse(said, "ask_program")))
    tracker.update(ActionExecuted("action_answer_program"))
    tracker.update(BotUttered(answer))


def _rows(url: str, sender: str) -> int:
    with session_scope(url) as session:
        return int(
            session.execute(
                text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}
            ).scalar_one()
        )


def _turns(tracker: DialogueStateTracker, said: str, answer: str, numbers: range) -> None:
    """One ``_turn`` per number: "``said`` n", answered "``answer`` n"."""
    for n in numbers:
        _turn(tracker, f"{said} {n}", f"{answer} {n}")


@pytest.fixture()
def store(console_db: str, rasa_domain: Any) -> Iterator[Any]:
    """Rasa's (redacting) SQL tracker store on the console database, as the server runs it."""
    from bot.tracker_store import RedactingSQLTrackerStore

    store = RedactingSQLTrackerStore(domain=rasa_domain, host=console_db)
    yield store
    store.engine.dispose()


@pytest.fixture()
def conversation(rasa_domain: Any) -> Callable[..., DialogueStateTracker]:
    """A new tracker for ``sender`` with ``events`` already applied."""

    def make(sender: str, *events: Event) -> DialogueStateTracker:
        tracker = DialogueStateTracker(sender, rasa_domain.slots)
        for event in events:
            tracker.update(event)
        return tracker

    return make


async def test_a_long_conversation_keeps_its_state_and_loads_a_bounded_window(
    console_db: str, store: Any, conversation: Callable[..., DialogueStateTracker]
) -> None:
    tracker = conversation(
        "long",
        SlotSet("language", "en"),
        SlotSet("program", "startup-hub"),
        ActiveLoop("booking_form"),
        SlotSet("requested_slot", "contact_name"),
    )
    _turns(tracker, "question", "answer", range(60))
    tracker.update(SlotSet("program", "youth-job-academy"))
    _turns(tracker, "question", "answer", range(60, 80))
    await store.save(tracker)
    assert _rows(console_db, "long") == 4 + 80 * 4 + 1

    loaded = await store.retrieve("long")
    assert len(loaded.events) < 130
    assert loaded.get_slot("language") == "en"
    assert loaded.get_slot("program") == "youth-job-academy"
    assert loaded.get_slot("requested_slot") == "contact_name"
    assert loaded.active_loop_name == "booking_form"
    assert loaded.latest_message.text == "question 79"
    assert loaded.latest_bot_utterance.text == "answer 79"

    # The next turn appends exactly its own four events.
    _turn(loaded, "question 80", "answer 80")
    await store.save(loaded)
    assert _rows(console_db, "long") == 4 + 81 * 4 + 1
    again = await store.retrieve("long")
    assert again.latest_message.text == "question 80"
    assert again.get_slot("program") == "youth-job-academy"
    full = await store.retrieve_full_tracker("long")
    assert len(full.events) == 4 + 81 * 4 + 1


async def test_a_finished_form_and_a_slot_reset_before_the_window_stay_finished(
    store: Any, conversation: Callable[..., DialogueStateTracker]
) -> None:
    tracker = conversation(
        "reset",
        SlotSet("program", "startup-hub"),
        ActiveLoop("booking_form"),
        ActiveLoop(None),
        AllSlotsReset(),
        SlotSet("language", "ko"),
    )
    _turns(tracker, "질문", "답", range(50))
    await store.save(tracker)

    loaded = await store.retrieve("reset")
    assert len(loaded.events) < 130
    assert loaded.active_loop_name is None
    assert loaded.get_slot("program") is None
    assert loaded.get_slot("language") == "ko"


async def test_a_short_conversation_is_loaded_whole(
    console_db: str, store: Any, conversation: Callable[..., DialogueStateTracker]
) -> None:
    tracker = conversation("short")
    _turns(tracker, "질문", "답", range(5))
    await store.save(tracker)
    loaded = await store.retrieve("short")
    assert len(loaded.events) == 20
    _turn(loaded, "질문 5", "답 5")
    await store.save(loaded)
    assert _rows(console_db, "short") == 24


async def test_a_conversation_handed_to_staff_long_ago_stays_paused(
    store: Any, conversation: Callable[..., DialogueStateTracker]
) -> None:
    from rasa.shared.core.events import ConversationPaused, ConversationResumed

    handed_over = (ActiveLoop("booking_form"), ActiveLoop(None), ConversationPaused())
    paused = conversation("paused", *handed_over)
    resumed = conversation("resumed", *handed_over, ConversationResumed())
    for tracker in (paused, resumed):
        _turns(tracker, "상담원님", "답", range(50))
        await store.save(tracker)
    assert (await store.retrieve("paused")).is_paused()
    assert not (await store.retrieve("resumed")).is_paused()
    assert (await store.retrieve("resumed")).active_loop_name is None
