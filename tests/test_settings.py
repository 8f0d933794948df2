"""Settings come from the environment, with embedded defaults under var/."""

from __future__ import annotations

import pytest

from bot.settings import ROOT, load_settings


def test_defaults_are_embedded_and_local(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BIZCALL_DATABASE_URL", "BIZCALL_VAR_DIR", "BIZCALL_HOST", "BIZCALL_RASA_PORT"):
        monkeypatch.delenv(name, raising=False)
    s = load_settings()
    assert s.database_url == f"sqlite:///{ROOT / 'var' / 'bizcall.db'}"
    assert s.host == "127.0.0.1"
    assert (s.rasa_port, s.actions_port, s.web_port) == (5005, 5055, 8000)


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIZCALL_DATABASE_URL", "postgresql+psycopg2://u:p@localhost/bizcall")
    monkeypatch.setenv("BIZCALL_RASA_PORT", "6005")
    s = load_settings()
    assert s.database_url.startswith("postgresql")
    assert s.rasa_port == 6005


def test_bad_port_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIZCALL_WEB_PORT", "eighty")
    with pytest.raises(SystemExit, match="BIZCALL_WEB_PORT must be an integer"):
        load_settings()
