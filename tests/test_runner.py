"""``bizcall run`` stops every server it started when it is interrupted."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.settings import ROOT
from tests.support.net import free_port

MODEL = ROOT / "models" / "bizcall.tar.gz"



def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.e2e
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_run_prints_urls_and_stops_everything(tmp_path: Path, sig: signal.Signals) -> None:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: `make test` trains it before pytest runs")
    ports = {name: free_port() for name in ("RASA", "ACTIONS", "WEB")}
    env = {**os.environ, "BIZCALL_VAR_DIR": str(tmp_path),
           "BIZCALL_DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
           **{f"BIZCALL_{k}_PORT": str(v) for k, v in ports.items()}}
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "logs" in line:
                break
        out = "".join(lines)
        assert "bizcall is running" in out, out
        assert f"http://127.0.0.1:{ports['WEB']}/" in out
        assert all(_listening(p) for p in ports.values())
        proc.send_signal(sig)
        assert proc.wait(timeout=30) == 0
        assert not any(_listening(p) for p in ports.values())
    finally:
        if proc.poll() is None:
            proc.kill()
