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


def _run(args: list[str], stdin: str | None, db: str) -> subprocess.CompletedProcess:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: `make test` trains it before pytest runs")
    env = {**os.environ, "BIZCALL_DATABASE_URL": db}
    return subprocess.run([sys.executable, "-m", "bot.cli", "triage", *args], input=stdin,
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_single_inquiry_prints_the_contract(loaded_db: str) -> None:
    result = _run(["직원이 한 달째 안 나오다가 밀린 월급이랑 퇴직금을 달래요"], None, loaded_db)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"topic", "field", "program", "confidence", "intent", "entities"}
    assert (out["topic"], out["field"]) == ("consultation", "labor")
    assert "Warning" not in result.stderr, result.stderr  # no library deprecation notices


def test_jsonl_keeps_ids_survives_bad_lines_and_is_fast(loaded_db: str) -> None:
    heldout = yaml.safe_load((ROOT / "tests" / "nlu" / "triage_heldout.yml").read_text(
        encoding="utf-8"))["inquiries"]
    lines = [json.dumps({"id": f"q{i}", "text": heldout[i % len(heldout)]["text"]},
                        ensure_ascii=False) for i in range(400)]
    lines[5] = "{not json"
    lines[6] = json.dumps({"id": "empty", "text": ""})
    lines[7] = json.dumps({"id": "jamo", "text": "ㅋㅋㅋㅋ"})
    started = time.perf_counter()
    result = _run(["--jsonl"], "\n".join(lines) + "\n", loaded_db)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 400
    assert rows[0]["id"] == "q0" and rows[399]["id"] == "q399"
    assert "invalid JSON" in rows[5]["error"]
    assert rows[6]["id"] == "empty" and "empty" in rows[6]["error"]
    assert rows[7]["topic"] == "out_of_scope"
    print(f"400 inquiries triaged in {elapsed:.1f}s (model load included)")
    assert elapsed < 60, "400 lines must finish in under a minute on 2 cores"
