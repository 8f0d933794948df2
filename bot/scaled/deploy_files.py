"""The nginx configurations of ``deploy/``, rendered from the template ``make run-scaled`` uses.

``python -m bot.scaled.deploy_files`` rewrites ``deploy/nginx.conf`` (Docker Compose) and
``deploy/k8s/nginx-config.yaml`` (Kubernetes ConfigMap) after a change to
``bot.scaled.nginx``; ``tests/scaled/test_deploy_files.py`` fails while they differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from bot.scaled.nginx import NginxLayout, render
from bot.settings import ROOT

DEPLOY: Final = ROOT / "deploy"
RASA_PORT: Final = 5005
ACTIONS_PORT: Final = 5055
WEB_PORT: Final = 8000
PUBLIC_PORT: Final = 8080
ACTIONS_PROXY_PORT: Final = 8055
REPLICAS: Final = 2

COMPOSE: Final = NginxLayout(
    listen=f"{PUBLIC_PORT}",
    actions_listen=f"{ACTIONS_PROXY_PORT}",
    rasa=[f"rasa-{i}:{RASA_PORT}" for i in range(1, REPLICAS + 1)],
    actions=[f"actions-{i}:{ACTIONS_PORT}" for i in range(1, REPLICAS + 1)],
    web=f"web:{WEB_PORT}",
)
"""Compose: one service per replica, so nginx names each (its hash needs fixed members)."""

KUBERNETES: Final = NginxLayout(
    listen=f"{PUBLIC_PORT}",
    actions_listen=f"{ACTIONS_PROXY_PORT}",
    rasa=[f"rasa-{i}.rasa:{RASA_PORT}" for i in range(REPLICAS)],
    actions=[f"actions:{ACTIONS_PORT}"],
    web=f"web:{WEB_PORT}",
)
"""Kubernetes: the Rasa StatefulSet's pods by their stable names (``rasa-0.rasa``) behind a
headless Service; the action servers behind their own Service, which spreads the calls."""


def compose_nginx() -> str:
    """``deploy/nginx.conf``."""
    return render(COMPOSE)


def kubernetes_nginx_config_map() -> str:
    """``deploy/k8s/nginx-config.yaml``: the ConfigMap nginx's pod mounts."""
    body = "".join(f"    {line}\n" if line else "\n" for line in render(KUBERNETES).splitlines())
    return (
        "# Written by python -m bot.scaled.deploy_files from bot/scaled/nginx.py.\n"
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bizcall-nginx\n"
        "  labels: {app.kubernetes.io/part-of: bizcall}\n"
        "data:\n  nginx.conf: |\n" + body
    )


FILES: Final = {
    Path("nginx.conf"): compose_nginx,
    Path("k8s") / "nginx-config.yaml": kubernetes_nginx_config_map,
}


def main() -> None:
    """Write every rendered file under ``deploy/``."""
    for relative, make in FILES.items():
        path = DEPLOY / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make(), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
