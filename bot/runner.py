"""Start and stop the local stack: action server, Rasa server and the chat page.

``make run`` and the end-to-end tests use the same code, so what the tests hold
a conversation with is exactly what a developer runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bot.rasa_auth import rasa_headers
from bot.settings import ROOT, Settings, load_settings


class StartupError(RuntimeError):
    """A server did not come up; the message names it and the tail of its log."""


@dataclass
class Stack:
    """Running processes of one bizcall stack."""

    settings: Settings
    log_dir: Path
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    _logs: list[IO[bytes]] = field(default_factory=list)
    _specs: dict[str, tuple[list[str], dict[str, str]]] = field(default_factory=dict)
    _restarts: dict[str, list[float]] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        """Where the Rasa server of this stack listens."""
        return f"http://{self.settings.host}:{self.settings.rasa_port}"

    @property
    def actions_url(self) -> str:
        """Where the action server of this stack listens."""
        return f"http://{self.settings.host}:{self.settings.actions_port}"

    @property
    def web_url(self) -> str:
        """Where the web app (widget and console) of this stack listens."""
        return f"http://{self.settings.host}:{self.settings.web_port}"

    @property
    def rasa_token(self) -> str:
        """Secret that signs calls to Rasa's HTTP API (``bot.rasa_auth``); per run unless set."""
        return self.settings.rasa_token

    def _spawn(
        self, name: str, args: list[str], env: dict[str, str], *, append: bool = False
    ) -> None:
        log = (self.log_dir / f"{name}.log").open("ab" if append else "wb")
        self._logs.append(log)
        self._specs[name] = (args, env)
        self.procs[name] = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def restart_crashed(self, now: float) -> list[str]:
        """Start again every server that has exited, with backoff; returns what it restarted.

        A server that died is started again at once the first time, then after 1, 2, 4 …
        up to 30 seconds if it keeps dying (counted over the last five minutes), so a
        crash loop does not spin. Conversations live in the database, so a restarted
        Rasa carries on where it stopped.
        """
        restarted = []
        for name, proc in list(self.procs.items()):
            code = proc.poll()
            if code is None:
                continue
            recent = [t for t in self._restarts.get(name, []) if now - t < 300]
            delay = 0.0 if not recent else min(30.0, 2.0 ** (len(recent) - 1))
            if recent and now - recent[-1] < delay:
                continue
            print(
                f"bizcall: {name} exited with {code}; starting it again "
                f"(restart {len(recent) + 1} in 5 min)",
                file=sys.stderr,
                flush=True,
            )
            args, env = self._specs[name]
            self._spawn(name, args, env, append=True)
            self._restarts[name] = [*recent, now]
            restarted.append(name)
        return restarted

    def log_tail(self, name: str, lines: int = 30) -> str:
        """The last ``lines`` of a server's log, to show why it did not come up."""
        path = self.log_dir / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Terminate every process (its whole group), then kill what is left."""
        for proc in self.procs.values():
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        for log in self._logs:
            log.close()
        self._logs.clear()


_HANDED_OUT: set[int] = set()


def _ephemeral_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (tests, chaos, bench).

    Chosen below the kernel's ephemeral range: a port from that range (what binding port 0
    gives) can be taken by any outgoing connection in the seconds before the server binds
    it, which made stacks fail with "address already in use". Never the same port twice
    from one process.
    """
    top = _ephemeral_start()
    rng = secrets.SystemRandom()
    for _ in range(200):
        port = rng.randrange(max(1024, top - 12000), top)
        if port in _HANDED_OUT:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    with socket.socket() as s:  # a crowded machine: fall back to the kernel's choice
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_endpoints(settings: Settings, path: Path, *, actions_url: str | None = None) -> Path:
    """An endpoints.yml pointing Rasa at this stack's action server, database and locks.

    Conversations are kept in our database (Rasa's ``events`` table, written through
    ``bot.tracker_store``), where the staff console reads them. The database URL is not
    copied into the file: Rasa expands ``${BIZCALL_DATABASE_URL}`` from its environment,
    so a PostgreSQL password never lands in ``var/``. With ``settings.redis_url`` the
    replicas share Redis's lock store (``lock_store_lines``).

    Args:
        settings: the stack's settings.
        path: where to write the file.
        actions_url: the action endpoint's base URL (the scaled profile passes nginx's
            internal listener); default: the one action server on ``actions_port``.
    """
    base = actions_url or f"http://{settings.host}:{settings.actions_port}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Written by bizcall run from BIZCALL_* settings; edit those, not this file.\n"
        "action_endpoint:\n"
        f'  url: "{base}/webhook"\n'
        "tracker_store:\n"
        "  type: bot.tracker_store.RedactingSQLTrackerStore\n"
        "  url: ${BIZCALL_DATABASE_URL}\n"
        + "".join(line + "\n" for line in lock_store_lines(settings.redis_url)),
        encoding="utf-8",
    )
    return path


def lock_store_lines(redis_url: str) -> list[str]:
    """The ``lock_store`` section for ``redis_url`` (none without one: Rasa's in-memory lock).

    Rasa's Redis lock store takes host, port and db rather than a URL. A password is not
    written: Rasa expands ``${BIZCALL_REDIS_PASSWORD}``, which the runner sets from the URL.
    """
    if not redis_url:
        return []
    from urllib.parse import urlsplit

    parts = urlsplit(redis_url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise StartupError(
            f"BIZCALL_REDIS_URL must look like redis://host:port/0, got "
            f"{parts.scheme}://{parts.hostname or ''}…"
        )
    db = parts.path.strip("/") or "0"
    lines = [
        "lock_store:",
        "  type: redis",
        f"  url: {parts.hostname}",
        f"  port: {parts.port or 6379}",
        f"  db: {int(db) if db.isdigit() else 0}",
        "  key_prefix: bizcall",
    ]
    if parts.password:
        lines.append("  password: ${BIZCALL_REDIS_PASSWORD}")
    if parts.scheme == "rediss":
        lines.append("  use_ssl: true")
    return lines


def rasa_env(settings: Settings) -> dict[str, str]:
    """Environment every Rasa process of a stack gets on top of the caller's."""
    from urllib.parse import unquote, urlsplit

    env = {
        "BIZCALL_DATABASE_URL": settings.database_url,
        "BIZCALL_VAR_DIR": str(settings.var_dir),
        "BIZCALL_RASA_TOKEN": settings.rasa_token,
        "SANIC_HOST": settings.host,  # rasa-sdk binds 0.0.0.0 unless told
        "PYTHONUNBUFFERED": "1",
        "RASA_TELEMETRY_ENABLED": "false",  # nothing leaves the machine at run time
        "TICKET_LOCK_LIFETIME": str(settings.lock_lifetime_seconds),
    }
    if settings.redis_url:
        env["BIZCALL_REDIS_URL"] = settings.redis_url
        password = urlsplit(settings.redis_url).password
        if password:
            env["BIZCALL_REDIS_PASSWORD"] = unquote(password)
    return env


def _get(
    url: str, timeout: float = 2.0, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as resp:
        return resp.status, resp.read()


def wait_ready(stack: Stack, name: str, url: str, timeout: float, *, secret: str = "") -> None:
    """Poll ``url`` until it answers 200, or raise with the server's log tail.

    ``secret`` signs each poll (``bot.rasa_auth``) for Rasa's HTTP API.
    """
    deadline = time.monotonic() + timeout
    proc = stack.procs[name]
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise StartupError(f"{name} exited with {proc.returncode}:\n{stack.log_tail(name)}")
        try:
            status, _ = _get(url, headers=rasa_headers(secret))
            if status == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.5)
    raise StartupError(
        f"{name} did not answer {url} within {timeout:.0f}s:\n{stack.log_tail(name)}"
    )


def actions_run_args(settings: Settings) -> list[str]:
    """Arguments of the action server for this stack (after the program name).

    The embedded stack and each scaled action server (``bot.scaled.serve``) start it alike.
    """
    return ["actions", "--actions", "actions", "-p", str(settings.actions_port)]


def web_run_args(settings: Settings, rasa_url: str) -> list[str]:
    """Arguments of the web server (``bot.web.server``) for this stack, after the program name.

    ``rasa_url`` is where the chat page sends messages: Rasa itself in the embedded stack,
    nginx's public address in the scaled one (``bot.scaled.serve``).
    """
    return ["--host", settings.host, "--port", str(settings.web_port), "--rasa-url", rasa_url]


def rasa_run_args(settings: Settings, model: Path, endpoints: Path) -> list[str]:
    """Arguments of ``rasa run`` for this stack (after the program name).

    Paths are joined to their option with ``=``. The HTTP API's secret is not among them: a
    command line is visible to every local user (``ps``), so ``bot.serve`` reads it from
    ``BIZCALL_RASA_TOKEN`` inside the Rasa process (``rasa_argv``, ``bot.rasa_auth``).
    """
    origins = [f"http://{h}:{settings.web_port}" for h in (settings.host, "localhost")]
    if settings.public_url:  # the scaled profile: pages come from nginx's port
        origins += [
            settings.public_url,
            f"http://localhost:{settings.public_port}",
            f"http://127.0.0.1:{settings.public_port}",
        ]
        origins = list(dict.fromkeys(origins))
    return [
        "rasa",
        "run",
        "--enable-api",
        "-i",
        settings.host,
        "-p",
        str(settings.rasa_port),
        f"--model={model}",
        f"--endpoints={endpoints}",
        f"--credentials={ROOT / 'credentials.yml'}",
        "--cors",
        *origins,
    ]


def start_stack(settings: Settings, *, model: Path | None = None, timeout: float = 180) -> Stack:
    """Start the three servers for ``settings`` and wait until each answers.

    Args:
        settings: ports, host, database and var dir of this stack.
        model: trained model archive (default: ``settings.model_path``).
        timeout: seconds to wait for each server (Rasa loads TensorFlow: tens of seconds).
    """
    model = model or settings.model_path
    if not settings.rasa_token:  # Rasa's HTTP API answers only to this stack's console
        settings = dataclasses.replace(settings, rasa_token=secrets.token_urlsafe(32))
    if not Path(model).exists():
        raise StartupError(f"no trained model at {model}: run `make train` first")
    log_dir = settings.var_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    endpoints = write_endpoints(settings, settings.var_dir / "endpoints.yml")
    env = {**os.environ, **rasa_env(settings)}
    py = sys.executable
    stack = Stack(settings=settings, log_dir=log_dir)
    try:
        stack._spawn("actions", [py, "-m", "bot.serve", *actions_run_args(settings)], env)
        stack._spawn(
            "rasa", [py, "-m", "bot.serve", *rasa_run_args(settings, Path(model), endpoints)], env
        )
        rasa_url = f"http://{settings.host}:{settings.rasa_port}"
        stack._spawn("web", [py, "-m", "bot.web.server", *web_run_args(settings, rasa_url)], env)
        wait_ready(stack, "actions", f"{stack.actions_url}/health", timeout)
        wait_ready(stack, "web", f"{stack.web_url}/", timeout)
        wait_ready(stack, "rasa", f"{stack.rasa_url}/status", timeout, secret=settings.rasa_token)
    except BaseException:
        stack.stop()
        raise
    return stack


def start_fresh_stack(var: Path, *, model: Path | None = None) -> Stack:
    """A stack on free loopback ports over a new SQLite database in ``var`` holding the
    catalogue and the expert roster: what ``make chaos`` and ``make bench`` measure."""
    from bot.booking.roster import load_roster, read_roster
    from bot.catalog.loader import load_catalog, read_catalog
    from bot.db import session_scope
    from bot.db.migrate import upgrade

    url = f"sqlite:///{var / 'stack.db'}"
    upgrade(url)
    with session_scope(url) as session:
        load_catalog(read_catalog(ROOT / "catalog"), session=session)
        load_roster(read_roster(ROOT / "catalog" / "experts.yml"), session=session)
    settings = dataclasses.replace(
        load_settings(),
        database_url=url,
        var_dir=var,
        host="127.0.0.1",
        rasa_port=free_port(),
        actions_port=free_port(),
        web_port=free_port(),
    )
    return start_stack(settings, model=model)


def say(stack: Stack, sender: str, message: str, timeout: float = 60) -> list[dict[str, Any]]:
    """Send one message over the REST channel and return the bot's replies."""
    req = urllib.request.Request(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": message}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        replies: list[dict[str, Any]] = json.loads(resp.read())
    return replies


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_forever(settings: Settings) -> int:
    """Start the stack, print the URLs, keep every server running, stop all on Ctrl-C."""
    print("bizcall: starting the action server, Rasa and the chat page …", flush=True)
    try:
        stack = start_stack(settings)
    except StartupError as exc:
        print(f"bizcall: could not start: {exc}", file=sys.stderr)
        return 1
    return supervise_until_stopped(
        stack,
        (
            "\nbizcall is running (Ctrl-C stops everything):\n"
            f"  chat page        {stack.web_url}/\n"
            f"  REST webhook     {stack.rasa_url}/webhooks/rest/webhook\n"
            f"  socket.io        {stack.rasa_url}/socket.io\n"
            f"  KakaoTalk skill  {stack.rasa_url}/webhooks/kakao/webhook (docs/kakao.md)\n"
            f"  Rasa HTTP API    {stack.rasa_url}/status (signed Bearer JWT, BIZCALL_RASA_TOKEN)\n"
            f"  staff console    {stack.web_url}/console/ (accounts: bizcall staff add)\n"
            f"  action server    {stack.actions_url}/health\n"
            f"  logs             {stack.log_dir}/\n"
        ),
    )


def supervise_until_stopped(stack: Stack, banner: str) -> int:
    """Print ``banner``, restart whatever dies, stop everything on Ctrl-C or SIGTERM.

    Ctrl-C and a service manager's SIGTERM both stop everything (SIGINT may arrive ignored
    when started from a script, so the handler is installed explicitly). The banner is
    printed inside the ``try``: a signal just after it still stops all.
    """
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        print(banner, flush=True)
        while True:  # supervise: a crashed server is started again; only a signal stops all
            time.sleep(1)
            stack.restart_crashed(time.monotonic())
    except KeyboardInterrupt:
        print("\nbizcall: stopping …", flush=True)
        return 0
    finally:
        stack.stop()


def seconds_until_back(
    stack: Stack,
    name: str,
    old: subprocess.Popen[bytes],
    probe: str,
    started: float,
    *,
    headers: dict[str, str] | None = None,
    timeout: float = 240,
) -> float:
    """Seconds from ``started`` until ``name`` was restarted (not ``old``) and ``probe``
    answers 200; infinity if not within ``timeout`` (``make chaos``, ``make soak``)."""
    while time.monotonic() - started < timeout:
        if stack.procs[name] is not old:
            with contextlib.suppress(OSError, urllib.error.URLError):
                status, _ = _get(probe, headers=headers)
                if status == 200:
                    return time.monotonic() - started
        time.sleep(0.5)
    return float("inf")
