"""``bizcall triage`` with the trained model: one JSON object per inquiry, fast in bulk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
import yaml

from bot.settings import ROOT

pytestmark = pytest.mark.e2e
MODEL = ROOT / "models" / "bizcall.tar.gz"


def _start(args: list[str], db: str) -> subprocess.Popen:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: `make test` trains it before pytest runs")
    # As a user's shell runs it: libraries imported in this test process may have set
    # TensorFlow's log level in os.environ, which would hide (or add) its start-up notices.
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    env["BIZCALL_DATABASE_URL"] = db
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "triage", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
        text=True,
    )


def _jsonl_input() -> str:
    heldout = yaml.safe_load(
        (ROOT / "tests" / "nlu" / "triage_heldout.yml").read_text(encoding="utf-8")
    )["inquiries"]
    lines = [
        json.dumps({"id": f"q{i}", "text": heldout[i % len(heldout)]["text"]}, ensure_ascii=False)
        for i in range(400)
    ]
    lines[5] = "{not json"
    lines[6] = json.dumps({"id": "empty", "text": ""})
    lines[7] = json.dumps({"id": "jamo", "text": "ㅋㅋㅋㅋ"})
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, str, float]]:
    """Both modes at once (each loads the model: half the wall time on two cores)."""
    from bot.catalog.loader import load_catalog, read_catalog
    from bot.db import session_scope
    from bot.db.migrate import upgrade

    db = f"sqlite:///{tmp_path_factory.mktemp('triage') / 'triage.db'}"
    upgrade(db)
    with session_scope(db) as session:
        load_catalog(read_catalog(ROOT / "catalog"), session=session)
    started = time.perf_counter()
    single = _start(["직원이 한 달째 안 나오다가 밀린 월급이랑 퇴직금을 달래요"], db)
    bulk = _start(["--jsonl"], db)
    results = {}
    for name, proc, stdin in (("single", single, None), ("jsonl", bulk, _jsonl_input())):
        out, err = proc.communicate(stdin, timeout=300)
        results[name] = (proc.returncode, out, err, time.perf_counter() - started)
    return results


def test_single_inquiry_prints_the_contract(runs: dict) -> None:
    code, stdout, stderr, _ = runs["single"]
    assert code == 0, stderr
    out = json.loads(stdout)
    assert set(out) == {"topic", "field", "program", "confidence", "intent", "entities"}
    assert (out["topic"], out["field"]) == ("consultation", "labor")
    assert "Warning" not in stderr, stderr  # no library deprecation notices


def test_jsonl_keeps_ids_survives_bad_lines(runs: dict) -> None:
    code, stdout, stderr, elapsed = runs["jsonl"]
    assert code == 0, stderr
    rows = [json.loads(line) for line in stdout.splitlines()]
    assert len(rows) == 400
    assert rows[0]["id"] == "q0" and rows[399]["id"] == "q399"
    assert "invalid JSON" in rows[5]["error"]
    assert rows[6]["id"] == "empty" and "empty" in rows[6]["error"]
    assert rows[7]["topic"] == "out_of_scope"
    print(
        f"400 inquiries triaged in {elapsed:.1f}s (model load included; speed is measured "
        "by make eval, not asserted here)"
    )
