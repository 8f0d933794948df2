"""The console's tables and Rasa's stored events work the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from bot.console import handoff, inquiries
from bot.db import session_scope
from bot.db.migrate import downgrade, upgrade
from tests.console.conftest import NOW, parse


async def test_conversations_become_inquiries_and_handoffs_stay_unique(
    any_db_url: str, rasa_domain: Any,
) -> None:
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.tracker_store import RedactingSQLTrackerStore

    store = RedactingSQLTrackerStore(domain=rasa_domain, host=any_db_url)
    try:
        said = "세금 신고를 놓쳤는데 가산세가 얼마나 나오나요 010-2222-3333"
        tracker = DialogueStateTracker("pg-1", rasa_domain.slots)
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(said, intent={"name": "consult_tax", "confidence": 0.8},
                                   parse_data=parse(said, "consult_tax", 0.8),
                                   input_channel="rest"))
        tracker.update(BotUttered("세무 분야 전문가 상담이 …"))
        await store.save(tracker)

        assert inquiries.sync(url=any_db_url) == 1
        [item] = inquiries.list_inquiries(field="tax", url=any_db_url).items
        assert item["text"].endswith("010-****-3333") and item["status"] == "answered"

        first = handoff.request_handoff(conversation_id="pg-1", reason="requested",
                                        language="ko", now=NOW, url=any_db_url)
        again = handoff.request_handoff(conversation_id="pg-1", reason="requested",
                                        language="ko", now=NOW, url=any_db_url)
        assert first["id"] == again["id"]
        with pytest.raises(Exception, match="uq_handoffs_open_conversation|UNIQUE"), \
                session_scope(any_db_url) as session:
            session.execute(text(
                "INSERT INTO handoffs (conversation_id, reason, language, status, requested_at)"
                " VALUES ('pg-1', 'fallback', 'ko', 'waiting', '2026-12-01 10:00:00')"))
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
