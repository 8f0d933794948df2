"""`bizcall run` keeps conversations in our database, without copying its URL into var/."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.runner import write_endpoints
from bot.settings import load_settings


def test_rasa_stores_conversations_in_our_database(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = "postgresql+psycopg2://bizcall:s3cret@db.internal/bizcall"
    monkeypatch.setenv("BIZCALL_DATABASE_URL", url)
    path = write_endpoints(load_settings(), tmp_path / "endpoints.yml")
    assert "s3cret" not in path.read_text(encoding="utf-8")

    from rasa.utils.endpoints import read_endpoint_config

    store = read_endpoint_config(str(path), "tracker_store")
    assert store is not None
    assert store.type == "bot.tracker_store.RedactingSQLTrackerStore"
    assert store.url == url  # expanded by Rasa from the server's environment


def test_console_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BIZCALL_RASA_TOKEN", raising=False)
    monkeypatch.delenv("BIZCALL_SECURE_COOKIES", raising=False)
    plain = load_settings()
    assert (plain.rasa_token, plain.secure_cookies) == ("", False)
    monkeypatch.setenv("BIZCALL_RASA_TOKEN", "t0ken")
    monkeypatch.setenv("BIZCALL_SECURE_COOKIES", "1")
    assert (load_settings().rasa_token, load_settings().secure_cookies) == ("t0ken", True)
