"""The console's tables and Rasa's stored events work the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from bot.console import handoff, inquiries
from bot.db import session_scope
from bot.db.migrate import downgrade, upgrade
from tests.console.conftest import NOW, enqueue, listed, parse
from tests.support.booking import call


async def test_conversations_become_inquiries_and_handoffs_stay_unique(
    any_db_url: str,
    rasa_domain: Any,
) -> None:
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.tracker_store import RedactingSQLTrackerStore

    store = RedactingSQLTrackerStore(domain=rasa_domain, host=any_db_url)
    try:
        said = "세금 신고를 놓쳤는데 가산세가 얼마나 나오나요 010-2222-3333"
        tracker = DialogueStateTracker("pg-1", rasa_domain.slots)
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(
            UserUttered(
                said,
                intent={"name": "consult_tax", "confidence": 0.8},
                parse_data=parse(said, "consult_tax", 0.8),
                input_channel="rest",
            )
        )
        tracker.update(BotUttered("세무 분야 전문가 상담이 …"))
        await store.save(tracker)

        assert call(inquiries.sync, url=any_db_url) == 1
        [item] = listed(field="tax", url=any_db_url).items
        assert item.text.endswith("010-****-3333") and item.status == "answered"

        first = enqueue("pg-1", url=any_db_url)
        again = enqueue("pg-1", url=any_db_url)
        assert first.id == again.id
        with (
            pytest.raises(Exception, match="uq_handoffs_open_conversation|UNIQUE"),
            session_scope(any_db_url) as session,
        ):
            session.execute(
                text(
                    "INSERT INTO handoffs (conversation_id, reason, language, status, requested_at)"
                    " VALUES ('pg-1', 'fallback', 'ko', 'waiting', '2026-12-01 10:00:00')"
                )
            )
    finally:
        store.engine.dispose()
        with session_scope(any_db_url) as session:  # Rasa's table: not the migrations' to drop
            session.execute(text("DROP TABLE IF EXISTS events"))


def test_console_migration_goes_down_and_up(any_db_url: str) -> None:
    downgrade(any_db_url, "0003_english")
    with session_scope(any_db_url) as session:
        assert session.execute(text("SELECT count(*) FROM bookings")).scalar_one() == 0
    upgrade(any_db_url)
    with session_scope(any_db_url) as session:
        assert session.execute(text("SELECT count(*) FROM staff_users")).scalar_one() == 0


def _race(handoff_id: int, agent: Any, url: str) -> dict[str, bool]:
    """An agent takes the handoff while the expiry round runs, both released at once."""
    import threading
    from datetime import timedelta

    start = threading.Barrier(2)
    outcome: dict[str, bool] = {}

    def take() -> None:
        start.wait()
        try:
            call(handoff.take, handoff_id=handoff_id, staff=agent, now=NOW, url=url)
            outcome["taken"] = True
        except handoff.HandoffError:
            outcome["taken"] = False

    def expire() -> None:
        start.wait()
        closed = call(handoff.expire_waiting, now=NOW, wait=timedelta(minutes=10), url=url)
        outcome["expired"] = [c.id for c in closed] == [handoff_id]

    threads = [threading.Thread(target=take), threading.Thread(target=expire)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcome


def test_an_agent_taking_a_handoff_as_it_expires_never_both_win(any_db_url: str) -> None:
    """Both are conditional updates of a still-waiting row: exactly one side wins."""
    from datetime import timedelta

    from bot.console import auth

    agent = call(
        auth.add_staff, username="kim", password="correct horse battery", role="agent", now=NOW
    )
    for round_ in range(8):
        row = enqueue(f"race-{round_}", now=NOW - timedelta(minutes=30), url=any_db_url)
        outcome = _race(row.id, agent, any_db_url)
        assert outcome["taken"] != outcome["expired"], outcome
        final = call(handoff.get_handoff, handoff_id=row.id, url=any_db_url)
        assert final is not None
        assert final.status == ("active" if outcome["taken"] else "closed")
        if outcome["taken"]:  # release so the next round's expiry sees only its own row
            call(handoff.release, handoff_id=row.id, staff=agent, now=NOW, url=any_db_url)
