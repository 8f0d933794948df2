"""Personal data at rest: masked in messages at once, in form answers once they are cleared."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from bot.db.session import session_scope
from tests.console.conftest import user_turn


def _decoded(sender: str) -> list[dict[str, Any]]:
    with session_scope() as session:
        return [
            json.loads(d)
            for (d,) in session.execute(
                text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
            )
        ]


async def test_messages_are_stored_with_phone_numbers_and_emails_masked(
    store_conversation: Callable[..., Any],
) -> None:
    said = "제 번호는 010-1234-5678, 메일은 hong@example.com 입니다"
    await store_conversation(
        "w1",
        [user_turn(said, "consult_labor"), ("bot", "010-1234-5678로 연락드릴게요")],
    )
    stored = json.dumps(_decoded("w1"), ensure_ascii=False)
    assert "010-1234-5678" not in stored and "hong@example.com" not in stored
    assert "010-****-5678" in stored and "h***@example.com" in stored


async def test_form_answers_stay_while_needed_and_are_masked_once_cleared(
    store_conversation: Callable[..., Any],
    rasa_domain: Any,
) -> None:
    from bot.tracker_store import RedactingSQLTrackerStore

    await store_conversation(
        "w2",
        [
            user_turn("홍길순", "inform"),
            ("slot", "contact_name", "홍길순"),
            ("slot", "contact_phone", "010-1234-5678"),
            ("bot", "홍길순 님, 확인해 주세요"),
        ],
    )
    # Mid-form, Rasa rebuilds the tracker from the rows: the answers must still be there.
    store = RedactingSQLTrackerStore(domain=rasa_domain, host=_url())
    rebuilt = await store.retrieve("w2")
    assert rebuilt.get_slot("contact_name") == "홍길순"
    assert rebuilt.get_slot("contact_phone") == "010-1234-5678"

    await store_conversation(
        "w2", [("slot", "contact_name", None), ("slot", "contact_phone", None)]
    )
    stored = json.dumps(_decoded("w2"), ensure_ascii=False)
    assert "홍길순" not in stored and "010-1234-5678" not in stored
    assert "홍*순" in stored and "010-****-5678" in stored
    rebuilt = await store.retrieve("w2")
    assert rebuilt.get_slot("contact_name") is None
    store.engine.dispose()


def _url() -> str:
    from bot.settings import get_settings

    return get_settings().database_url


def test_values_the_code_writes_are_stored_as_they_are() -> None:
    from bot.console.redaction import mask_slot_event

    verified = {"event": "slot", "name": "manage_verified", "value": "BZ-7K3Q@1796583456"}
    assert mask_slot_event(verified) == verified  # a time stamp, not a 사업자등록번호
    typed = {"event": "slot", "name": "booking_time", "value": "010-1234-5678 홍길순"}
    assert mask_slot_event(typed)["value"] == "010-****-5678 홍길순"


def test_sqlite_store_keeps_pooled_connections_that_commit_without_a_disk_flush(
    tmp_path: Any,
    rasa_domain: Any,
) -> None:
    from bot.tracker_store import RedactingSQLTrackerStore

    store = RedactingSQLTrackerStore(domain=rasa_domain, host=f"sqlite:///{tmp_path}/t.db")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    assert type(store.engine.pool).__name__ == "QueuePool"
    store.engine.dispose()
