"""A long conversation is loaded as its newest events plus the state before them."""

from __future__ import annotations

from typing import Any

from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
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


async def _store(console_db: str, rasa_domain: Any) -> Any:
    from bot.tracker_store import RedactingSQLTrackerStore

    return RedactingSQLTrackerStore(domain=rasa_domain, host=console_db)


async def test_a_long_conversation_keeps_its_state_and_loads_a_bounded_window(
    console_db: str,
    rasa_domain: Any,
) -> None:
    store = await _store(console_db, rasa_domain)
    tracker = DialogueStateTracker("long", rasa_domain.slots)
    tracker.update(SlotSet("language", "en"))
    tracker.update(SlotSet("program", "startup-hub"))
    tracker.update(ActiveLoop("booking_form"))
    tracker.update(SlotSet("requested_slot", "contact_name"))
    for n in range(60):
        _turn(tracker, f"question {n}", f"answer {n}")
    tracker.update(SlotSet("program", "youth-job-academy"))
    for n in range(60, 80):
        _turn(tracker, f"question {n}", f"answer {n}")
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
    store.engine.dispose()


async def test_a_finished_form_and_a_slot_reset_before_the_window_stay_finished(
    console_db: str,
    rasa_domain: Any,
) -> None:
    store = await _store(console_db, rasa_domain)
    tracker = DialogueStateTracker("reset", rasa_domain.slots)
    tracker.update(SlotSet("program", "startup-hub"))
    tracker.update(ActiveLoop("booking_form"))
    tracker.update(ActiveLoop(None))
    tracker.update(AllSlotsReset())
    tracker.update(SlotSet("language", "ko"))
    for n in range(50):
        _turn(tracker, f"질문 {n}", f"답 {n}")
    await store.save(tracker)

    loaded = await store.retrieve("reset")
    assert len(loaded.events) < 130
    assert loaded.active_loop_name is None
    assert loaded.get_slot("program") is None
    assert loaded.get_slot("language") == "ko"
    store.engine.dispose()


async def test_a_short_conversation_is_loaded_whole(console_db: str, rasa_domain: Any) -> None:
    store = await _store(console_db, rasa_domain)
    tracker = DialogueStateTracker("short", rasa_domain.slots)
    for n in range(5):
        _turn(tracker, f"질문 {n}", f"답 {n}")
    await store.save(tracker)
    loaded = await store.retrieve("short")
    assert len(loaded.events) == 20
    _turn(loaded, "질문 5", "답 5")
    await store.save(loaded)
    assert _rows(console_db, "short") == 24
    store.engine.dispose()


async def test_a_conversation_handed_to_staff_long_ago_stays_paused(
    console_db: str,
    rasa_domain: Any,
) -> None:
    from rasa.shared.core.events import ConversationPaused, ConversationResumed

    store = await _store(console_db, rasa_domain)
    paused = DialogueStateTracker("paused", rasa_domain.slots)
    resumed = DialogueStateTracker("resumed", rasa_domain.slots)
    for tracker in (paused, resumed):
        tracker.update(ActiveLoop("booking_form"))
        tracker.update(ActiveLoop(None))
        tracker.update(ConversationPaused())
    resumed.update(ConversationResumed())
    for tracker in (paused, resumed):
        for n in range(50):
            _turn(tracker, f"상담원님 {n}", f"답 {n}")
        await store.save(tracker)
    assert (await store.retrieve("paused")).is_paused()
    assert not (await store.retrieve("resumed")).is_paused()
    assert (await store.retrieve("resumed")).active_loop_name is None
    store.engine.dispose()
