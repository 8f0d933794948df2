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


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("BIZCALL_WEB_PORT", "eighty", "BIZCALL_WEB_PORT must be a whole number, got 'eighty'"),
        (
            "BIZCALL_HANDOFF_WAIT_MINUTES",
            "ten",
            "BIZCALL_HANDOFF_WAIT_MINUTES must be a whole number",
        ),
    ],
)
def test_a_bad_whole_number_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str, message: str
) -> None:
    monkeypatch.setenv(name, raw)
    with pytest.raises(SystemExit, match=message):
        load_settings()


@pytest.mark.parametrize(
    ("name", "raw", "field", "value"),
    [
        ("BIZCALL_HANDOFF_WAIT_MINUTES", None, "handoff_wait_minutes", 10),
        ("BIZCALL_HANDOFF_WAIT_MINUTES", "3", "handoff_wait_minutes", 3),
        ("BIZCALL_HANDOFF_WAIT_MINUTES", "0", "handoff_wait_minutes", 0),
        ("BIZCALL_HANDOFF_WAIT_MINUTES", "-5", "handoff_wait_minutes", 0),
        ("BIZCALL_JVM_HEAP_MB", None, "jvm_heap_mb", 128),
        ("BIZCALL_JVM_HEAP_MB", "384", "jvm_heap_mb", 384),
        ("BIZCALL_JVM_HEAP_MB", "16", "jvm_heap_mb", 64),
    ],
)
def test_whole_number_settings_default_and_clamp(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str | None, field: str, value: int
) -> None:
    """Unset gives the default; a value below the floor is raised to it."""
    if raw is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, raw)
    assert getattr(load_settings(), field) == value


def test_kakao_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "BIZCALL_KAKAO_SKILL_TOKEN",
        "BIZCALL_KAKAO_ID_SECRET",
        "BIZCALL_KAKAO_OPERATOR",
        "BIZCALL_KAKAO_ANSWER_SECONDS",
        "BIZCALL_KAKAO_CALLBACK_HOSTS",
        "BIZCALL_KAKAO_BLOCK_ID",
    ):
        monkeypatch.delenv(name, raising=False)
    s = load_settings()
    assert (
        s.kakao_skill_token,
        s.kakao_id_secret,
        s.kakao_operator,
        s.kakao_answer_seconds,
        s.kakao_callback_hosts,
        s.kakao_block_id,
    ) == ("", "", False, 3.5, ("kakao.com", "kakaoi.ai"), "")
    monkeypatch.setenv("BIZCALL_KAKAO_OPERATOR", "true")
    monkeypatch.setenv("BIZCALL_KAKAO_ANSWER_SECONDS", "9")
    monkeypatch.setenv("BIZCALL_KAKAO_CALLBACK_HOSTS", " Kakao.com, .example.org ")
    s = load_settings()
    assert (s.kakao_operator, s.kakao_answer_seconds, s.kakao_callback_hosts) == (
        True,
        4.0,
        ("kakao.com", "example.org"),
    )
    monkeypatch.setenv("BIZCALL_KAKAO_ANSWER_SECONDS", "soon")
    with pytest.raises(SystemExit, match="BIZCALL_KAKAO_ANSWER_SECONDS must be a number"):
        load_settings()
