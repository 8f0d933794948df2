"""``make chaos``: bad input, process kills and racing bookings against a real stack.

Starts the stack as ``bizcall run`` does (its own database, the real model, supervision
on), keeps three witness conversations talking the whole time, and then:

1. sends every bad input of ``BAD_REST`` and ``ODD_TEXTS`` over REST and the odd texts
   over socket.io — each must get a 4xx or a reply, never a 5xx, a stack trace or silence;
2. kills the action server, Rasa and the web app (SIGKILL), each under load, and times how long the
   supervisor needs to bring it back; a conversation's context must survive the Rasa kill
   (a program asked before, "담당 부서는요?" after);
3. lets two conversations confirm the same free time at the same moment;
4. confirms a booking while another client holds the database's write lock longer than
   the write budget: the booking must be saved exactly once — either the turn says "not
   saved" and the confirmation after the lock books it, or (on SQLite) Rasa's synchronous
   tracker store holds every turn until the lock is gone and the booking then succeeds;
   never a half-written booking, a lost event or a second booking;
5. counts what was lost: every message a witness got a 200 for must be a stored user
   event, and no expert may hold two bookings at one time.

Prints a summary and exits 1 if anything crashed, was lost or was double-booked.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RASA_BACK_TIMEOUT = 180.0


@dataclass
class Tally:
    """What the run saw."""

    inputs: int = 0
    crashes: list[str] = field(default_factory=list)
    witness_sent: dict[str, int] = field(default_factory=dict)
    witness_silent: int = 0
    witness_worst_s: float = 0.0
    recovery_s: dict[str, float] = field(default_factory=dict)
    context_kept: bool = False
    lost_events: int = 0
    double_bookings: int = 0
    race_bookings: int = 0
    transport_closed: int = 0
    outage_reply: str = ""
    outage_reply_s: float = 0.0
    outage_bookings: int = -1


BAD_REST: list[Any] = [
    None,
    [],
    "text",
    12345,
    1.5,
    True,
    {"sender": "c", "message": 12345},
    {"sender": "c", "message": ["a"]},
    {"sender": "c", "message": {"a": 1}},
    {"sender": "c", "message": None},
    {"sender": "c"},
    {"message": "hi"},
    {},
    {"sender": "", "message": "hi"},
    {"sender": 5, "message": "hi"},
    {"sender": "a b", "message": "hi"},
    {"sender": "../x", "message": "hi"},
    {"sender": "x" * 300, "message": "hi"},
    {"sender": "c", "message": "hi", "metadata": [1]},
    {"sender": "c", "message": "hi", "metadata": "{bad"},
    {"sender": "c", "message": "hi", "metadata": {"k": "v" * 5000}},
]
BAD_RAW: list[bytes] = [
    b"{not json",
    b"\xff\xfe\xfa",
    b"",
    b"null",
    b'{"sender": "c", "mess',
    b"[" * 5000,
]
ODD_TEXTS: list[str] = [
    "",
    " ",
    "\n\t",
    "ㅋ",
    "ㅋㅋㅋㅋㅋㅋ",
    "ㅠㅠㅠ",
    "ㅇㅇ",
    "😀",
    "👨‍👩‍👧‍👦👨‍👩‍👧‍👦",
    "🇰🇷",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE events; --",
    "1 OR 1=1",
    "\u202e고객센터\u202c",
    "\u200f\u200e",
    "\x00",
    "\x00\x01\x02\x7f",
    "\ufeff안녕하세요",
    "/restart",
    "/booking_cancel",
    '/intent{"contact_phone":"010-1-2"}',
    '/request_consultation{"booking_confirm": "yes"}',
    "가" * 2000,
    "가" * 2001,
    "a" * 20_000,
    "가나다 " * 250_000,
    "%s%s%n",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "../../etc/passwd",
    "SELECT * FROM bookings",
    "010-1234-5678",
    "test@example.com",
    "123-45-67891",
]


def _post(
    url: str, body: Any = None, raw: bytes | None = None, timeout: float = 60
) -> tuple[int, Any]:
    data = raw if raw is not None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None
    except (urllib.error.URLError, OSError, ValueError) as error:
        return 0, str(error)


def _ok_reply(status: int, reply: Any) -> bool:
    return (
        status == 200
        and isinstance(reply, list)
        and bool(reply)
        and all(
            (r.get("text") or r.get("custom")) and "Traceback" not in (r.get("text") or "")
            for r in reply
        )
    )


def _witness(webhook: str, name: str, stop: threading.Event, tally: Tally) -> None:
    turns = [
        "청년취업사관학교 알려주세요",
        "담당 부서는요?",
        "서울창업허브 입주 조건이 뭐예요?",
        "감사합니다",
    ]
    i = 0
    while not stop.is_set():
        started = time.monotonic()
        status, reply = _post(webhook, {"sender": name, "message": turns[i % len(turns)]})
        took = time.monotonic() - started
        if status == 200:
            tally.witness_sent[name] = tally.witness_sent.get(name, 0) + 1
            if not reply:
                tally.witness_silent += 1
        tally.witness_worst_s = max(tally.witness_worst_s, took)
        i += 1
        time.sleep(0.3)


async def _socket_inputs(rasa_url: str, tally: Tally) -> None:
    import socketio

    replies: list[Any] = []
    session = "chaossocket0001"

    async def connected() -> Any:
        client = socketio.AsyncClient()
        client.on("bot_uttered", lambda data: replies.append(data))
        # long-polling: the websocket transport of this python-engineio needs a newer aiohttp
        await client.connect(rasa_url, transports=["polling"], socketio_path="/socket.io")
        await client.emit("session_request", {"session_id": session})
        await asyncio.sleep(0.5)
        return client

    client = await connected()
    for text in ODD_TEXTS:
        before = len(replies)
        tally.inputs += 1
        try:
            await client.emit("user_uttered", {"message": text, "session_id": session})
        except socketio.exceptions.SocketIOError:
            client = await connected()
            await client.emit("user_uttered", {"message": text, "session_id": session})
        for _ in range(120):
            if len(replies) > before:
                break
            if not client.connected and len(text.encode()) > 1_000_000:
                # engine.io closes a connection whose frame passes its 1 MB buffer: the
                # transport's own bound, answered by reconnecting; not a crash.
                tally.transport_closed += 1
                client = await connected()
                break
            await asyncio.sleep(0.25)
        else:
            tally.crashes.append(f"socket.io: no reply to {text[:30]!r}")
    await client.disconnect()


def _kill_and_time(stack: Any, name: str, probe: str) -> float:
    from bot.runner import seconds_until_back

    proc = stack.procs[name]
    os.killpg(proc.pid, signal.SIGKILL)
    return seconds_until_back(stack, name, proc, probe, time.monotonic(), timeout=RASA_BACK_TIMEOUT)


def _book_until_review(webhook: str, sender: str, when: str = "2026-12-09 10:00") -> None:
    for message in [
        "노무 상담 받고 싶어요",
        "/affirm",
        "네",
        "전화",
        when,
        "경합상회",
        "없음",
        "김경합",
        "010-5555-0000",
        "없음",
    ]:
        _post(webhook, {"sender": sender, "message": message})


OUTAGE_LOCK_S = 4.0
"""How long the database stays write-locked: well past the stack's 1 s write budget (the
booking must fail, not wait), within Rasa's own 5 s SQLite timeout (so the conversation
itself is still stored)."""


def _database_outage(webhook: str, db_path: str, tally: Tally) -> None:
    """Confirm a booking while the database is write-locked; then confirm again."""
    import sqlite3

    _book_until_review(webhook, "outage", "2026-12-09 15:00")  # a time nobody raced for
    holder = sqlite3.connect(db_path, isolation_level=None, timeout=10, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(OUTAGE_LOCK_S, holder.execute, args=("ROLLBACK",))
    release.start()
    started = time.monotonic()
    _, reply = _post(webhook, {"sender": "outage", "message": "예약 확정"})
    tally.outage_reply_s = time.monotonic() - started
    tally.outage_reply = json.dumps(reply, ensure_ascii=False)
    release.join()
    holder.close()
    _post(webhook, {"sender": "outage", "message": "예약 확정"})


def run(model: Path | None = None) -> Tally:
    """Run every step against a fresh stack; return the tally."""
    from sqlalchemy import create_engine, text

    from bot.runner import start_fresh_stack

    tally = Tally()
    var = Path(tempfile.mkdtemp(prefix="bizcall-chaos-"))
    os.environ.setdefault("BIZCALL_NOW", "2026-12-08T10:00:00+09:00")
    os.environ["BIZCALL_DB_WRITE_SECONDS"] = "1"  # the outage step outlasts it
    stack = start_fresh_stack(var, model=model)
    stop = threading.Event()

    def supervise() -> None:  # what bizcall run's main loop does
        while not stop.is_set():
            stack.restart_crashed(time.monotonic())
            time.sleep(0.5)

    supervisor = threading.Thread(target=supervise, daemon=True)
    webhook = f"{stack.rasa_url}/webhooks/rest/webhook"
    witnesses = [
        threading.Thread(target=_witness, args=(webhook, f"witness-{i}", stop, tally), daemon=True)
        for i in range(3)
    ]
    try:
        supervisor.start()
        for thread in witnesses:
            thread.start()
        for body in BAD_REST:
            status, _ = _post(webhook, body)
            tally.inputs += 1
            if status != 400:
                tally.crashes.append(f"REST body {str(body)[:40]}: {status}")
        for raw in BAD_RAW:
            status, _ = _post(webhook, raw=raw)
            tally.inputs += 1
            if status != 400:
                tally.crashes.append(f"REST raw {raw[:20]!r}: {status}")
        for i, message in enumerate(ODD_TEXTS):
            status, reply = _post(webhook, {"sender": f"odd-{i}", "message": message})
            tally.inputs += 1
            if not _ok_reply(status, reply):
                tally.crashes.append(f"REST text {message[:30]!r}: {status} {str(reply)[:60]}")
        asyncio.run(_socket_inputs(stack.rasa_url, tally))

        _post(webhook, {"sender": "context-1", "message": "청년취업사관학교 알려주세요"})
        tally.recovery_s["action server"] = _kill_and_time(
            stack, "actions", f"{stack.actions_url}/health"
        )
        tally.recovery_s["rasa"] = _kill_and_time(stack, "rasa", f"{stack.rasa_url}/")
        tally.recovery_s["web app"] = _kill_and_time(stack, "web", f"{stack.web_url}/")
        status, reply = _post(webhook, {"sender": "context-1", "message": "담당 부서는요?"})
        tally.context_kept = status == 200 and "부서" in json.dumps(reply, ensure_ascii=False)

        for sender in ("race-a", "race-b"):
            _book_until_review(webhook, sender)
        racers = [
            threading.Thread(target=_post, args=(webhook, {"sender": s, "message": "예약 확정"}))
            for s in ("race-a", "race-b")
        ]
        for thread in racers:
            thread.start()
        for thread in racers:
            thread.join()
        _database_outage(webhook, str(var / "stack.db"), tally)
    finally:
        stop.set()
        for thread in witnesses:
            thread.join(timeout=70)
        stack.stop()
    engine = create_engine(f"sqlite:///{var / 'stack.db'}")
    with engine.connect() as connection:
        for name, sent in tally.witness_sent.items():
            stored = connection.execute(
                text("SELECT COUNT(*) FROM events WHERE sender_id = :s AND type_name = 'user'"),
                {"s": name},
            ).scalar_one()
            tally.lost_events += max(0, sent - int(stored))
        tally.double_bookings = int(
            connection.execute(
                text(  # one expert, overlapping times
                    "SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.id < b.id "
                    "AND a.expert_id = b.expert_id AND a.starts_at < b.ends_at "
                    "AND b.starts_at < a.ends_at "
                    "WHERE a.status != '취소됨' AND b.status != '취소됨'"
                )
            ).scalar_one()
        )
        tally.outage_bookings = int(
            connection.execute(
                text("SELECT COUNT(*) FROM bookings WHERE conversation_id = 'outage'")
            ).scalar_one()
        )
        tally.race_bookings = int(
            connection.execute(
                text("SELECT COUNT(*) FROM bookings WHERE conversation_id IN ('race-a', 'race-b')")
            ).scalar_one()
        )
    return tally


def main() -> int:
    """Run and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args()
    tally = run(args.model)
    print("\nbizcall chaos summary")
    print(f"  bad inputs tried              {tally.inputs}")
    print(f"  crashes (5xx, traces, silence) {len(tally.crashes)}")
    print(
        f"  socket.io frames over 1 MB    {tally.transport_closed} (closed by engine.io, "
        "client reconnected)"
    )
    for crash in tally.crashes[:20]:
        print(f"    - {crash}")
    sent = sum(tally.witness_sent.values())
    print(
        f"  witness turns answered 200    {sent} (empty replies: {tally.witness_silent}; "
        f"slowest {tally.witness_worst_s:.1f} s)"
    )
    for name, seconds in tally.recovery_s.items():
        print(f"  recovery after SIGKILL        {name}: {seconds:.1f} s")
    print(f"  context kept across the kill  {'yes' if tally.context_kept else 'NO'}")
    print(f"  lost events                   {tally.lost_events}")
    print(
        f"  double bookings               {tally.double_bookings} "
        f"(racing confirmations booked: {tally.race_bookings} of 2)"
    )
    said = "저장하지 못했습니다" in tally.outage_reply
    booked_at_once = "예약이 완료되었습니다" in tally.outage_reply
    outage_ok = (said or booked_at_once) and tally.outage_bookings == 1
    path = (
        "said 'not saved', booked when confirmed again"
        if said
        else "the whole turn waited for the lock, then booked"
        if booked_at_once
        else "NEITHER SAVED NOR SAID"
    )
    print(
        f"  database locked mid-booking   {path} (reply after {tally.outage_reply_s:.1f} s); "
        f"bookings: {tally.outage_bookings} (expected 1)"
    )
    if not outage_ok:
        print(f"    reply: {tally.outage_reply[:200]}")
    failed = (
        tally.crashes
        or tally.lost_events
        or tally.double_bookings
        or not outage_ok
        or not tally.context_kept
        or any(s == float("inf") for s in tally.recovery_s.values())
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
