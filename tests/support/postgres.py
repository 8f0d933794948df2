"""A throwaway PostgreSQL server for tests, from the Debian packages ``make test`` installs.

Each test session gets its own cluster in a temporary directory, on a free port bound to
127.0.0.1, owned by the ``postgres`` system user when the tests run as root (PostgreSQL
refuses to run as root). ``start`` returns ``None`` with a reason when it cannot start, so
the tests skip with that reason printed instead of failing on a machine without the server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot.scaled import servers
from tests.support.net import free_port


@dataclass
class PostgresServer:
    """A running throwaway cluster."""

    bin_dir: Path
    data_dir: Path
    port: int
    user: str | None

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://bizcall@127.0.0.1:{self.port}/bizcall"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = servers.as_user(self.user, [str(a) for a in args])
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

    def stop(self) -> None:
        self._run(self.bin_dir / "pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "stop")
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def start() -> tuple[PostgresServer | None, str]:
    """Start a cluster; returns ``(server, "")`` or ``(None, reason)``."""
    try:  # the same binaries and system user as make run-scaled (bot.scaled.servers)
        bin_dir = servers.postgres_bin()
        user = servers.system_user()
    except servers.MissingServer as missing:
        return None, str(missing)
    root = Path(tempfile.mkdtemp(prefix="bizcall-pg-"))
    os.chmod(root, 0o755)
    data = root / "data"
    if user:
        shutil.chown(root, user=user)
    server = PostgresServer(bin_dir=bin_dir, data_dir=data, port=free_port(), user=user)
    steps = [
        servers.initdb_command(bin_dir, data),
        (
            bin_dir / "pg_ctl",
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-l",
            str(root / "server.log"),
            "-o",
            f"-p {server.port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off",
            "start",
        ),
        (
            bin_dir / "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(server.port),
            "-U",
            "bizcall",
            "bizcall",
        ),
    ]
    for step in steps:
        result = server._run(*map(str, step))
        if result.returncode != 0:
            log = (
                (root / "server.log").read_text(errors="replace")[-800:]
                if (root / "server.log").exists()
                else ""
            )
            server.stop()
            return None, f"{Path(str(step[0])).name} failed: {result.stderr.strip()[-400:]} {log}"
    return server, ""
