"""``python -m bot.scaled.serve``: the command line and endpoints each kind of process gets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.runner import StartupError, lock_store_lines, rasa_env
from bot.scaled.serve import ENV, command, process_env
from bot.settings import Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name in ("BIZCALL_REDIS_URL", "BIZCALL_ACTIONS_URL", "BIZCALL_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    return dataclasses.replace(
        load_settings(),
        var_dir=tmp_path,
        host="127.0.0.1",
        rasa_port=5006,
        actions_port=5056,
        web_port=8000,
        database_url="postgresql+psycopg2://bizcall@db:5432/bizcall",
        redis_url="redis://:s3cret@cache:6380/2",
        actions_url="http://127.0.0.1:8055",
        public_url="http://127.0.0.1:8080",
        model_path=tmp_path / "model.tar.gz",
        rasa_token="token",
    )


def test_no_redis_means_rasa_s_in_memory_lock_store() -> None:
    assert lock_store_lines("") == []


def test_a_redis_url_becomes_rasa_s_lock_store_without_its_password() -> None:
    assert lock_store_lines("redis://:s3cret@cache:6380/2") == [
        "lock_store:",
        "  type: redis",
        "  url: cache",
        "  port: 6380",
        "  db: 2",
        "  key_prefix: bizcall",
        "  password: ${BIZCALL_REDIS_PASSWORD}",
    ]
    assert lock_store_lines("rediss://cache") == [
        "lock_store:",
        "  type: redis",
        "  url: cache",
        "  port: 6379",
        "  db: 0",
        "  key_prefix: bizcall",
        "  use_ssl: true",
    ]


@pytest.mark.parametrize("url", ["http://cache:6379", "redis://", "cache:6379"])
def test_a_malformed_redis_url_is_refused_with_a_clear_message(url: str) -> None:
    with pytest.raises(StartupError, match="BIZCALL_REDIS_URL must look like"):
        lock_store_lines(url)


def test_the_password_reaches_rasa_only_through_its_environment(settings: Settings) -> None:
    env = rasa_env(settings)
    assert env["BIZCALL_REDIS_PASSWORD"] == "s3cret"
    assert env["TICKET_LOCK_LIFETIME"] == "20"
    assert env["SANIC_HOST"] == "127.0.0.1"


def test_a_replica_gets_its_port_endpoints_and_the_shared_model(settings: Settings) -> None:
    args = command("rasa", settings)
    assert args[:5] == ["-m", "bot.serve", "rasa", "run", "--enable-api"]
    assert args[args.index("-p") + 1] == "5006"
    assert f"--model={settings.model_path}" in args
    endpoints = settings.var_dir / "endpoints-5006.yml"
    assert f"--endpoints={endpoints}" in args
    assert "http://127.0.0.1:8080" in args[args.index("--cors") :]  # pages come from nginx
    text = endpoints.read_text(encoding="utf-8")
    assert 'url: "http://127.0.0.1:8055/webhook"' in text  # action calls through nginx
    assert "url: ${BIZCALL_DATABASE_URL}" in text
    assert "  type: redis\n  url: cache\n  port: 6380\n  db: 2\n" in text
    assert "s3cret" not in text


def test_the_other_kinds(settings: Settings) -> None:
    assert command("migrate", settings) == ["-m", "bot.cli", "db", "load"]
    assert command("actions", settings) == [
        "-m",
        "bot.serve",
        "actions",
        "--actions",
        "actions",
        "-p",
        "5056",
    ]
    assert command("web", settings) == [
        "-m",
        "bot.web.server",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        "--rasa-url",
        "http://127.0.0.1:8080",
    ]
    with pytest.raises(SystemExit, match="usage: python -m bot.scaled.serve"):
        command("nginx", settings)


def test_each_kind_gets_exactly_the_settings_it_reads(settings: Settings) -> None:
    env = process_env(settings, "rasa")
    assert sorted(env) == sorted(ENV["rasa"])
    assert env["BIZCALL_RASA_PORT"] == "5006"
    assert env["BIZCALL_ACTIONS_URL"] == "http://127.0.0.1:8055"
    assert sorted(process_env(settings, "migrate")) == [
        "BIZCALL_DATABASE_URL",
        "BIZCALL_HOST",
        "BIZCALL_VAR_DIR",
    ]
