"""The OpenAPI 3 description of ``/api`` (served at ``/api/openapi.json``).

Written by hand next to the handlers, and held to them by a test: every route the
blueprint registers is documented here and every documented operation exists.
"""

from __future__ import annotations

import copy
from typing import Any, Final

from bot.console.models import INQUIRY_STATUSES
from bot.fields import FIELD_NAMES
from bot.triage import TOPICS


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _q(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def _p(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": schema}


ERRORS: Final = {
    "401": {"$ref": "#/components/responses/Unauthorized"},
    "403": {"$ref": "#/components/responses/Forbidden"},
}
NULLABLE_STR: Final = {"type": "string", "nullable": True}
HANDOFF_ID: Final = _p("handoff_id", {"type": "integer"})
INQUIRY_ID: Final = _p("inquiry_id", {"type": "integer"})
CODE: Final = _p("code", {"type": "string", "example": "BZ-7K3Q"})


def _op(
    summary: str,
    responses: dict[str, Any],
    *,
    params: list[dict[str, Any]] | None = None,
    body: dict[str, Any] | None = None,
    admin: bool = False,
    public: bool = False,
) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "responses": {**responses}}
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
            "messages": {"type": "array", "items": _ref("Message")},
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

RECORD_ID: Final = _p("record_id", {"type": "string"})
CATALOG_PATHS: dict[str, dict[str, Any]] = {}
for _plural, _what in (("programs", "program"), ("facilities", "facility")):
    CATALOG_PATHS[f"/api/{_plural}"] = {
        "get": _op(
            f"Every {_what} (id, name, as-of date), optionally filtered",
            {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "items": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "id": {"type": "string"},
                                        "name": {"type": "string"},
                                        "as_of": {"type": "string", "format": "date"},
                                    },
                                },
                            }
                        },
                    }
                )
            },
            params=[_q("q", {"type": "string"}, "part of the id or name")],
        )
    }
    CATALOG_PATHS[f"/api/{_plural}/{{record_id}}"] = {
        "get": _op(
            f"One {_what}: editable values, basis (as-of date) and report source",
            {"200": _json(_ref("CatalogRecord")), "404": _json(_ref("Error"))},
            params=[RECORD_ID],
        ),
        "patch": _op(
            f"Change a {_what}'s texts (admin): answers use the new values at once",
            {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "change": _ref("CatalogChange"),
                            "record": _ref("CatalogRecord"),
                            "nlu_stale": {
                                "type": "boolean",
                                "description": "a name or alias changed: " "export and retrain",
                            },
                            "message": {"type": "string"},
                        },
                    }
                ),
                "400": _json(_ref("Error"), "not a JSON object"),
                "404": _json(_ref("Error")),
                "422": _json(_ref("Error"), "unknown field, bad value, future as_of or no note"),
            },
            params=[RECORD_ID],
            admin=True,
            body=_body(
                {
                    "type": "object",
                    "required": ["values", "as_of", "note"],
                    "properties": {
                        "values": {
                            "type": "object",
                            "description": "field → new value (text, "
                            "or a list of texts for aliases/target_groups; team by name)",
                        },
                        "as_of": {
                            "type": "string",
                            "format": "date",
                            "description": "the date the new values hold from",
                        },
                        "note": {"type": "string", "description": "what changed and why"},
                    },
                }
            ),
        ),
    }
    CATALOG_PATHS[f"/api/{_plural}/{{record_id}}/history"] = {
        "get": _op(
            f"Every change of one {_what}, newest first",
            {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {"items": {"type": "array", "items": _ref("CatalogChange")}},
                    }
                ),
                "404": _json(_ref("Error")),
            },
            params=[RECORD_ID],
        )
    }


PATHS: Final[dict[str, dict[str, Any]]] = {
    "/api/openapi.json": {
        "get": _op("This document", {"200": _json({"type": "object"})}, public=True)
    },
    "/api/session": {
        "get": _op(
            "The signed-in staff member and the CSRF token",
            {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "username": {"type": "string"},
                            "role": {"type": "string"},
                            "csrf_token": {"type": "string"},
                        },
                    }
                )
            },
        )
    },
    "/api/triage": {
        "post": _op(
            "Classify a text with the running model (topic, field, program)",
            {
                "200": _json(_ref("Triage")),
                "422": _json(_ref("Error"), "no text"),
                "502": _json(_ref("Error"), "Rasa unreachable"),
            },
            body=_body(
                {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
            ),
        )
    },
    "/api/inquiries": {
        "get": _op(
            "The inquiry queue, newest first",
            {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "items": {"type": "array", "items": _ref("Inquiry")},
                            "total": {"type": "integer"},
                        },
                    }
                ),
                "422": _json(_ref("Error")),
            },
            params=[
                _q("topic", {"type": "string", "enum": list(TOPICS)}, "effective topic"),
                _q("field", {"type": "string", "enum": list(FIELD_NAMES)}, "effective field"),
                _q("status", {"type": "string", "enum": list(INQUIRY_STATUSES)}, "status"),
                _q("low_confidence", {"type": "boolean"}, "only unreviewed, confidence < 0.6"),
                _q("q", {"type": "string"}, "text contains, or the exact conversation id"),
                _q("limit", {"type": "integer", "default": 50, "maximum": 200}, "page size"),
                _q("offset", {"type": "integer", "default": 0}, "page start"),
            ],
        )
    },
    "/api/inquiries/{inquiry_id}": {
        "get": _op(
            "One inquiry with its conversation",
            {
                "200": _json({"allOf": [_ref("Inquiry"), _ref("Conversation")]}),
                "404": _json(_ref("Error")),
            },
            params=[INQUIRY_ID],
        ),
        "patch": _op(
            "Relabel (topic, field, program) and/or close or reopen",
            {
                "200": _json(_ref("Inquiry")),
                "404": _json(_ref("Error")),
                "422": _json(_ref("Error"), "label outside the taxonomy or catalogue"),
            },
            params=[INQUIRY_ID],
            body=_body(
                {
                    "type": "object",
                    "properties": {
                        "topic": {"type": "string", "enum": list(TOPICS)},
                        "field": {"type": "string", "nullable": True, "enum": [*FIELD_NAMES, None]},
                        "program": NULLABLE_STR,
                        "status": {"type": "string", "enum": ["closed", "open"]},
                    },
                }
            ),
        ),
    },
    "/api/bookings": {
        "get": _op(
            "Bookings of one day (KST), optionally of one expert",
            {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "day": {"type": "string", "format": "date"},
                            "items": {"type": "array", "items": _ref("Booking")},
                        },
                    }
                ),
                "422": _json(_ref("Error")),
            },
            params=[
                _q("day", {"type": "string", "format": "date"}, "default: today"),
                _q("expert", {"type": "string"}, "expert id"),
            ],
        )
    },
    "/api/bookings/{code}/cancel": {
        "post": _op(
            "Cancel a booking (same rules as the bot)",
            {
                "200": _json(_ref("Booking")),
                "404": _json(_ref("Error")),
                "409": _json(_ref("Error"), "cancelled, done or started"),
            },
            params=[CODE],
            admin=True,
        )
    },
    "/api/bookings/{code}/move": {
        "post": _op(
            "Move a booking: same field and channel, a free expert, open hours, no holiday",
            {
                "200": _json(_ref("Booking")),
                "404": _json(_ref("Error")),
                "409": _json(
                    {
                        "type": "object",
                        "properties": {
                            "error": {"type": "string"},
                            "reason": {"type": "string"},
                            "alternatives": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                    "not free (with the nearest free times) or not changeable",
                ),
                "422": _json(_ref("Error")),
            },
            params=[CODE],
            admin=True,
            body=_body(
                {
                    "type": "object",
                    "required": ["start"],
                    "properties": {"start": {"type": "string", "format": "date-time"}},
                }
            ),
        )
    },
    "/api/experts": {"get": _op("The expert roster", {"200": _json({"type": "object"})})},
    "/api/handoffs": {
        "get": _op(
            "Handoffs: open ones, waiting first",
            {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {"items": {"type": "array", "items": _ref("Handoff")}},
                    }
                )
            },
            params=[_q("include_closed", {"type": "boolean"}, "recent closed ones too")],
        )
    },
    "/api/handoffs/{handoff_id}": {
        "get": _op(
            "A handoff with the conversation's messages (after an event id) and slots",
            {
                "200": _json({"allOf": [_ref("Handoff"), _ref("Conversation")]}),
                "404": _json(_ref("Error")),
            },
            params=[HANDOFF_ID, _q("after", {"type": "integer"}, "only newer messages")],
        )
    },
    "/api/handoffs/{handoff_id}/take": {
        "post": _op(
            "Take the conversation (admins may take over another agent's)",
            {
                "200": _json(_ref("Handoff")),
                "404": _json(_ref("Error")),
                "409": _json(_ref("Error"), "closed, or held by another agent"),
            },
            params=[HANDOFF_ID],
        )
    },
    "/api/handoffs/{handoff_id}/message": {
        "post": _op(
            "Send a message to the user's chat, live (holder only)",
            {
                "200": _json({"type": "object", "properties": {"sent": {"type": "boolean"}}}),
                "409": _json(_ref("Error"), "not taken yet, or closed"),
                "422": _json(_ref("Error")),
                "502": _json(_ref("Error"), "Rasa unreachable"),
            },
            params=[HANDOFF_ID],
            body=_body(
                {
                    "type": "object",
                    "required": ["text"],
                    "properties": {"text": {"type": "string", "maxLength": 2000}},
                }
            ),
        )
    },
    "/api/handoffs/{handoff_id}/release": {
        "post": _op(
            "Hand the conversation back to the bot (resume) and tell the user",
            {
                "200": _json(_ref("Handoff")),
                "409": _json(_ref("Error")),
                "502": _json(_ref("Error"), "Rasa unreachable; the handoff stays open"),
            },
            params=[HANDOFF_ID],
        )
    },
    "/api/stats": {
        "get": _op(
            "Dashboard figures",
            {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
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
                        },
                    }
                )
            },
            params=[_q("days", {"type": "integer", "default": 14, "maximum": 90}, "window")],
        )
    },
    **CATALOG_PATHS,
    "/api/recommend": {
        "post": _op(
            "Programs that fit a company profile written in plain words (Korean or English)",
            {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "profile": {
                                "type": "object",
                                "description": "what was read from the text: kinds, "
                                "years, age, seoul, district, industries, needs, "
                                "headcount, language",
                            },
                            "programs": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "id": {"type": "string"},
                                        "name": {"type": "string"},
                                        "status": {"type": "string", "enum": ["eligible", "check"]},
                                        "reasons": {"type": "array", "items": {"type": "string"}},
                                        "to_check": {"type": "array", "items": {"type": "string"}},
                                    },
                                },
                            },
                        },
                    }
                ),
                "400": _json(_ref("Error"), "not a JSON object"),
                "422": _json(_ref("Error"), "no text, or over 2,000 characters"),
            },
            body=_body(
                {
                    "type": "object",
                    "required": ["text"],
                    "properties": {"text": {"type": "string", "maxLength": 2000}},
                }
            ),
        )
    },
}

DOCUMENT: Final[dict[str, Any]] = {
    "openapi": "3.0.3",
    "info": {
        "title": "bizcall staff console API",
        "version": "1.0.0",
        "description": "The JSON API behind the SBA staff console (docs/console.md). "
        "Browsers use the session cookie and send the CSRF token in "
        "`X-CSRF-Token` on POST/PATCH; scripts use a bearer token from "
        "`bizcall staff token USERNAME`.",
    },
    "servers": [{"url": "/"}],
    "security": [{"session": [], "csrf": []}, {"bearer": []}],
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "securitySchemes": {
            "session": {
                "type": "apiKey",
                "in": "cookie",
                "name": "bizcall_staff",
                "description": "`__Host-bizcall_staff` when served over HTTPS",
            },
            "csrf": {
                "type": "apiKey",
                "in": "header",
                "name": "X-CSRF-Token",
                "description": "required with the cookie on POST and PATCH",
            },
            "bearer": {"type": "http", "scheme": "bearer"},
        },
        "responses": {
            "Unauthorized": _json(_ref("Error"), "not signed in"),
            "Forbidden": _json(_ref("Error"), "missing CSRF token or role"),
        },
    },
}


def document() -> dict[str, Any]:
    """A copy of the document (callers may not change the module's)."""
    return copy.deepcopy(DOCUMENT)
