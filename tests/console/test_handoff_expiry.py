"""A request for a person that no agent takes in time goes back to the bot, which says so.

Rasa's HTTP API is the recorded ``FakeRasa`` of the console tests; the queue is the real
database, and the round runs inside the real web app as ``bizcall run`` starts it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import timedelta
from typing import Any

import pytest

from bot import clock
from bot.console import handoff
from bot.console.auth import Staff
from bot.console.handoff import HandoffRecord
from bot.console.responses import response_text
from bot.web.console import expiry, ops
from bot.web.console.security import ConsoleConfig
from tests.console.conftest import NOW, FakeRasa, console_config, enqueue, serving
from tests.support.booking import call

WAIT = timedelta(minutes=10)


def _queue(conversation: str, minutes_ago: float, language: str = "ko") -> HandoffRecord:
    return enqueue(conversation, language=language, now=NOW - timedelta(minutes=minutes_ago))


def _status(row: HandoffRecord) -> tuple[str, str | None]:
    found = call(handoff.get_handoff, handoff_id=row.id)
    assert found is not None
    return found.status, found.closed_by


def test_only_handoffs_waiting_past_the_limit_are_closed(
    console_db: str, staff: dict[str, Staff]
) -> None:
    old, recent, edge = _queue("old", 11), _queue("recent", 9), _queue("edge", 10)
    taken = _queue("taken", 30)
    call(handoff.take, handoff_id=taken.id, staff=staff["kim"], now=NOW - timedelta(minutes=20))
    released = _queue("released", 40)
    call(
        handoff.release, handoff_id=released.id, staff=staff["kim"], now=NOW - timedelta(minutes=35)
    )

    closed = call(handoff.expire_waiting, now=NOW, wait=WAIT)

    assert [c.conversation_id for c in closed] == ["old", "edge"]  # longest-waiting first
    assert all(c.status == "closed" and c.closed_by == handoff.TIMED_OUT for c in closed)
    assert _status(old) == _status(edge) == ("closed", "timeout")
    assert _status(recent) == ("waiting", None)
    assert _status(taken) == ("active", None)
    assert _status(released) == ("closed", "kim")
    assert call(handoff.expire_waiting, now=NOW, wait=WAIT) == []  # nothing twice


def test_an_expired_handoff_can_no_longer_be_taken(
    console_db: str, staff: dict[str, Staff]
) -> None:
    row = _queue("late", 15)
    call(handoff.expire_waiting, now=NOW, wait=WAIT)
    with pytest.raises(handoff.HandoffError, match="이미 종료된 상담") as refused:
        call(handoff.take, handoff_id=row.id, staff=staff["kim"], now=NOW)
    assert refused.value.status == 409


def test_a_new_request_after_expiry_queues_again(console_db: str) -> None:
    first = _queue("again", 15)
    call(handoff.expire_waiting, now=NOW, wait=WAIT)
    second = enqueue("again")
    assert second.id != first.id and second.status == "waiting"


@pytest.fixture()
def cfg(console_db: str, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch) -> ConsoleConfig:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return console_config(console_db, fake_rasa)


async def test_the_bot_takes_the_conversation_back_in_the_users_language(
    cfg: ConsoleConfig,
    fake_rasa: FakeRasa,
) -> None:
    _queue("web-ko", 12)
    _queue("web-en", 25, language="en")
    _queue("web-new", 1)

    done = await ops.expire_unanswered(cfg, wait=WAIT)

    assert [d["conversation_id"] for d in done] == ["web-en", "web-ko"]
    appended = {
        conversation: events for kind, conversation, events in fake_rasa.calls if kind == "append"
    }
    assert set(appended) == {"web-en", "web-ko"}
    assert [e["event"] for e in appended["web-ko"]] == ["resume", "action", "bot"]
    assert appended["web-ko"][-1]["text"] == response_text("utter_handoff_timeout", "ko")
    assert appended["web-en"][-1]["text"] == response_text("utter_handoff_timeout", "en")
    assert "상담 예약" in appended["web-ko"][-1]["text"]
    assert "book a consultation" in appended["web-en"][-1]["text"]


async def test_when_rasa_cannot_be_told_the_handoff_waits_for_the_next_round(
    cfg: ConsoleConfig,
    fake_rasa: FakeRasa,
) -> None:
    row = _queue("web-down", 12)
    fake_rasa.down = True
    assert await ops.expire_unanswered(cfg, wait=WAIT) == []
    assert _status(row) == ("waiting", None)  # still in the queue: an agent may take it

    fake_rasa.down = False
    [done] = await ops.expire_unanswered(cfg, wait=WAIT)
    assert done["id"] == row.id and _status(row) == ("closed", "timeout")


@pytest.fixture()
def serve(
    console_db: str, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> Callable[[str], AbstractAsyncContextManager[Any]]:
    """Serve the real web app with ``BIZCALL_HANDOFF_WAIT_MINUTES`` set to the given value."""

    def start(wait_minutes: str) -> AbstractAsyncContextManager[Any]:
        monkeypatch.setenv("BIZCALL_HANDOFF_WAIT_MINUTES", wait_minutes)
        return serving(console_db, fake_rasa, monkeypatch)

    return start


async def test_the_web_app_runs_the_round_while_it_serves(
    serve: Callable[[str], AbstractAsyncContextManager[Any]], fake_rasa: FakeRasa
) -> None:
    row = _queue("web-app", 6)
    async with serve("5") as web:
        for _ in range(200):
            if fake_rasa.appended():
                break
            await asyncio.sleep(0.025)
        assert fake_rasa.appended()[-1]["text"] == response_text("utter_handoff_timeout", "ko")
        assert _status(row) == ("closed", "timeout")
        task = web.ctx.handoff_expiry
        assert not task.done()
    assert task.cancelled()


async def test_a_zero_wait_leaves_handoffs_to_staff(
    serve: Callable[[str], AbstractAsyncContextManager[Any]], fake_rasa: FakeRasa
) -> None:
    row = _queue("web-wait", 600)
    async with serve("0") as web:
        await asyncio.sleep(0.3)
        assert not hasattr(web.ctx, "handoff_expiry")
        assert fake_rasa.calls == []
        assert _status(row) == ("waiting", None)


async def test_a_failing_round_is_logged_and_the_next_one_still_runs(
    fake_rasa: FakeRasa,
    tmp_path: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from sanic import Sanic

    app = Sanic("expiry_broken", register=False)
    broken = f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}"  # cannot be opened
    app.ctx.console_config = console_config(broken, fake_rasa)
    task = asyncio.get_running_loop().create_task(expiry.sweep_forever(app, WAIT, every=0.01))
    try:
        for _ in range(200):
            if sum("could not expire" in r.getMessage() for r in caplog.records) >= 2:
                break
            await asyncio.sleep(0.01)
        assert sum("could not expire" in r.getMessage() for r in caplog.records) >= 2
        assert not task.done()
    finally:
        task.cancel()
