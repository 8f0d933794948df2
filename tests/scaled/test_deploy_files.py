"""deploy/compose.yml and deploy/k8s describe what ``make run-scaled`` runs, and nothing else.

``make run-scaled`` starts every bizcall process as ``python -m bot.scaled.serve <kind>``
with the settings ``bot.scaled.serve.ENV`` names (tests/scaled/test_replicas.py checks the
running stack does); these tests hold the paper to the same: services, commands,
replica counts, ports, settings and nginx's configuration.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml

from bot.scaled import deploy_files
from bot.scaled.serve import ENV, KINDS
from bot.settings import ROOT, load_settings

DEPLOY = ROOT / "deploy"


def _default(name: str) -> Any:
    """The setting's value with no BIZCALL_* variable set (what the files must agree with)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BIZCALL_")}
    with mock.patch.dict(os.environ, clean, clear=True):
        return getattr(load_settings(), name)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((DEPLOY / "compose.yml").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def k8s() -> dict[tuple[str, str], dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    listed = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())["resources"]
    for name in listed:
        for doc in yaml.safe_load_all((DEPLOY / "k8s" / name).read_text(encoding="utf-8")):
            found[(doc["kind"], doc["metadata"]["name"])] = doc
    return found


def test_the_profile_runs_two_of_each_by_default() -> None:
    assert _default("rasa_replicas") == 2
    assert _default("action_servers") == 2
    assert deploy_files.REPLICAS == 2


@pytest.mark.parametrize("relative", sorted(deploy_files.FILES, key=str))
def test_committed_nginx_configurations_are_the_template_rendered(relative: Path) -> None:
    committed = (DEPLOY / relative).read_text(encoding="utf-8")
    assert (
        committed == deploy_files.FILES[relative]()
    ), f"deploy/{relative} is stale: run python -m bot.scaled.deploy_files"


def test_compose_has_the_processes_of_make_run_scaled(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {
        "postgres",
        "redis",
        "migrate",
        "actions-1",
        "actions-2",
        "rasa-1",
        "rasa-2",
        "web",
        "nginx",
    }


@pytest.mark.parametrize(
    ("service", "kind"),
    [
        ("migrate", "migrate"),
        ("actions-1", "actions"),
        ("actions-2", "actions"),
        ("rasa-1", "rasa"),
        ("rasa-2", "rasa"),
        ("web", "web"),
    ],
)
def test_each_compose_service_runs_its_kind_with_exactly_its_settings(
    compose: dict[str, Any], service: str, kind: str
) -> None:
    spec = compose["services"][service]
    assert spec["command"] == ["python", "-m", "bot.scaled.serve", kind]
    assert set(spec["environment"]) == set(ENV[kind])
    assert spec["image"] == "bizcall:latest"


def test_compose_ports_are_the_settings_defaults(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["rasa-1"]["environment"]["BIZCALL_RASA_PORT"] == str(_default("rasa_port"))
    assert services["actions-1"]["environment"]["BIZCALL_ACTIONS_PORT"] == str(
        _default("actions_port")
    )
    assert services["web"]["environment"]["BIZCALL_WEB_PORT"] == str(_default("web_port"))
    assert services["nginx"]["ports"] == [f"{_default('public_port')}:{_default('public_port')}"]
    assert services["rasa-1"]["environment"]["BIZCALL_ACTIONS_URL"] == (
        f"http://nginx:{_default('actions_proxy_port')}"
    )
    assert services["rasa-1"]["environment"]["BIZCALL_REDIS_URL"].startswith("redis://redis:")
    assert services["nginx"]["volumes"] == ["./nginx.conf:/etc/nginx/nginx.conf:ro"]
    settings = [
        _default(n)
        for n in ("rasa_port", "actions_port", "web_port", "public_port", "actions_proxy_port")
    ]
    assert settings == [
        deploy_files.RASA_PORT,
        deploy_files.ACTIONS_PORT,
        deploy_files.WEB_PORT,
        deploy_files.PUBLIC_PORT,
        deploy_files.ACTIONS_PROXY_PORT,
    ]


def test_compose_runs_migrations_once_before_the_replicas(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name in ("actions-1", "actions-2", "rasa-1", "rasa-2", "web"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    assert services["migrate"]["restart"] == "no"
    assert "pgdata:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    for name in ("postgres", "redis", "actions-1", "rasa-1"):
        assert "healthcheck" in services[name]


def _container(doc: dict[str, Any]) -> dict[str, Any]:
    spec = doc["spec"]["template"]["spec"]["containers"]
    assert len(spec) == 1
    return dict(spec[0])


@pytest.mark.parametrize(
    ("kind_name", "kind", "replicas"),
    [
        (("Job", "bizcall-migrate"), "migrate", None),
        (("Deployment", "actions"), "actions", 2),
        (("StatefulSet", "rasa"), "rasa", 2),
        (("Deployment", "web"), "web", 1),
    ],
)
def test_each_kubernetes_workload_runs_its_kind_with_exactly_its_settings(
    k8s: dict[tuple[str, str], dict[str, Any]],
    kind_name: tuple[str, str],
    kind: str,
    replicas: int | None,
) -> None:
    doc = k8s[kind_name]
    container = _container(doc)
    assert container["command"] == ["python", "-m", "bot.scaled.serve", kind]
    assert {e["name"] for e in container["env"]} == set(ENV[kind])
    if replicas is not None:
        assert doc["spec"]["replicas"] == replicas


def test_kubernetes_nginx_and_ports_match(k8s: dict[tuple[str, str], dict[str, Any]]) -> None:
    rasa = k8s[("StatefulSet", "rasa")]
    assert rasa["spec"]["serviceName"] == "rasa"
    assert k8s[("Service", "rasa")]["spec"]["clusterIP"] == "None"  # pods by name
    env = {e["name"]: e.get("value") for e in _container(rasa)["env"]}
    assert env["BIZCALL_RASA_PORT"] == str(_default("rasa_port"))
    assert env["BIZCALL_ACTIONS_URL"] == f"http://actions:{_default('actions_port')}"
    nginx = k8s[("Deployment", "nginx")]
    assert nginx["spec"]["template"]["spec"]["volumes"][0]["configMap"]["name"] == ("bizcall-nginx")
    conf = k8s[("ConfigMap", "bizcall-nginx")]["data"]["nginx.conf"]
    for i in range(deploy_files.REPLICAS):
        assert f"server rasa-{i}.rasa:{_default('rasa_port')} " in conf
    assert f"listen {_default('public_port')};" in conf


def test_every_kind_is_deployed_everywhere(
    compose: dict[str, Any], k8s: dict[tuple[str, str], dict[str, Any]]
) -> None:
    in_compose = {
        s["command"][-1]
        for s in compose["services"].values()
        if s.get("command", [""])[:3] == ["python", "-m", "bot.scaled.serve"]
    }
    in_k8s = {
        _container(d)["command"][-1]
        for (kind, _), d in k8s.items()
        if kind in ("Job", "Deployment", "StatefulSet")
        and _container(d).get("command", [""])[:3] == ["python", "-m", "bot.scaled.serve"]
    }
    assert in_compose == in_k8s == set(KINDS)


def test_the_image_runs_the_same_entry_point() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert 'CMD ["python", "-m", "bot.scaled.serve", "rasa"]' in dockerfile
    assert "FROM python:3.10-" in dockerfile
