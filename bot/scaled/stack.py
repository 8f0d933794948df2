"""The scaled profile: PostgreSQL, Redis, several Rasa replicas and action servers behind nginx.

Same code as the embedded profile (``bot.runner``), more processes: ``make run-scaled``
starts, as local processes from Debian packages,

* PostgreSQL (a private cluster, unless ``BIZCALL_DATABASE_URL`` names a PostgreSQL
  server) and Redis (unless ``BIZCALL_REDIS_URL`` is set);
* the schema migration and catalogue load, **once**, before any replica starts;
* ``BIZCALL_ACTION_SERVERS`` action servers and ``BIZCALL_RASA_REPLICAS`` Rasa replicas
  (two each by default), every replica loading the same model file;
* the web app, and nginx in front of everything on ``BIZCALL_PUBLIC_PORT`` (8080).

nginx keeps each conversation on one replica and fails over (``bot.scaled.nginx``);
Redis carries the lock store and socket.io's messages between replicas. Every process is
supervised: one that dies is started again (``Stack.restart_crashed``).
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

from bot.runner import Stack, StartupError, supervise_until_stopped, wait_ready
from bot.scaled import nginx, servers
from bot.scaled.serve import process_env
from bot.settings import ROOT, Settings


def scaled_settings(settings: Settings) -> Settings:
    """``settings`` with browsers sent to nginx (``public_url``) unless set otherwise."""
    public = settings.public_url or f"http://{settings.host}:{settings.public_port}"
    return dataclasses.replace(settings, public_url=public)


def rasa_ports(settings: Settings) -> list[int]:
    """The replicas' ports: ``rasa_port``, ``rasa_port + 1`` and so on."""
    return [settings.rasa_port + i for i in range(settings.rasa_replicas)]


def action_ports(settings: Settings) -> list[int]:
    """The action servers' ports: ``actions_port``, ``actions_port + 1`` and so on."""
    return [settings.actions_port + i for i in range(settings.action_servers)]


def layout(settings: Settings, run_dir: Path) -> nginx.NginxLayout:
    """The routes nginx needs for this machine's processes."""
    host = settings.host
    return nginx.NginxLayout(
        listen=f"{host}:{settings.public_port}",
        actions_listen=f"{host}:{settings.actions_proxy_port}",
        rasa=[f"{host}:{p}" for p in rasa_ports(settings)],
        actions=[f"{host}:{p}" for p in action_ports(settings)],
        web=f"{host}:{settings.web_port}",
        run_dir=str(run_dir),
        user="root" if os.geteuid() == 0 else "",
    )


def _wait_tcp(stack: Stack, name: str, port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        proc = stack.procs[name]
        if proc.poll() is not None:
            raise StartupError(f"{name} exited with {proc.returncode}:\n{stack.log_tail(name)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise StartupError(
        f"{name} did not listen on {port} within {timeout:.0f}s:\n" f"{stack.log_tail(name)}"
    )


def _kind_env(settings: Settings, kind: str) -> dict[str, str]:
    # bot.scaled.serve adds the rest (unbuffered output, telemetry off, lock lifetime).
    return {**os.environ, **process_env(settings, kind)}


def _spawn_kind(stack: Stack, name: str, kind: str, settings: Settings) -> None:
    """Start ``kind`` as every deployment does: ``python -m bot.scaled.serve <kind>``."""
    stack._spawn(name, [sys.executable, "-m", "bot.scaled.serve", kind], _kind_env(settings, kind))


def _migrate_once(settings: Settings) -> None:
    """Create or upgrade the schema and load the catalogue: one process, before the replicas."""
    done = subprocess.run(
        [sys.executable, "-m", "bot.scaled.serve", "migrate"],
        cwd=ROOT,
        env=_kind_env(settings, "migrate"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise StartupError(f"migration failed:\n{(done.stdout + done.stderr)[-1500:]}")


def start_scaled_stack(
    settings: Settings, *, model: Path | None = None, timeout: float = 240
) -> Stack:
    """Start every process of the scaled profile and wait until nginx serves the chat.

    Args:
        settings: the process settings; ``scaled_settings`` fills in the profile's defaults.
        model: the model archive every replica loads (default ``settings.model_path``).
        timeout: seconds each server may take to answer.
    """
    settings = scaled_settings(settings)
    if not settings.rasa_token:
        settings = dataclasses.replace(settings, rasa_token=secrets.token_urlsafe(32))
    model = Path(model or settings.model_path)
    settings = dataclasses.replace(settings, model_path=model)
    if not model.exists():
        raise StartupError(f"no trained model at {model}: run `make train` first")
    run_dir = settings.var_dir / "scaled"
    log_dir = run_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "nginx" / "tmp").mkdir(parents=True, exist_ok=True)
    stack = Stack(settings=settings, log_dir=log_dir)
    try:
        if not settings.database_url.startswith("postgresql"):
            spec, url = servers.postgres_spec(settings.var_dir, settings.local_postgres_port)
            stack._spawn(spec.name, spec.args, {**os.environ, **spec.env})
            _wait_tcp(stack, "postgres", settings.local_postgres_port, timeout)
            servers.ensure_database(settings.local_postgres_port)
            settings = dataclasses.replace(settings, database_url=url)
        if not settings.redis_url:
            spec, url = servers.redis_spec(settings.var_dir, settings.local_redis_port)
            stack._spawn(spec.name, spec.args, {**os.environ, **spec.env})
            _wait_tcp(stack, "redis", settings.local_redis_port, timeout)
            settings = dataclasses.replace(settings, redis_url=url)
        settings = dataclasses.replace(
            settings, actions_url=f"http://{settings.host}:{settings.actions_proxy_port}"
        )
        stack.settings = settings
        _migrate_once(settings)

        for i, port in enumerate(action_ports(settings), start=1):
            _spawn_kind(
                stack, f"actions-{i}", "actions", dataclasses.replace(settings, actions_port=port)
            )
        for i, port in enumerate(rasa_ports(settings), start=1):
            _spawn_kind(stack, f"rasa-{i}", "rasa", dataclasses.replace(settings, rasa_port=port))
        _spawn_kind(stack, "web", "web", settings)
        config = run_dir / "nginx" / "nginx.conf"
        config.write_text(nginx.render(layout(settings, config.parent)), encoding="utf-8")
        spec = servers.nginx_spec(config)
        stack._spawn(spec.name, spec.args, {**os.environ, **spec.env})

        host = settings.host
        for i, port in enumerate(action_ports(settings), start=1):
            wait_ready(stack, f"actions-{i}", f"http://{host}:{port}/health", timeout)
        wait_ready(stack, "web", f"http://{host}:{settings.web_port}/", timeout)
        for i, port in enumerate(rasa_ports(settings), start=1):
            wait_ready(
                stack,
                f"rasa-{i}",
                f"http://{host}:{port}/status",
                timeout,
                secret=settings.rasa_token,
            )
        wait_ready(stack, "nginx", f"{settings.public_url}/", timeout)
    except BaseException:
        stack.stop()
        raise
    return stack


def run_scaled(settings: Settings) -> int:
    """``make run-scaled``: start the profile, print the URLs, supervise until Ctrl-C."""
    print("bizcall: starting the scaled profile (PostgreSQL, Redis, replicas, nginx) …", flush=True)
    try:
        stack = start_scaled_stack(settings)
    except (StartupError, servers.MissingServer) as exc:
        print(f"bizcall: could not start: {exc}", file=sys.stderr)
        return 1
    s = stack.settings
    public = s.public_url
    where = (
        "BIZCALL_DATABASE_URL"
        if os.environ.get("BIZCALL_DATABASE_URL", "").startswith("postgresql")
        else (f"local cluster on :{s.local_postgres_port}")
    )
    return supervise_until_stopped(
        stack,
        (
            "\nbizcall (scaled) is running (Ctrl-C stops everything):\n"
            f"  chat page        {public}/\n"
            f"  REST webhook     {public}/webhooks/rest/webhook\n"
            f"  socket.io        {public}/socket.io\n"
            f"  KakaoTalk skill  {public}/webhooks/kakao/webhook\n"
            f"  staff console    {public}/console/\n"
            f"  Rasa replicas    {', '.join(str(p) for p in rasa_ports(s))} "
            "(each: /status, signed)\n"
            f"  action servers   {', '.join(str(p) for p in action_ports(s))} "
            f"(behind nginx :{s.actions_proxy_port})\n"
            f"  database         PostgreSQL ({where})\n"
            f"  logs             {stack.log_dir}/\n"
        ),
    )
