"""The pieces the OpenAPI description of ``/api`` is assembled from: the component schemas
and the builders of references, responses, parameters and operations.

Apart from ``bot.web.console.openapi`` (the paths and the document) so that each of the two
stays readable; nothing here knows a route.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from bot.console.models import INQUIRY_STATUSES
from bot.fields import FIELD_NAMES
from bot.triage import TOPICS


def ref(name: str) -> dict[str, str]:
    """A reference to the component schema ``name``."""
    return {"$ref": f"#/components/schemas/{name}"}


def response(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    """A JSON response of ``schema``."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def request_body(schema: dict[str, Any]) -> dict[str, Any]:
    """A required JSON request body of ``schema``."""
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def query_param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    """An optional query parameter."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def path_param(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A required path parameter."""
    return {"name": name, "in": "path", "required": True, "schema": schema}


ERRORS: Final = {
    "401": {"$ref": "#/components/responses/Unauthorized"},
    "403": {"$ref": "#/components/responses/Forbidden"},
}
NULLABLE_STR: Final = {"type": "string", "nullable": True}
HANDOFF_ID: Final = path_param("handoff_id", {"type": "integer"})
INQUIRY_ID: Final = path_param("inquiry_id", {"type": "integer"})
CODE: Final = path_param("code", {"type": "string", "example": "BZ-7K3Q"})


STRING: Final = {"type": "string"}
INTEGER: Final = {"type": "integer"}
BOOLEAN: Final = {"type": "boolean"}
DATE: Final = {"type": "string", "format": "date"}
TEXT_BODY: Final = request_body(
    {
        "type": "object",
        "required": ["text"],
        "properties": {"text": {"type": "string", "maxLength": 2000}},
    }
)
"""The body of the endpoints that take one text a user or an agent wrote."""


def obj(**properties: Any) -> dict[str, Any]:
    """An object schema with ``properties``."""
    return {"type": "object", "properties": properties}


def array(items: dict[str, Any]) -> dict[str, Any]:
    """An array schema of ``items``."""
    return {"type": "array", "items": items}


Errors = Mapping[str, str | dict[str, Any] | None]
"""Status → what an error response says: a description of the ``Error`` schema (None for
none in particular), or a whole response when the body is not ``Error``."""


def operation(
    summary: str,
    ok: dict[str, Any],
    errors: Errors | None = None,
    *,
    params: list[dict[str, Any]] | None = None,
    body: dict[str, Any] | None = None,
    admin: bool = False,
    public: bool = False,
) -> dict[str, Any]:
    """One operation answering ``ok`` (200) or ``errors``; signed in (401, 403) unless
    ``public``, noted when for admins only."""
    op: dict[str, Any] = {"summary": summary, "responses": {"200": response(ok)}}
    for status, error in (errors or {}).items():
        if isinstance(error, dict):
            op["responses"][status] = error
        else:
            op["responses"][status] = response(ref("Error"), error or "OK")
    if not public:
        op["responses"].update(ERRORS)
    else:
        op["security"] = []
    if params:
        op["parameters"] = params
    if body:
        op["requestBody"] = body
    if admin:
        op["description"] = "Admins only (role `admin`)."
    return op


def get(
    summary: str, ok: dict[str, Any], errors: Errors | None = None, **more: Any
) -> dict[str, Any]:
    """A path item with one ``get`` operation (see ``operation``)."""
    return {"get": operation(summary, ok, errors, **more)}


def post(
    summary: str, ok: dict[str, Any], errors: Errors | None = None, **more: Any
) -> dict[str, Any]:
    """A path item with one ``post`` operation (see ``operation``)."""
    return {"post": operation(summary, ok, errors, **more)}


SCHEMAS: Final[dict[str, Any]] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
    "Triage": {
        "type": "object",
        "properties": {
            "topic": {"type": "string", "enum": list(TOPICS)},
            "field": {"type": "string", "nullable": True, "enum": [*FIELD_NAMES, None]},
            "program": NULLABLE_STR,
            "confidence": {"type": "number"},
            "intent": {"type": "string"},
            "entities": {"type": "array", "items": {"type": "object"}},
        },
    },
    "Inquiry": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "conversation_id": {"type": "string"},
            "text": {"type": "string", "description": "first substantive message, masked"},
            "topic": {"type": "string", "enum": list(TOPICS)},
            "field": NULLABLE_STR,
            "program": NULLABLE_STR,
            "triage": {"type": "object", "description": "what the model said"},
            "confidence": {"type": "number"},
            "low_confidence": {"type": "boolean"},
            "label": {
                "type": "object",
                "nullable": True,
                "description": "the staff correction: topic, field, program, by, at",
            },
            "status": {"type": "string", "enum": list(INQUIRY_STATUSES)},
            "language": {"type": "string", "enum": ["ko", "en"]},
            "channel": NULLABLE_STR,
            "asked_at": {"type": "string", "format": "date-time"},
            "last_activity_at": {"type": "string", "format": "date-time"},
        },
    },
    "Message": {
        "type": "object",
        "properties": {
            "event_id": {"type": "integer"},
            "sender": {"type": "string", "enum": ["user", "bot", "agent"]},
            "text": {"type": "string"},
            "timestamp": {"type": "number"},
            "agent": NULLABLE_STR,
            "intent": NULLABLE_STR,
            "buttons": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Conversation": {
        "type": "object",
        "properties": {
            "messages": {"type": "array", "items": ref("Message")},
            "slots": {"type": "object", "description": "filled slots, personal values masked"},
            "last_event_id": {"type": "integer", "description": "pass as `after` to poll"},
        },
    },
    "Booking": {
        "type": "object",
        "description": "personal data masked",
        "properties": {
            "code": {"type": "string"},
            "status": {"type": "string"},
            "field": {"type": "string"},
            "channel": {"type": "string"},
            "start": {"type": "string", "format": "date-time"},
            "end": {"type": "string", "format": "date-time"},
            "expert_id": {"type": "string"},
            "expert_name": {"type": "string"},
            "company_name": {"type": "string"},
            "contact_name": {"type": "string"},
            "phone": {"type": "string"},
            "summary": {"type": "string"},
            "conversation_id": NULLABLE_STR,
        },
    },
    "Handoff": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "conversation_id": {"type": "string"},
            "reason": {"type": "string", "enum": ["requested", "fallback"]},
            "language": {"type": "string"},
            "status": {"type": "string", "enum": ["waiting", "active", "closed"]},
            "requested_at": {"type": "string", "format": "date-time"},
            "taken_by": NULLABLE_STR,
            "taken_at": NULLABLE_STR,
            "closed_by": NULLABLE_STR,
            "closed_at": NULLABLE_STR,
            "inquiry": NULLABLE_STR,
        },
    },
    "CatalogRecord": {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "kind": {"type": "string", "enum": ["program", "facility"]},
            "values": {"type": "object", "description": "every editable field's current value"},
            "as_of": {"type": "string", "format": "date"},
            "basis": {
                "type": "string",
                "description": "what answers cite, e.g. "
                "'2022년 11월 서울산업진흥원 업무보고 기준'",
            },
            "source": {
                "type": "object",
                "properties": {
                    "section": NULLABLE_STR,
                    "lines": NULLABLE_STR,
                    "note": NULLABLE_STR,
                },
            },
            "nlu_stale": {"type": "boolean"},
        },
    },
    "CatalogChange": {
        "type": "object",
        "properties": {
            "ref": {"type": "string"},
            "kind": {"type": "string"},
            "record": {"type": "string"},
            "changed_at": {"type": "string", "format": "date-time"},
            "as_of": {"type": "string", "format": "date"},
            "author": {"type": "string"},
            "note": {"type": "string"},
            "changes": {"type": "object", "description": "field → {old, new}"},
        },
    },
}
