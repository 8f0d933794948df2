"""``make bench``: bizcall against a stock ``rasa init`` bot on the same Rasa, in one run.

Both bots get the same closed-loop REST load (each simulated user sends an 8-turn
conversation, waits for every reply, then starts a new conversation): 1, 10 and 50 users, a
200-turn conversation, the first program answer after start, and the resident memory of
every process; then, unless ``--no-train``, a full ``rasa train`` of each bot with an empty
cache, and ``bizcall triage --jsonl`` over 400 inquiries (model load included). The stock
bot is created and trained once into ``var/bench/stock``. Timing
lives here and never in unit tests; the table goes to stdout and a JSON copy to
``var/bench/``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from bot.settings import ROOT

STOCK_TURNS: Final = (
    "hello",
    "I am sad",
    "yes",
    "great",
    "are you a bot?",
    "no",
    "good morning",
    "bye",
)
BIZCALL_TURNS: Final = (
    "안녕하세요",
    "청년취업사관학교 신청 자격이 뭐예요?",
    "담당 부서는요?",
    "창업허브는 어디에 있어요?",
    "직원이 퇴직금을 안 줬다고 신고한대요",
    "괜찮아요",
    "고맙습니다",
    "안녕히 계세요",
)
LEVELS: Final = ((1, 20.0), (10, 30.0), (50, 30.0))
"""(users, seconds of load) per level."""
LONG_TURNS: Final = 200


@dataclasses.dataclass
class Server:
    """A running bot: its REST webhook and the processes whose memory counts."""

    name: str
    webhook: str
    pids: Callable[[], list[int]]
    stop: Callable[[], None]
    started_s: float = 0.0


def _post(url: str, sender: str, text: str, timeout: float = 120) -> float:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
    return time.perf_counter() - started


def rss_mb(pids: list[int]) -> float:
    """Resident memory of ``pids`` and all their descendants, in MB (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    seen: set[int] = set()
    todo = list(pids)
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.add(pid)
            todo.extend(children.get(pid, []))
    total = 0
    for pid in seen:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def closed_loop(
    webhook: str, turns: tuple[str, ...], users: int, seconds: float, tag: str
) -> dict[str, float]:
    """``users`` users talking for ``seconds``: turns per second and latency percentiles."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def user(index: int) -> None:
        nonlocal errors
        conversation = 0
        while time.perf_counter() < deadline:
            sender = f"bench-{tag}-{users}-{index}-{conversation}"
            for text in turns:
                if time.perf_counter() >= deadline:
                    return
                try:
                    took = _post(webhook, sender, text)
                except OSError:
                    with lock:
                        errors += 1
                    continue
                with lock:
                    latencies.append(took)
            conversation += 1

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 180)
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies) or [float("nan")]
    return {
        "users": users,
        "turns": len(latencies),
        "errors": errors,
        "turns_per_s": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(ordered),
        "p95_ms": 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
    }


def long_conversation(webhook: str, turns: tuple[str, ...], tag: str) -> dict[str, float]:
    """One sender, ``LONG_TURNS`` turns: median latency of turns 1-10 against 191-200."""
    took = [_post(webhook, f"bench-long-{tag}", turns[i % len(turns)]) for i in range(LONG_TURNS)]
    return {
        "turn_5_ms": 1000 * statistics.median(took[:10]),
        "turn_200_ms": 1000 * statistics.median(took[-10:]),
    }


def _stock(var: Path) -> Server:
    """The stock bot: ``rasa init`` once into ``var/bench/stock``, then ``rasa run``."""
    from bot.runner import free_port

    home = var / "bench" / "stock"
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    rasa = str(Path(sys.executable).with_name("rasa"))
    if not list((home / "models").glob("*.tar.gz")):
        home.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [rasa, "init", "--no-prompt", "--init-dir", str(home)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    port = free_port()
    started = time.perf_counter()
    log = (home / "rasa.log").open("w")
    proc = subprocess.Popen(
        [rasa, "run", "-p", str(port), "-i", "127.0.0.1", "-m", "models"],
        cwd=home,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    webhook = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    for _ in range(600):
        try:
            _post(webhook, "bench-ready", "hello", timeout=5)
            break
        except OSError:
            time.sleep(0.5)

    def stop() -> None:
        proc.terminate()
        proc.wait(30)
        log.close()

    server = Server("stock rasa init", webhook, lambda: [proc.pid], stop)
    server.started_s = time.perf_counter() - started
    return server


def _bizcall(var: Path) -> Server:
    """The bizcall stack (Rasa, actions, web) over a fresh SQLite database."""
    from bot.runner import start_fresh_stack

    run_dir = Path(tempfile.mkdtemp(prefix="bizcall-bench-", dir=var / "bench"))
    started = time.perf_counter()
    stack = start_fresh_stack(run_dir)
    server = Server(
        "bizcall",
        f"{stack.rasa_url}/webhooks/rest/webhook",
        lambda: [p.pid for p in stack.procs.values()],
        stack.stop,
    )
    server.started_s = time.perf_counter() - started
    return server


TRIAGE_LINES: Final = 400


def train_seconds(project: Path) -> float:
    """Wall time of ``rasa train`` in ``project`` from an empty cache, into a scratch dir."""
    with tempfile.TemporaryDirectory(prefix="bench-train-") as scratch:
        env = {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "RASA_CACHE_DIRECTORY": str(Path(scratch) / "cache"),
        }
        started = time.perf_counter()
        subprocess.run(
            [
                str(Path(sys.executable).with_name("rasa")),
                "train",
                "--force",
                "--out",
                str(Path(scratch) / "models"),
                "--quiet",
            ],
            cwd=project,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - started


def triage_seconds(lines: int = TRIAGE_LINES) -> float:
    """Wall time of ``bizcall triage --jsonl`` over ``lines`` dev-set inquiries (cycled)."""
    import yaml

    texts = [
        item["text"]
        for item in yaml.safe_load(
            (ROOT / "tests" / "nlu" / "triage_heldout.yml").read_text(encoding="utf-8")
        )["inquiries"]
    ]
    body = "".join(
        json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n"
        for i in range(lines)
    )
    started = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("bizcall")), "triage", "--jsonl"],
        input=body.encode(),
        check=True,
        capture_output=True,
    )
    took = time.perf_counter() - started
    answered = done.stdout.count(b"\n")
    if answered != lines:
        raise RuntimeError(f"triage answered {answered} of {lines} lines")
    return took


def measure(server: Server, turns: tuple[str, ...], first: str) -> dict[str, Any]:
    """Every figure for one bot, from its first answer after start to its memory."""
    result: dict[str, Any] = {
        "name": server.name,
        "start_s": server.started_s,
        "first_answer_ms": 1000 * _post(server.webhook, "bench-first", first),
    }
    for users, seconds in LEVELS:
        result[f"users_{users}"] = closed_loop(
            server.webhook, turns, users, seconds, server.name[:5]
        )
    result.update(long_conversation(server.webhook, turns, server.name[:5]))
    result["rss_mb"] = rss_mb(server.pids())
    return result


def table(stock: dict[str, Any], ours: dict[str, Any]) -> str:
    """Both bots side by side with the ratio bizcall / stock (and the issue-18 targets)."""
    rows = [
        ("first answer after start (ms)", "first_answer_ms", None),
        ("1 user p50 (ms)", ("users_1", "p50_ms"), "≤ 1.2"),
        ("1 user p95 (ms)", ("users_1", "p95_ms"), None),
        ("10 users turns/s", ("users_10", "turns_per_s"), "≥ 1.0"),
        ("10 users p50 (ms)", ("users_10", "p50_ms"), None),
        ("50 users turns/s", ("users_50", "turns_per_s"), None),
        ("50 users p50 (ms)", ("users_50", "p50_ms"), None),
        ("turn ~5 of one conversation (ms)", "turn_5_ms", None),
        ("turn ~200 of one conversation (ms)", "turn_200_ms", None),
        ("resident memory, all processes (MB)", "rss_mb", None),
    ]

    def get(result: dict[str, Any], key: Any) -> float:
        return float(result[key[0]][key[1]] if isinstance(key, tuple) else result[key])

    lines = [f"{'':38} {'stock':>10} {'bizcall':>10} {'ratio':>7}  target", "-" * 78]
    for label, key, target in rows:
        a, b = get(stock, key), get(ours, key)
        lines.append(
            f"{label:38} {a:10.1f} {b:10.1f} {b / a if a else float('nan'):7.2f}  "
            f"{target or ''}"
        )
    growth = ours["turn_200_ms"] / ours["turn_5_ms"]
    lines.append(f"{'bizcall turn 200 / turn 5':38} {'':10} {'':10} {growth:7.2f}  ≤ 1.5")
    lines.append(
        f"{'bizcall first answer (s)':38} {'':10} "
        f"{ours['first_answer_ms'] / 1000:10.2f} {'':7}  ≤ 1.5 s"
    )
    lines.append(
        f"{'bizcall resident memory (GB)':38} {'':10} {ours['rss_mb'] / 1024:10.2f} "
        f"{'':7}  ≤ 1.5 GB"
    )
    if "train_s" in ours:
        lines.append(
            f"{'rasa train, empty cache (s)':38} {stock['train_s']:10.1f} "
            f"{ours['train_s']:10.1f} {ours['train_s'] / stock['train_s']:7.2f}"
        )
    lines.append(f"{'bizcall triage of 400 lines (s)':38} {'':10} {ours['triage_400_s']:10.1f}")
    errors = sum(r[f"users_{u}"]["errors"] for r in (stock, ours) for u, _ in LEVELS)
    lines.append(f"request errors during load: {errors}")
    return "\n".join(lines)


def main() -> int:
    """Run both bots one after the other (never at once: they would share two cores)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-train", action="store_true", help="skip the two full trainings (about 7 minutes)"
    )
    args = parser.parse_args()
    var = ROOT / "var"
    (var / "bench").mkdir(parents=True, exist_ok=True)
    results = {}
    for name, start, turns, first in (
        ("stock", _stock, STOCK_TURNS, "hello"),
        ("bizcall", _bizcall, BIZCALL_TURNS, "청년취업사관학교 신청 자격이 뭐예요?"),
    ):
        print(f"starting {name} …", flush=True)
        server = start(var)
        try:
            results[name] = measure(server, turns, first)
        finally:
            server.stop()
    print("triage of 400 lines …", flush=True)
    results["bizcall"]["triage_400_s"] = triage_seconds()
    if not args.no_train:
        print("training both bots from an empty cache …", flush=True)
        results["stock"]["train_s"] = train_seconds(var / "bench" / "stock")
        results["bizcall"]["train_s"] = train_seconds(ROOT)
    print(table(results["stock"], results["bizcall"]))
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    out = var / "bench" / f"bench-{stamp}.json"
    out.write_text(json.dumps({"machine": os.cpu_count(), **results}, indent=2), encoding="utf-8")
    print(f"JSON: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
