"""The scaled profile end to end: two Rasa replicas and two action servers behind nginx.

The short, representative case of ``make soak`` kept in ``make test``: the stack
``make run-scaled`` starts (PostgreSQL, Redis, replicas, nginx), users chatting while a
replica and an action server are killed, a console push reaching a widget's socket
whichever replica holds it, and the database checked afterwards.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.evaluation import soak
from bot.rasa_auth import rasa_headers
from bot.runner import Stack
from bot.scaled.stack import start_scaled_stack
from tests.support.stack import MODEL

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def scaled() -> Iterator[Stack]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: `make test` trains it before pytest runs")
    var = Path(tempfile.mkdtemp(prefix="bizcall-scaled-test-"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BIZCALL_NOW", "2026-12-08T10:00:00+09:00")
        stack = start_scaled_stack(soak.scaled_test_settings(var), model=MODEL)
        try:
            with soak.supervised(stack):
                yield stack
        finally:
            stack.stop()
            soak.remove_cluster(var)


def _say(stack: Stack, sender: str, message: str) -> str:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        f"{stack.settings.public_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=90) as resp:
        return json.dumps(json.loads(resp.read()), ensure_ascii=False)


def _push(stack: Stack, base: str, conversation: str, text: str) -> None:
    """What the console does for an agent's message, sent to ``base``."""
    body = json.dumps([{"event": "bot", "text": text, "metadata": {"agent": "상담원"}}])
    request = urllib.request.Request(
        f"{base}/conversations/{conversation}/tracker/events"
        "?output_channel=latest&execute_side_effects=true",
        data=body.encode(),
        headers={"Content-Type": "application/json", **rasa_headers(stack.settings.rasa_token)},
    )
    with urllib.request.urlopen(request, timeout=30) as resp:
        assert resp.status == 200


async def _widget_receives_pushes(stack: Stack) -> list[str]:
    import socketio

    session = "scaledpush000001"
    got: list[Any] = []
    client = socketio.AsyncClient()
    client.on("bot_uttered", lambda data: got.append(data))
    # the widget's own URL shape: the session id in the query, for nginx's hash
    await client.connect(
        f"{stack.settings.public_url}/?session_id={session}",
        transports=["polling"],
        socketio_path="/socket.io",
    )
    await client.emit("session_request", {"session_id": session})
    await asyncio.sleep(0.5)
    await client.emit("user_uttered", {"message": "안녕하세요", "session_id": session})
    for _ in range(120):
        if got:
            break
        await asyncio.sleep(0.25)
    pushed = []
    port = stack.settings.rasa_port
    bases = (
        f"http://127.0.0.1:{port}",
        f"http://127.0.0.1:{port + 1}",
        stack.settings.public_url,
    )  # each replica directly, then as the console does
    for n, base in enumerate(bases):
        text = f"상담원 메시지 {n + 1}"
        await asyncio.to_thread(_push, stack, base, session, text)
        for _ in range(80):
            if any(m.get("text") == text for m in got):
                pushed.append(text)
                break
            await asyncio.sleep(0.25)
    await client.disconnect()
    return pushed


def test_an_agent_s_message_reaches_the_widget_whichever_replica_sends_it(scaled: Stack) -> None:
    # One of the two replicas holds the socket; the other can only reach it through Redis.
    assert asyncio.run(_widget_receives_pushes(scaled)) == [
        "상담원 메시지 1",
        "상담원 메시지 2",
        "상담원 메시지 3",
    ]


def test_killing_a_replica_and_an_action_server_mid_chat_loses_nothing(scaled: Stack) -> None:
    context_users = [f"context-{n}" for n in range(6)]
    for user in context_users:
        assert "청년취업사관학교" in _say(scaled, user, "청년취업사관학교 알려주세요")

    result = soak.Result(replicas=2)
    soak.drive(scaled, 8, 16, result)  # SIGKILLs rasa-1 and actions-1 a third of the way in

    # every conversation kept its context across the kill, whichever replica it was on
    for user in context_users:
        assert "교육1팀" in _say(scaled, user, "담당 부서는요?")
    soak.check_database(scaled.settings.database_url, soak.answered_by_sender(result), result)
    summary = result.summary()
    assert summary["turns"] == 128
    assert summary["failed_turns"] == 0  # a turn retried once counts as served
    assert summary["lost_events"] == 0
    assert summary["double_bookings"] == 0
    assert result.half_written == 0
    assert result.bookings >= 5  # 8 users race for 5 times of several experts
    assert result.recovery_s["rasa-1"] != float("inf")
    assert result.recovery_s["actions-1"] != float("inf")


def test_the_running_profile_is_what_the_deployment_files_describe(scaled: Stack) -> None:
    # tests/scaled/test_deploy_files.py holds compose and Kubernetes to the same ENV and
    # entry point; here the processes make run-scaled started are held to them.
    from bot.scaled.serve import ENV

    kinds = {
        name: name.split("-")[0]
        for name in scaled.procs
        if name.split("-")[0] in ("rasa", "actions", "web")
    }
    assert sorted(kinds) == ["actions-1", "actions-2", "rasa-1", "rasa-2", "web"]
    for name, kind in kinds.items():
        args, env = scaled._specs[name]
        assert args[1:] == ["-m", "bot.scaled.serve", kind]
        assert set(ENV[kind]) <= set(env)
    assert sorted(set(scaled.procs) - set(kinds)) == ["nginx", "postgres", "redis"]
