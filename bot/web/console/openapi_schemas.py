"""The pieces the OpenAPI description of ``/api`` is assembled from: the component schemas
and the builders of references, responses, parameters and operations.

Apart from ``bot.web.console.openapi`` (the paths and the document) so that each of the two
stays readable; nothing here knows a route.
"""

from __future__ import annotations

import dataclasses
import typing
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
STRING: Final = {"type": "string"}
INTEGER: Final = {"type": "integer"}
BOOLEAN: Final = {"type": "boolean"}
NUMBER: Final = {"type": "number"}
DATE: Final = {"type": "string", "format": "date"}
DATE_TIME: Final = {"type": "string", "format": "date-time"}
NULLABLE_STR: Final = {"type": "string", "nullable": True}
HANDOFF_ID: Final = path_param("handoff_id", INTEGER)
INQUIRY_ID: Final = path_param("inquiry_id", INTEGER)
CODE: Final = path_param("code", {"type": "string", "example": "BZ-7K3Q"})
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


def dataclass_schema(cls: type, **computed: dict[str, Any]) -> dict[str, Any]:
    """The object schema of a dataclass's fields plus its ``computed`` properties: a result
    the API returns as ``asdict`` cannot then drift from what the document says."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: _type_schema(hints[f.name]) for f in dataclasses.fields(cls)}
    return obj(**fields, **computed)


def _type_schema(hint: Any) -> dict[str, Any]:
    if typing.get_origin(hint) is list:
        return array(_type_schema(typing.get_args(hint)[0]))
    if hint is dict or typing.get_origin(hint) is dict:
        return {"type": "object"}
    return {str: STRING, int: INTEGER, float: NUMBER, bool: BOOLEAN}[hint]


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
    "Error": {"type": "object", "required": ["error"], "properties": {"error": STRING}},
    "Triage": {
        "type": "object",
        "properties": {
            "topic": {"type": "string", "enum": list(TOPICS)},
            "field": {"type": "string", "nullable": True, "enum": [*FIELD_NAMES, None]},
            "program": NULLABLE_STR,
            "confidence": NUMBER,
            "intent": STRING,
            "entities": {"type": "array", "items": {"type": "object"}},
        },
    },
    "Inquiry": {
        "type": "object",
        "properties": {
            "id": INTEGER,
            "conversation_id": STRING,
            "text": {"type": "string", "description": "first substantive message, masked"},
            "topic": {"type": "string", "enum": list(TOPICS)},
            "field": NULLABLE_STR,
            "program": NULLABLE_STR,
            "triage": {"type": "object", "description": "what the model said"},
            "confidence": NUMBER,
            "low_confidence": BOOLEAN,
            "label": {
                "type": "object",
                "nullable": True,
                "description": "the staff correction: topic, field, program, by, at",
            },
            "status": {"type": "string", "enum": list(INQUIRY_STATUSES)},
            "language": {"type": "string", "enum": ["ko", "en"]},
            "channel": NULLABLE_STR,
            "asked_at": DATE_TIME,
            "last_activity_at": DATE_TIME,
        },
    },
    "Message": {
        "type": "object",
        "properties": {
            "event_id": INTEGER,
            "sender": {"type": "string", "enum": ["user", "bot", "agent"]},
            "text": STRING,
            "timestamp": NUMBER,
            "agent": NULLABLE_STR,
            "intent": NULLABLE_STR,
            "buttons": array(STRING),
        },
    },
    "Conversation": {
        "type": "object",
        "properties": {
            "messages": array(ref("Message")),
            "slots": {"type": "object", "description": "filled slots, personal values masked"},
            "last_event_id": {"type": "integer", "description": "pass as `after` to poll"},
        },
    },
    "Booking": {
        "type": "object",
        "description": "personal data masked",
        "properties": {
            "code": STRING,
            "status": STRING,
            "field": STRING,
            "channel": STRING,
            "start": DATE_TIME,
            "end": DATE_TIME,
            "expert_id": STRING,
            "expert_name": STRING,
            "company_name": STRING,
            "contact_name": STRING,
            "phone": STRING,
            "summary": STRING,
            "conversation_id": NULLABLE_STR,
        },
    },
    "Handoff": {
        "type": "object",
        "properties": {
            "id": INTEGER,
            "conversation_id": STRING,
            "reason": {"type": "string", "enum": ["requested", "fallback"]},
            "language": STRING,
            "status": {"type": "string", "enum": ["waiting", "active", "closed"]},
            "requested_at": DATE_TIME,
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
            "id": STRING,
            "kind": {"type": "string", "enum": ["program", "facility"]},
            "values": {"type": "object", "description": "every editable field's current value"},
            "as_of": DATE,
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
            "nlu_stale": BOOLEAN,
        },
    },
    "CatalogChange": {
        "type": "object",
        "properties": {
            "ref": STRING,
            "kind": STRING,
            "record": STRING,
            "changed_at": DATE_TIME,
            "as_of": DATE,
            "author": STRING,
            "note": STRING,
            "changes": {"type": "object", "description": "field → {old, new}"},
        },
    },
}
