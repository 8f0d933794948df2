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


def _pids_with(*parts: str) -> list[int]:
    """Processes whose command line holds every one of ``parts``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        words = [a.decode(errors="replace") for a in args]
        if all(part in words for part in parts):
            found.append(int(entry.name))
    return found


def _back(port: int, *, old_pid: int, parts: tuple[str, ...], timeout: float = 90) -> bool:
    """True once a new process with ``parts`` listens on ``port`` again."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _listening(port) and [p for p in _pids_with(*parts) if p != old_pid]:
            return True
        time.sleep(0.5)
    return False


@pytest.mark.e2e
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_run_prints_urls_and_stops_everything(tmp_path: Path, sig: signal.Signals) -> None:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: `make test` trains it before pytest runs")
    ports = {name: free_port() for name in ("RASA", "ACTIONS", "WEB")}
    env = {
        **os.environ,
        "BIZCALL_VAR_DIR": str(tmp_path),
        "BIZCALL_DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        **{f"BIZCALL_{k}_PORT": str(v) for k, v in ports.items()},
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
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
        if sig == signal.SIGINT:
            # Supervision: a killed action server is started again by bizcall run itself.
            [actions] = _pids_with("bot.serve", "actions", str(ports["ACTIONS"]))
            os.kill(actions, signal.SIGKILL)
            assert _back(
                ports["ACTIONS"],
                old_pid=actions,
                parts=("bot.serve", "actions", str(ports["ACTIONS"])),
            ), "action server not restarted"
            assert proc.poll() is None  # the stack kept running
        proc.send_signal(sig)
        assert proc.wait(timeout=30) == 0
        assert not any(_listening(p) for p in ports.values())
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize("token", ["-Xq3_token", "--looks-like-an-option", "plain_Token-1"])
def test_rasa_reads_the_jwt_secret_whatever_it_begins_with(tmp_path: Path, token: str) -> None:
    """token_urlsafe can begin with '-': Rasa's parser must still read it as the secret,
    the secret is added inside the Rasa process, never on the command line, and there is
    no --auth-token (which would let the secret work in a URL)."""
    import dataclasses

    from rasa.__main__ import create_argument_parser

    from bot.runner import rasa_run_args
    from bot.serve import rasa_argv
    from bot.settings import load_settings

    settings = dataclasses.replace(
        load_settings(), rasa_token=token, host="127.0.0.1", rasa_port=5999, web_port=8999
    )
    args = rasa_run_args(settings, tmp_path / "m.tar.gz", tmp_path / "endpoints.yml")
    assert not any(token in a for a in args)  # what `ps` would show
    parsed = create_argument_parser().parse_args(rasa_argv(args[1:], token)[1:])
    assert parsed.jwt_secret == token
    assert parsed.jwt_method == "HS256"
    assert parsed.auth_token is None
    assert parsed.port == 5999
    assert parsed.model == str(tmp_path / "m.tar.gz")
    assert parsed.endpoints == str(tmp_path / "endpoints.yml")
    assert parsed.cors == ["http://127.0.0.1:8999", "http://localhost:8999"]


def test_free_ports_are_distinct_and_outside_the_ephemeral_range() -> None:
    """Outgoing connections take ports from the ephemeral range; a server port chosen there
    can be gone before the server binds it."""
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    ports = [free_port() for _ in range(20)]
    assert len(set(ports)) == 20
    assert all(1024 <= port < low for port in ports)
