"""PostgreSQL, Redis and nginx as plain local processes, from the Debian packages.

``make run-scaled`` (and the multi-replica test and ``make soak``) run these the way the
action server and Rasa run: in the foreground, one process group each, supervised by
``bot.runner.Stack`` — a killed Redis or nginx is started again like a killed replica.
``make test-services`` installs the packages (``scripts/test-services.sh``).

PostgreSQL refuses to run as root, so when bizcall runs as root the cluster runs as the
``postgres`` system user, in a folder that user can reach (a fresh clone under
``mktemp -d`` is private to root): ``/var/tmp/bizcall-<hash of var dir>/``.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


class MissingServer(RuntimeError):
    """A server binary is not installed; the message says which package provides it."""


@dataclass(frozen=True)
class ProcessSpec:
    """One server process: its command line and extra environment."""

    name: str
    args: list[str]
    env: dict[str, str]


def system_user() -> str | None:
    """``postgres`` when running as root (PostgreSQL will not run as root), else nobody."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise MissingServer(
            "running as root and there is no 'postgres' user "
            "(apt-get install postgresql creates it)"
        ) from exc
    return "postgres"


def postgres_bin() -> Path:
    """The newest installed PostgreSQL's ``bin`` folder."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    if not found:
        raise MissingServer(
            "PostgreSQL is not installed: make test-services " "(apt-get install postgresql)"
        )
    return Path(found[-1]).parent


def postgres_home(var_dir: Path) -> Path:
    """Where the local cluster lives: ``var/scaled/postgres``, or under /var/tmp as root."""
    if os.geteuid() != 0:
        return var_dir / "scaled" / "postgres"
    digest = hashlib.sha256(str(var_dir.resolve()).encode()).hexdigest()[:12]
    return Path("/var/tmp") / f"bizcall-{digest}" / "postgres"


def as_user(user: str | None, args: list[str]) -> list[str]:
    """``args`` run as ``user`` (``runuser``), or as they are when ``user`` is None."""
    return ["runuser", "-u", user, "--", *args] if user else args


def initdb_command(bin_dir: Path, data: Path) -> list[str]:
    """A new cluster in ``data``: superuser ``bizcall``, trust on the loopback, UTF-8.

    Trust is enough because the clusters this makes are private to the machine (the
    tests' throwaway ones, ``make run-scaled``'s local one).
    """
    return [
        str(bin_dir / "initdb"),
        "-D",
        str(data),
        "-U",
        "bizcall",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    ]


def postgres_spec(var_dir: Path, port: int) -> tuple[ProcessSpec, str]:
    """The PostgreSQL server for ``var_dir`` on ``port`` (created on first use) and its URL.

    Trust authentication on 127.0.0.1 only: the cluster is private to this machine's
    stack, like the SQLite file of the embedded profile. Production uses its own server
    through ``BIZCALL_DATABASE_URL`` (docs/deploy.md).
    """
    bin_dir = postgres_bin()
    user = system_user()
    home = postgres_home(var_dir)
    data = home / "data"
    if not (data / "PG_VERSION").exists():
        home.mkdir(parents=True, exist_ok=True)
        os.chmod(home, 0o755)
        os.chmod(home.parent, 0o755)
        if user:
            shutil.chown(home, user=user)
        done = subprocess.run(
            as_user(user, initdb_command(bin_dir, data)),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            raise MissingServer(f"initdb failed: {done.stderr.strip()[-400:]}")
    args = as_user(
        user,
        [
            str(bin_dir / "postgres"),
            "-D",
            str(data),
            "-p",
            str(port),
            "-c",
            "listen_addresses=127.0.0.1",
            "-k",
            str(home),
            "-c",
            "max_connections=200",  # 2 replicas × pools + action servers + web + soak
        ],
    )
    url = f"postgresql+psycopg2://bizcall@127.0.0.1:{port}/bizcall"
    return ProcessSpec("postgres", args, {}), url


def ensure_database(port: int) -> None:
    """Create the ``bizcall`` database on a fresh cluster (nothing when it exists)."""
    import psycopg2

    connection = psycopg2.connect(
        host="127.0.0.1", port=port, user="bizcall", dbname="postgres", connect_timeout=5
    )
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'bizcall'")
            if cursor.fetchone() is None:
                cursor.execute("CREATE DATABASE bizcall ENCODING 'UTF8'")
    finally:
        connection.close()


def redis_spec(var_dir: Path, port: int) -> tuple[ProcessSpec, str]:
    """A Redis server on 127.0.0.1:``port`` and its URL.

    Nothing is persisted: Redis holds only conversation locks (which must not outlive a
    restart) and socket.io messages in flight.
    """
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(binary).exists():
        raise MissingServer(
            "Redis is not installed: make test-services " "(apt-get install redis-server)"
        )
    work = var_dir / "scaled" / "redis"
    work.mkdir(parents=True, exist_ok=True)
    args = [
        binary,
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "no",
        "--dir",
        str(work),
        "--protected-mode",
        "yes",
        "--loglevel",
        "warning",
    ]
    return ProcessSpec("redis", args, {}), f"redis://127.0.0.1:{port}/0"


def nginx_spec(config: Path) -> ProcessSpec:
    """The nginx server in the foreground with ``config`` (from ``bot.scaled.nginx.render``)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise MissingServer(
            "nginx is not installed: make test-services " "(apt-get install nginx-light)"
        )
    return ProcessSpec(
        "nginx", [binary, "-p", str(config.parent), "-c", str(config), "-g", "daemon off;"], {}
    )
