"""nginx's configuration for the scaled profile, written from one template for every place.

``make run-scaled`` renders it with loopback addresses, ``deploy/compose.yml`` mounts it
rendered with the compose service names, and the Kubernetes ConfigMap holds it rendered
with the cluster's service names; a test renders the last two and compares them with the
committed files, so the paper and the running profile cannot drift apart.

What the configuration decides, and why:

* **One conversation, one replica.** Rasa's Redis lock store is not safe when two replicas
  handle the same conversation at once (RasaHQ/rasa#9213), so nginx hashes every request
  on its conversation: the widget's ``session_id`` in the socket.io URL, the ``sender`` in
  a REST body, the user id in a Kakao skill request, the id in ``/conversations/<id>/``
  (the console's pushes). Rasa then only ever guards one process's turns with the lock.
* **Failover.** ``hash … consistent`` moves only the dead replica's conversations; a
  request that could not be sent (connection refused) goes to the next replica, one that
  was sent and lost is not replayed (a turn is not idempotent) and the client retries it.
* **Action calls** are spread over the action servers on an internal listener, with the
  same rule: refused means try the next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_BODY = "1m"
"""Largest request body; kept in memory whole, which the body-based hash needs."""


@dataclass(frozen=True)
class NginxLayout:
    """Addresses the configuration routes between.

    Attributes:
        listen: ``host:port`` users reach (chat page, widget, console, Rasa's channels).
        actions_listen: ``host:port`` Rasa's action endpoint points at.
        rasa: the Rasa replicas, ``host:port`` each.
        actions: the action servers, ``host:port`` each.
        web: the web app (chat page, widget, console).
        run_dir: where nginx keeps its pid and temporary files (``""``: the image's own).
        user: the ``user`` directive (``""``: none, as when not started as root).
    """

    listen: str
    actions_listen: str
    rasa: Sequence[str]
    actions: Sequence[str]
    web: str
    run_dir: str = ""
    user: str = ""


KAKAO_USER = r'"~\"user\"\s*:\s*\{(?:[^{}]|\{[^{}]*\})*?\"id\"\s*:\s*\"(?<kakao>[^\"]+)\""'
"""The Kakao user id in a skill request (``userRequest.user.id``; ``properties`` may come
first and holds one level of braces)."""

RASA_PATHS = ("/socket.io/", "/webhooks/", "/conversations/", "/model/", "/status", "/version")
"""Paths served by Rasa; everything else is the web app."""


def _servers(addresses: Sequence[str]) -> str:
    # One failure marks a server down for 5 s; then nginx tries it again (a restarted
    # replica is back within that time or is refused and skipped once more).
    return "".join(f"        server {a} max_fails=1 fail_timeout=5s;\n" for a in addresses)


def render(layout: NginxLayout) -> str:
    """The whole ``nginx.conf`` for ``layout``."""
    run = layout.run_dir.rstrip("/")
    paths = f"pid {run}/nginx.pid;\n" if run else "pid /tmp/nginx.pid;\n"
    temps = (
        "".join(
            f"    {kind}_temp_path {run}/tmp/{kind.split('_')[0]};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        if run
        else ""
    )
    user = f"user {layout.user};\n" if layout.user else ""
    rasa_locations = "".join(
        f"        location {'= ' if not p.endswith('/') else ''}{p} {{ proxy_pass http://rasa; }}\n"
        for p in RASA_PATHS
    )
    return f"""# Written by bot/scaled/nginx.py; edit the template there, not this file.
{user}worker_processes 1;
error_log stderr warn;
{paths}events {{ worker_connections 1024; }}

http {{
    access_log off;
    server_tokens off;
{temps}    client_max_body_size {MAX_BODY};
    client_body_buffer_size {MAX_BODY};

    # The conversation a request belongs to (see bot/scaled/nginx.py). A map is evaluated
    # when the hash needs it, after the body has been read.
    map $arg_session_id $bizcall_conversation {{
        ""      $bizcall_from_request;
        default $arg_session_id;
    }}
    map $uri $bizcall_from_request {{
        "~^/conversations/(?<conv>[^/]+)"  $conv;
        default                            $bizcall_from_body;
    }}
    map $request_body $bizcall_from_body {{
        "~\\"sender\\"\\s*:\\s*\\"(?<sender>[^\\"]*)\\""  $sender;
        {KAKAO_USER}  $kakao;
        default "";
    }}
    map $http_upgrade $bizcall_connection {{
        default upgrade;
        ""      "";
    }}

    upstream rasa {{
        hash $bizcall_conversation consistent;
{_servers(layout.rasa)}        keepalive 16;
    }}
    upstream actions {{
{_servers(layout.actions)}        keepalive 16;
    }}
    upstream web {{
        server {layout.web};
        keepalive 8;
    }}

    proxy_http_version 1.1;
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $bizcall_connection;
    proxy_next_upstream error timeout http_502 http_503;
    proxy_next_upstream_tries 2;
    proxy_connect_timeout 2s;
    proxy_read_timeout 120s;
    proxy_send_timeout 120s;

    server {{
        listen {layout.listen};
{rasa_locations}        location / {{ proxy_pass http://web; }}
    }}

    server {{
        listen {layout.actions_listen};
        location / {{ proxy_pass http://actions; }}
    }}
}}
"""
