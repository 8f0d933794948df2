"""``make soak``: the scaled profile under load, with a Rasa replica and an action server killed.

Starts the scaled profile (``bot.scaled.stack``: PostgreSQL, Redis, two Rasa replicas, two
action servers, nginx) on free ports over a fresh database, then lets ``USERS`` users hold
``TURNS`` Korean turns each through nginx, concurrently, every one of them booking an
expert consultation at one of a few times, so bookings contend for the same expert slots.
When a third of the turns are done, one Rasa replica and one action server are killed
(SIGKILL); the supervisor brings them back.

A user whose turn fails (no answer, an HTTP error, or the "잠시 후 다시" reply Rasa gives
while no action server answers) sends it again once, as a person would: that turn counts
as retried, and as served if the second answer comes. Then PostgreSQL is checked:

* **lost events**: a turn answered 200 whose user message is not stored, or a stored user
  message without a stored bot reply after it;
* **double bookings**: one expert holding two live bookings that overlap;
* **half-written bookings**: a live booking without its slot rows or its confirmation.

The last line printed is JSON: ``{"turns", "failed_turns", "retried_turns", "lost_events",
"double_bookings", "p50_ms", "p95_ms", "replicas"}``. Exit status 1 if anything was lost,
double-booked or half-written, or more than 2% of turns failed.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import random
import signal
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

USERS = 50
TURNS = 20
KILL_AT = 1 / 3
"""Share of all turns done when the replica and the action server are killed."""
BOOKING_TIMES = (
    "2026-12-09 10:00",
    "2026-12-09 11:00",
    "2026-12-09 14:00",
    "2026-12-10 10:00",
    "2026-12-10 15:00",
)
"""Few times for many users: most bookings race for the same experts' slots."""
OUTAGE_MARK = "잠시 후 다시 말씀해 주세요"
"""The reply Rasa gives when no action server answered (``utter_service_paused``)."""


SURNAMES = "김이박최정강조윤장임"
GIVEN = ("민준", "서연", "도윤", "지우", "하준", "서윤", "예준", "지민", "주원", "하은")


def _name(user: int) -> str:
    """A plausible, distinct name per user (names with digits are refused, rightly)."""
    return SURNAMES[user % 10] + GIVEN[(user // 10) % 10]


def script(user: int, turns: int = TURNS) -> list[str]:
    """The ``turns`` messages user ``user`` sends: questions, a booking, follow-ups."""
    when = BOOKING_TIMES[user % len(BOOKING_TIMES)]
    booking = [
        "노무 상담 받고 싶어요",
        "/affirm",
        "네",
        "전화",
        when,
        f"소크상회{user}",
        "없음",
        _name(user),
        f"010-5{user:03d}-{1000 + user:04d}",
        "없음",
        "예약 확정",
    ]
    before = [
        "안녕하세요",
        "청년취업사관학교 알려주세요",
        "담당 부서는요?",
        "서울창업허브 입주 조건이 뭐예요?",
    ]
    after = [
        "수출 지원사업 있나요?",
        "직원 퇴직금 계산이 궁금해요",
        "특허 출원 비용이 궁금합니다",
        "유튜브 크리에이터 지원도 있어요?",
        "감사합니다",
    ]
    messages = [*before, *booking, *after]
    while len(messages) < turns:
        messages.append(after[len(messages) % len(after)])
    return messages[:turns]


@dataclass
class Turn:
    """One user turn as the client saw it."""

    sender: str
    attempts: int
    ok: bool
    ms: float


@dataclass
class Result:
    """What the run saw and what the database holds afterwards."""

    turns: list[Turn] = field(default_factory=list)
    lost_events: int = 0
    double_bookings: int = 0
    half_written: int = 0
    bookings: int = 0
    recovery_s: dict[str, float] = field(default_factory=dict)
    replicas: int = 0
    seconds: float = 0.0
    rss_mb: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def summary(self) -> dict[str, Any]:
        """The last line's JSON."""
        times = sorted(t.ms for t in self.turns if t.ok)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))] if times else 0.0
        return {
            "turns": len(self.turns),
            "failed_turns": sum(not t.ok for t in self.turns),
            "retried_turns": sum(t.attempts > 1 for t in self.turns),
            "lost_events": self.lost_events,
            "double_bookings": self.double_bookings,
            "p50_ms": round(statistics.median(times), 1) if times else 0.0,
            "p95_ms": round(p95, 1),
            "replicas": self.replicas,
        }


def _attempt(webhook: str, sender: str, message: str) -> bool:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        webhook, data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=90) as resp:
            reply = json.loads(resp.read() or b"null")
    except (urllib.error.URLError, OSError, ValueError):
        return False
    return (
        isinstance(reply, list)
        and bool(reply)
        and OUTAGE_MARK not in json.dumps(reply, ensure_ascii=False)
    )


def send_turn(webhook: str, sender: str, message: str) -> Turn:
    """Send one message; once more after a second if the first got no proper answer."""
    started = time.monotonic()
    ok = _attempt(webhook, sender, message)
    attempts = 1
    if not ok:
        time.sleep(1.0)
        ok = _attempt(webhook, sender, message)
        attempts = 2
    return Turn(sender, attempts, ok, (time.monotonic() - started) * 1000)


def _user(webhook: str, user: int, turns: int, result: Result, seed: int) -> None:
    rng = random.Random(seed * 1000 + user)
    sender = f"soak-{user:03d}"
    for message in script(user, turns):
        turn = send_turn(webhook, sender, message)
        with result.lock:
            result.turns.append(turn)
        time.sleep(rng.uniform(0.1, 0.6))  # a person reads the answer


def _kill(stack: Any, name: str) -> None:
    proc = stack.procs[name]
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def check_database(url: str, senders: dict[str, int], result: Result) -> None:
    """Count lost events, double bookings and half-written bookings in the database.

    Args:
        url: the stack's database.
        senders: conversation id → turns the client saw answered.
        result: where the counts go.
    """
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            for sender, answered in senders.items():
                kinds = [
                    row[0]
                    for row in connection.execute(
                        text("SELECT type_name FROM events WHERE sender_id = :s ORDER BY id"),
                        {"s": sender},
                    )
                ]
                users = [i for i, kind in enumerate(kinds) if kind == "user"]
                result.lost_events += max(0, answered - len(users))
                for n, at in enumerate(users):
                    end = users[n + 1] if n + 1 < len(users) else len(kinds)
                    if "bot" not in kinds[at + 1 : end]:
                        result.lost_events += 1
            result.double_bookings = int(
                connection.execute(
                    text(
                        "SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.id < b.id "
                        "AND a.expert_id = b.expert_id AND a.starts_at < b.ends_at "
                        "AND b.starts_at < a.ends_at "
                        "WHERE a.status != '취소됨' AND b.status != '취소됨'"
                    )
                ).scalar_one()
            )
            result.half_written = int(
                connection.execute(
                    text(
                        "SELECT COUNT(*) FROM bookings b WHERE b.status != '취소됨' AND ("
                        "NOT EXISTS (SELECT 1 FROM booking_slots s WHERE s.booking_id = b.id) OR "
                        "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = b.id "
                        "AND o.kind = 'confirmation'))"
                    )
                ).scalar_one()
            )
            result.bookings = int(
                connection.execute(
                    text("SELECT COUNT(*) FROM bookings WHERE conversation_id LIKE 'soak-%'")
                ).scalar_one()
            )
    finally:
        engine.dispose()


def free_ports(count: int) -> int:
    """A base port ``p`` such that ``p`` … ``p + count - 1`` are all free right now."""
    import socket

    from bot.runner import free_port

    for _ in range(50):
        base = free_port()
        try:
            for offset in range(1, count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", base + offset))
        except OSError:
            continue
        return base
    raise RuntimeError("no run of free ports")


def scaled_test_settings(var: Path) -> Any:
    """Settings for a throwaway scaled stack in ``var``: every port free, nothing shared."""
    from bot.runner import free_port
    from bot.settings import load_settings

    return dataclasses.replace(
        load_settings(),
        var_dir=var,
        database_url=f"sqlite:///{var / 'unused.db'}",
        redis_url="",
        host="127.0.0.1",
        rasa_replicas=2,
        action_servers=2,
        rasa_port=free_ports(2),
        actions_port=free_ports(2),
        web_port=free_port(),
        public_port=free_port(),
        actions_proxy_port=free_port(),
        public_url="",
        local_postgres_port=free_port(),
        local_redis_port=free_port(),
    )


def drive(
    stack: Any,
    users: int,
    turns: int,
    result: Result,
    *,
    seed: int = 7,
    kill: tuple[str, ...] = ("rasa-1", "actions-1"),
) -> None:
    """Run ``users`` users of ``turns`` turns through nginx; SIGKILL ``kill`` a third in.

    The caller supervises the stack (restarts what died). Fills ``result.turns`` and
    ``result.recovery_s``.
    """
    from bot.rasa_auth import rasa_headers
    from bot.runner import seconds_until_back

    settings = stack.settings
    webhook = f"{settings.public_url or stack.rasa_url}/webhooks/rest/webhook"
    threads = [
        threading.Thread(target=_user, args=(webhook, u, turns, result, seed), daemon=True)
        for u in range(users)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while (
        kill and len(result.turns) < users * turns * KILL_AT and any(t.is_alive() for t in threads)
    ):
        time.sleep(0.2)
    killed_at = time.monotonic()
    old = {name: stack.procs[name] for name in kill}
    for name in kill:
        _kill(stack, name)
    host = settings.host
    probes = {
        "rasa-1": (f"http://{host}:{settings.rasa_port}/status", rasa_headers(settings.rasa_token)),
        "actions-1": (f"http://{host}:{settings.actions_port}/health", {}),
    }
    for name in kill:
        url, headers = probes[name]
        result.recovery_s[name] = seconds_until_back(
            stack, name, old[name], url, killed_at, headers=headers
        )
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    from bot.evaluation.bench import rss_mb

    result.rss_mb = {name: rss_mb([proc.pid]) for name, proc in stack.procs.items()}


def answered_by_sender(result: Result) -> dict[str, int]:
    """Conversation id → turns the client saw answered."""
    answered: dict[str, int] = {}
    for turn in result.turns:
        answered[turn.sender] = answered.get(turn.sender, 0) + (1 if turn.ok else 0)
    return answered


@contextlib.contextmanager
def supervised(stack: Any) -> Any:
    """Restart whatever dies, twice a second, as ``bizcall run --scaled`` does."""
    stop = threading.Event()

    def supervise() -> None:
        while not stop.is_set():
            stack.restart_crashed(time.monotonic())
            time.sleep(0.5)

    thread = threading.Thread(target=supervise, daemon=True)
    thread.start()
    try:
        yield stack
    finally:
        stop.set()
        thread.join(timeout=5)


def run(
    users: int = USERS,
    turns: int = TURNS,
    *,
    model: Path | None = None,
    seed: int = 7,
    kill: bool = True,
) -> Result:
    """Start a fresh scaled stack, run the users with the kills, check the database."""
    from bot.scaled.stack import start_scaled_stack

    os.environ.setdefault("BIZCALL_NOW", "2026-12-08T10:00:00+09:00")
    var = Path(tempfile.mkdtemp(prefix="bizcall-soak-"))
    stack = start_scaled_stack(scaled_test_settings(var), model=model)
    result = Result(replicas=stack.settings.rasa_replicas)
    try:
        with supervised(stack):
            drive(
                stack, users, turns, result, seed=seed, kill=("rasa-1", "actions-1") if kill else ()
            )
        check_database(stack.settings.database_url, answered_by_sender(result), result)
    finally:
        stack.stop()
        remove_cluster(var)
    return result


def anchor(
    users: int = USERS, turns: int = TURNS, *, model: Path | None = None, seed: int = 7
) -> Result:
    """The same users on the embedded profile (one Rasa, one action server, SQLite), no kills:
    the anchor the scaled figures are printed next to."""
    from bot.runner import start_fresh_stack

    os.environ.setdefault("BIZCALL_NOW", "2026-12-08T10:00:00+09:00")
    stack = start_fresh_stack(Path(tempfile.mkdtemp(prefix="bizcall-soak-anchor-")), model=model)
    result = Result(replicas=1)
    try:
        drive(stack, users, turns, result, seed=seed, kill=())
    finally:
        stack.stop()
    return result


def remove_cluster(var: Path) -> None:
    """Delete a throwaway stack's PostgreSQL cluster (as root it lives outside ``var``)."""
    import shutil

    from bot.scaled.servers import postgres_home

    home = postgres_home(var)
    shutil.rmtree(home.parent if os.geteuid() == 0 else home, ignore_errors=True)


def main() -> int:
    """Run the soak and print the summary, the JSON line last."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--turns", type=int, default=TURNS)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument(
        "--no-kill", action="store_true", help="no SIGKILLs: the scaled profile's speed alone"
    )
    parser.add_argument(
        "--no-anchor", action="store_true", help="skip the same load on the embedded profile"
    )
    args = parser.parse_args()
    if not args.no_anchor:
        base = anchor(args.users, args.turns, model=args.model)
        figures = base.summary()
        print(
            f"\nanchor: embedded profile (1 Rasa, 1 action server, SQLite), same users, no "
            f"kills: {figures['turns'] / max(base.seconds, 1e-9):.1f} turns/s, p50 "
            f"{figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, failed "
            f"{figures['failed_turns']}",
            flush=True,
        )
    result = run(args.users, args.turns, model=args.model, kill=not args.no_kill)
    summary = result.summary()
    print(
        "\nbizcall soak (scaled profile"
        + (", no kills)" if args.no_kill else ", SIGKILL of rasa-1 and actions-1 mid-run)")
    )
    for name, seconds in result.recovery_s.items():
        print(f"  {name:<10} back after {seconds:.1f} s")
    turns = summary["turns"]
    print(
        f"  {turns} turns in {result.seconds:.0f} s ({turns / max(result.seconds, 1e-9):.1f} "
        "turns/s, users pausing 0.1-0.6 s between turns)"
    )
    print("  memory (MB)   " + ", ".join(f"{n} {mb:.0f}" for n, mb in result.rss_mb.items()))
    print(
        f"  bookings made {result.bookings} by {args.users} users racing for "
        f"{len(BOOKING_TIMES)} times; half-written: {result.half_written}"
    )
    print(json.dumps(summary))
    failed_share = summary["failed_turns"] / max(1, summary["turns"])
    bad = (
        summary["lost_events"]
        or summary["double_bookings"]
        or result.half_written
        or failed_share > 0.02
    )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
