"""``python -m bot.scaled.serve {migrate|actions|rasa|web}``: one process of the scaled profile.

Every place that runs the scaled profile starts its processes through this module, with
settings in the environment only: ``make run-scaled`` (``bot.scaled.stack``), the
containers of ``deploy/compose.yml`` and the pods of ``deploy/k8s``. So a replica in
Kubernetes runs the very command line a replica on a laptop runs, and ``ENV`` names the
settings each kind reads — a test holds the deployment files to it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Final

from bot.runner import (
    actions_run_args,
    rasa_env,
    rasa_run_args,
    web_run_args,
    write_endpoints,
)
from bot.settings import Settings, load_settings

KINDS: Final = ("migrate", "actions", "rasa", "web")

_COMMON: Final = ("BIZCALL_DATABASE_URL", "BIZCALL_HOST", "BIZCALL_VAR_DIR")
ENV: Final[dict[str, tuple[str, ...]]] = {
    "migrate": _COMMON,
    "actions": (*_COMMON, "BIZCALL_ACTIONS_PORT", "BIZCALL_JVM_HEAP_MB"),
    "rasa": (
        *_COMMON,
        "BIZCALL_RASA_PORT",
        "BIZCALL_REDIS_URL",
        "BIZCALL_RASA_TOKEN",
        "BIZCALL_ACTIONS_URL",
        "BIZCALL_PUBLIC_URL",
        "BIZCALL_LOCK_LIFETIME_SECONDS",
        "BIZCALL_MODEL",
        "BIZCALL_KAKAO_ID_SECRET",
    ),
    "web": (*_COMMON, "BIZCALL_WEB_PORT", "BIZCALL_PUBLIC_URL", "BIZCALL_RASA_TOKEN"),
}
"""The settings each kind of process needs from its environment in the scaled profile."""


def actions_url(settings: Settings) -> str:
    """Where Rasa sends action calls: ``BIZCALL_ACTIONS_URL``, else the one local server."""
    return settings.actions_url or f"http://{settings.host}:{settings.actions_port}"


def process_env(settings: Settings, kind: str) -> dict[str, str]:
    """The ``ENV`` values of ``kind`` for ``settings`` (what ``make run-scaled`` passes)."""
    values = {
        "BIZCALL_DATABASE_URL": settings.database_url,
        "BIZCALL_HOST": settings.host,
        "BIZCALL_VAR_DIR": str(settings.var_dir),
        "BIZCALL_ACTIONS_PORT": str(settings.actions_port),
        "BIZCALL_JVM_HEAP_MB": str(settings.jvm_heap_mb),
        "BIZCALL_RASA_PORT": str(settings.rasa_port),
        "BIZCALL_REDIS_URL": settings.redis_url,
        "BIZCALL_RASA_TOKEN": settings.rasa_token,
        "BIZCALL_ACTIONS_URL": actions_url(settings),
        "BIZCALL_PUBLIC_URL": settings.public_url,
        "BIZCALL_LOCK_LIFETIME_SECONDS": str(settings.lock_lifetime_seconds),
        "BIZCALL_MODEL": str(settings.model_path),
        "BIZCALL_KAKAO_ID_SECRET": settings.kakao_id_secret,
        "BIZCALL_WEB_PORT": str(settings.web_port),
    }
    return {name: values[name] for name in ENV[kind]}


def command(kind: str, settings: Settings) -> list[str]:
    """The arguments after ``python`` that run ``kind`` with ``settings``.

    For Rasa it also writes the replica's endpoints file (``var/endpoints-<port>.yml``):
    the action URL and the Redis lock store come from the settings, the database URL
    stays in the environment.
    """
    if kind == "migrate":
        return ["-m", "bot.cli", "db", "load"]
    if kind == "actions":
        return ["-m", "bot.serve", *actions_run_args(settings)]
    if kind == "web":
        public = settings.public_url or f"http://{settings.host}:{settings.rasa_port}"
        return ["-m", "bot.web.server", *web_run_args(settings, public)]
    if kind == "rasa":
        endpoints = write_endpoints(
            settings,
            settings.var_dir / f"endpoints-{settings.rasa_port}.yml",
            actions_url=actions_url(settings),
        )
        return ["-m", "bot.serve", *rasa_run_args(settings, Path(settings.model_path), endpoints)]
    raise SystemExit(f"usage: python -m bot.scaled.serve {{{'|'.join(KINDS)}}}")


def main(argv: list[str] | None = None) -> None:
    """Replace this process with ``kind``'s (signals then reach the server directly)."""
    args = list(sys.argv[1:] if argv is None else argv)
    kind = args[0] if args else ""
    settings = load_settings()
    argv_after_python = command(kind, settings)
    env = {**os.environ, **rasa_env(settings)}  # SANIC_HOST, lock lifetime, telemetry off
    os.execve(sys.executable, [sys.executable, *argv_after_python], env)


if __name__ == "__main__":
    main()
