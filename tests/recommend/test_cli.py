"""``bizcall recommend`` as a user runs it: JSON for one profile, one line per input line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.settings import ROOT


def _cli(args: list[str], db: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "BIZCALL_DATABASE_URL": db}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "recommend", *args],
        input=stdin,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_one_profile_and_jsonl(loaded_db: str, tmp_path: Path) -> None:
    one = _cli(
        ["We are a German robotics company planning to set up an office in Seoul"], loaded_db
    )
    assert one.returncode == 0, one.stderr
    answer = json.loads(one.stdout)
    assert set(answer) == {"profile", "programs"}
    assert answer["programs"][0]["id"] == "fdi-support"
    assert set(answer["programs"][0]) == {"id", "name", "status", "reasons", "to_check"}
    lines = "\n".join(
        [
            json.dumps(
                {"id": "a", "text": "반찬 가게 온라인 판매 늘리고 싶어요"}, ensure_ascii=False
            ),
            "{broken",
            json.dumps({"id": "b"}),
        ]
    )
    bulk = _cli(["--jsonl"], loaded_db, lines + "\n")
    assert bulk.returncode == 0, bulk.stderr
    rows = [json.loads(line) for line in bulk.stdout.splitlines()]
    assert [r.get("id") for r in rows] == ["a", None, "b"]
    assert rows[0]["programs"] and "invalid JSON" in rows[1]["error"]
    assert rows[2]["error"] == "empty text"
