"""`bizcall staff …` and `bizcall inquiries export`."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import main
from bot.console import auth
from tests.console.conftest import NOW, listed, relabel, user_turn
from tests.support.booking import call


def test_staff_accounts_from_the_command_line(
    console_db: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough passphrase\n"))
    assert main(["staff", "add", "Choi", "--role", "admin", "--password-stdin"]) == 0
    assert (
        call(
            auth.login, username="choi", password="a long enough passphrase", ip="cli", now=NOW
        ).staff.role
        == "admin"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["staff", "add", "kang", "--password-stdin"]) == 1
    assert main(["staff", "disable", "choi"]) == 0
    assert main(["staff", "list"]) == 0
    assert "choi\tadmin\tdisabled" in capsys.readouterr().out
    assert main(["staff", "add"]) == 2  # a name is needed


async def test_inquiries_export_writes_where_told(
    console_db: str,
    store_conversation: Callable[..., Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    said = "가게 이름 상표로 등록할 수 있나요"
    await store_conversation("c1", [user_turn(said, "out_of_scope", 0.4), ("bot", "…")])
    [item] = listed().items
    relabel(item.id, "consultation", "patent")
    out = tmp_path / "reviewed.yml"
    assert main(["inquiries", "export", "--out", str(out)]) == 0
    assert "1 reviewed examples" in capsys.readouterr().out
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["nlu"][0]["intent"] == "consult_patent"
