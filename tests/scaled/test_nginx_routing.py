"""The scaled profile's nginx, for real: one conversation stays on one replica, and fails over.

Two small HTTP servers stand in for Rasa replicas (each answers with its own name), so
the test sees exactly where nginx sent each request; nginx is Debian's, running the
configuration ``bot.scaled.nginx.render`` writes for ``make run-scaled``.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.scaled.nginx import NginxLayout, render
from bot.scaled.servers import nginx_spec
from tests.support.net import free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class _Named(http.server.ThreadingHTTPServer):
    name = ""


class _Answer(http.server.BaseHTTPRequestHandler):
    server: _Named

    def _reply(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = self.server.name.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _reply
    do_POST = _reply

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads answers, not logs."""


def _serve(name: str, port: int) -> _Named:
    server = _Named(("127.0.0.1", port), _Answer)
    server.name = name
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, _Named]]]:
    if not Path(NGINX).exists():
        if os.environ.get("BIZCALL_REQUIRE_SERVICES"):
            pytest.fail("nginx missing although make test-services ran")
        pytest.skip("nginx is not installed (make test-services installs it)")
    run = tmp_path_factory.mktemp("nginx")
    (run / "tmp").mkdir()
    ports = {name: free_port() for name in ("rasa-1", "rasa-2", "actions-1", "web")}
    servers = {name: _serve(name, port) for name, port in ports.items()}
    public, actions = free_port(), free_port()
    config = run / "nginx.conf"
    config.write_text(
        render(
            NginxLayout(
                listen=f"127.0.0.1:{public}",
                actions_listen=f"127.0.0.1:{actions}",
                rasa=[f"127.0.0.1:{ports['rasa-1']}", f"127.0.0.1:{ports['rasa-2']}"],
                actions=[f"127.0.0.1:{ports['actions-1']}"],
                web=f"127.0.0.1:{ports['web']}",
                run_dir=str(run),
                user="root" if os.geteuid() == 0 else "",
            )
        )
    )
    # started as make run-scaled starts it
    proc = subprocess.Popen(nginx_spec(config).args, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{public}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1).read()
            break
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    try:
        yield base, servers
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        for server in servers.values():
            server.shutdown()
            server.server_close()


def _hit(url: str, body: object = None) -> str:
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=5) as resp:
        return str(resp.read().decode())


def _routes(base: str, who: str) -> list[str]:
    """Where each way in to conversation ``who`` lands: REST, socket.io, console, Kakao."""
    return [
        _hit(f"{base}/webhooks/rest/webhook", {"sender": who, "message": "안녕하세요"}),
        _hit(f"{base}/webhooks/rest/webhook", {"message": "순서가 바뀐 본문", "sender": who}),
        _hit(f"{base}/socket.io/?session_id={who}&EIO=4&transport=polling"),
        _hit(f"{base}/conversations/{who}/tracker/events", []),
        _hit(
            f"{base}/webhooks/kakao/webhook",
            {
                "userRequest": {"user": {"properties": {"plusfriendUserKey": "k"}, "id": who}},
                "bot": {"id": "bot-1"},
            },
        ),
    ]


def test_every_way_into_a_conversation_reaches_the_same_replica(proxy: tuple) -> None:
    base, _ = proxy
    landed = {
        who: set(_routes(base, who))
        for who in (
            "alice0001",
            "bob000002",
            "carol0003",
            "dave00004",
            "erin00005",
            "frank0006",
            "grace0007",
            "heidi0008",
        )
    }
    assert all(len(places) == 1 for places in landed.values()), landed
    # and the conversations are spread: both replicas hold some
    assert {next(iter(p)) for p in landed.values()} == {"rasa-1", "rasa-2"}


def test_pages_go_to_the_web_app_and_action_calls_to_the_action_servers(proxy: tuple) -> None:
    base, _ = proxy
    assert _hit(f"{base}/") == "web"
    assert _hit(f"{base}/console/") == "web"
    assert _hit(f"{base}/widget/bizcall-widget.js") == "web"
    assert _hit(f"{base}/status") in ("rasa-1", "rasa-2")


def test_a_dead_replica_s_conversations_move_to_the_other(proxy: tuple) -> None:
    base, servers = proxy
    owner = {
        who: _hit(f"{base}/webhooks/rest/webhook", {"sender": who, "message": "x"})
        for who in ("m1-user", "m2-user", "m3-user", "m4-user", "m5-user", "m6-user")
    }
    assert set(owner.values()) == {"rasa-1", "rasa-2"}  # the hash is fixed: both hold some
    victim = servers["rasa-1"]
    port = victim.server_address[1]
    victim.shutdown()
    victim.server_close()  # connection refused from now on, as after SIGKILL
    try:
        after = {
            who: _hit(f"{base}/webhooks/rest/webhook", {"sender": who, "message": "x"})
            for who in owner
        }
        assert set(after.values()) == {"rasa-2"}
        # conversations that were on the survivor did not move
        assert all(after[w] == "rasa-2" for w, was in owner.items() if was == "rasa-2")
    finally:
        servers["rasa-1"] = _serve("rasa-1", port)


def test_bodies_over_the_limit_get_413_not_a_replica(proxy: tuple) -> None:
    base, _ = proxy
    with pytest.raises(urllib.error.HTTPError) as refused:
        _hit(f"{base}/webhooks/rest/webhook", {"sender": "big", "message": "가" * 600_000})
    assert refused.value.code == 413
