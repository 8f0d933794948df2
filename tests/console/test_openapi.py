"""The OpenAPI document describes exactly the API the app serves."""

from __future__ import annotations

import re
from typing import Any

from bot.web.console.openapi import document
from tests.support.asgi import AsgiClient

PARAM = re.compile(r"<(\w+)(?::[^>]*)?>")
METHODS = {"get", "post", "put", "patch", "delete"}


def _served(app: Any) -> set[tuple[str, str]]:
    served = set()
    for route in app.router.routes:
        path = "/" + route.path.lstrip("/")
        if not path.startswith("/api/"):
            continue
        for method in route.methods:
            if method.lower() in METHODS:
                served.add((PARAM.sub(r"{\1}", path), method.lower()))
    return served


def _documented(doc: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (path, method) for path, ops in doc["paths"].items() for method in ops if method in METHODS
    }


async def test_every_api_route_is_documented_and_vice_versa(app: Any) -> None:
    doc = (await AsgiClient(app).get("/api/openapi.json")).json()
    assert doc["openapi"].startswith("3.")
    served = _served(app)
    assert len(served) >= 15
    assert served == _documented(doc)


def test_every_reference_resolves_and_every_path_parameter_is_declared() -> None:
    doc = document()

    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            return [v for k, v in node.items() if k == "$ref"] + [
                r for v in node.values() for r in refs(v)
            ]
        if isinstance(node, list):
            return [r for v in node for r in refs(v)]
        return []

    for ref in refs(doc):
        target: Any = doc
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
    for path, ops in doc["paths"].items():
        names = set(re.findall(r"{(\w+)}", path))
        for op in ops.values():
            declared = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert declared == names, path
            assert op["summary"] and "200" in op["responses"]


def test_the_stats_schema_is_the_stats_record_with_its_conversion_rate() -> None:
    schema = document()["paths"]["/api/stats"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    assert schema["properties"] == {
        "days": {"type": "array", "items": {"type": "string"}},
        "per_field": {"type": "object"},
        "per_topic": {"type": "object"},
        "total": {"type": "integer"},
        "resolved_by_bot": {"type": "integer"},
        "handed_off": {"type": "integer"},
        "unresolved": {"type": "integer"},
        "consultations": {"type": "integer"},
        "booked": {"type": "integer"},
        "conversion": {"type": "number"},
    }
