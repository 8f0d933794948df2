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
from bot.web.console.openapi_schemas import (
    CODE,
    HANDOFF_ID,
    INQUIRY_ID,
    NULLABLE_STR,
    SCHEMAS,
    operation,
    path_param,
    query_param,
    ref,
    request_body,
    response,
)

RECORD_ID: Final = path_param("record_id", {"type": "string"})
CATALOG_PATHS: dict[str, dict[str, Any]] = {}
for _plural, _what in (("programs", "program"), ("facilities", "facility")):
    CATALOG_PATHS[f"/api/{_plural}"] = {
        "get": operation(
            f"Every {_what} (id, name, as-of date), optionally filtered",
            {
                "200": response(
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
            params=[query_param("q", {"type": "string"}, "part of the id or name")],
        )
    }
    CATALOG_PATHS[f"/api/{_plural}/{{record_id}}"] = {
        "get": operation(
            f"One {_what}: editable values, basis (as-of date) and report source",
            {"200": response(ref("CatalogRecord")), "404": response(ref("Error"))},
            params=[RECORD_ID],
        ),
        "patch": operation(
            f"Change a {_what}'s texts (admin): answers use the new values at once",
            {
                "200": response(
                    {
                        "type": "object",
                        "properties": {
                            "change": ref("CatalogChange"),
                            "record": ref("CatalogRecord"),
                            "nlu_stale": {
                                "type": "boolean",
                                "description": "a name or alias changed: " "export and retrain",
                            },
                            "message": {"type": "string"},
                        },
                    }
                ),
                "400": response(ref("Error"), "not a JSON object"),
                "404": response(ref("Error")),
                "422": response(ref("Error"), "unknown field, bad value, future as_of or no note"),
            },
            params=[RECORD_ID],
            admin=True,
            body=request_body(
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
        "get": operation(
            f"Every change of one {_what}, newest first",
            {
                "200": response(
                    {
                        "type": "object",
                        "properties": {"items": {"type": "array", "items": ref("CatalogChange")}},
                    }
                ),
                "404": response(ref("Error")),
            },
            params=[RECORD_ID],
        )
    }


PATHS: Final[dict[str, dict[str, Any]]] = {
    "/api/openapi.json": {
        "get": operation("This document", {"200": response({"type": "object"})}, public=True)
    },
    "/api/session": {
        "get": operation(
            "The signed-in staff member and the CSRF token",
            {
                "200": response(
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
        "post": operation(
            "Classify a text with the running model (topic, field, program)",
            {
                "200": response(ref("Triage")),
                "422": response(ref("Error"), "no text"),
                "502": response(ref("Error"), "Rasa unreachable"),
            },
            body=request_body(
                {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
            ),
        )
    },
    "/api/inquiries": {
        "get": operation(
            "The inquiry queue, newest first",
            {
                "200": response(
                    {
                        "type": "object",
                        "properties": {
                            "items": {"type": "array", "items": ref("Inquiry")},
                            "total": {"type": "integer"},
                        },
                    }
                ),
                "422": response(ref("Error")),
            },
            params=[
                query_param("topic", {"type": "string", "enum": list(TOPICS)}, "effective topic"),
                query_param(
                    "field", {"type": "string", "enum": list(FIELD_NAMES)}, "effective field"
                ),
                query_param("status", {"type": "string", "enum": list(INQUIRY_STATUSES)}, "status"),
                query_param(
                    "low_confidence", {"type": "boolean"}, "only unreviewed, confidence < 0.6"
                ),
                query_param("q", {"type": "string"}, "text contains, or the exact conversation id"),
                query_param(
                    "limit", {"type": "integer", "default": 50, "maximum": 200}, "page size"
                ),
                query_param("offset", {"type": "integer", "default": 0}, "page start"),
            ],
        )
    },
    "/api/inquiries/{inquiry_id}": {
        "get": operation(
            "One inquiry with its conversation",
            {
                "200": response({"allOf": [ref("Inquiry"), ref("Conversation")]}),
                "404": response(ref("Error")),
            },
            params=[INQUIRY_ID],
        ),
        "patch": operation(
            "Relabel (topic, field, program) and/or close or reopen",
            {
                "200": response(ref("Inquiry")),
                "404": response(ref("Error")),
                "422": response(ref("Error"), "label outside the taxonomy or catalogue"),
            },
            params=[INQUIRY_ID],
            body=request_body(
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
        "get": operation(
            "Bookings of one day (KST), optionally of one expert",
            {
                "200": response(
                    {
                        "type": "object",
                        "properties": {
                            "day": {"type": "string", "format": "date"},
                            "items": {"type": "array", "items": ref("Booking")},
                        },
                    }
                ),
                "422": response(ref("Error")),
            },
            params=[
                query_param("day", {"type": "string", "format": "date"}, "default: today"),
                query_param("expert", {"type": "string"}, "expert id"),
            ],
        )
    },
    "/api/bookings/{code}/cancel": {
        "post": operation(
            "Cancel a booking (same rules as the bot)",
            {
                "200": response(ref("Booking")),
                "404": response(ref("Error")),
                "409": response(ref("Error"), "cancelled, done or started"),
            },
            params=[CODE],
            admin=True,
        )
    },
    "/api/bookings/{code}/move": {
        "post": operation(
            "Move a booking: same field and channel, a free expert, open hours, no holiday",
            {
                "200": response(ref("Booking")),
                "404": response(ref("Error")),
                "409": response(
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
                "422": response(ref("Error")),
            },
            params=[CODE],
            admin=True,
            body=request_body(
                {
                    "type": "object",
                    "required": ["start"],
                    "properties": {"start": {"type": "string", "format": "date-time"}},
                }
            ),
        )
    },
    "/api/experts": {"get": operation("The expert roster", {"200": response({"type": "object"})})},
    "/api/handoffs": {
        "get": operation(
            "Handoffs: open ones, waiting first",
            {
                "200": response(
                    {
                        "type": "object",
                        "properties": {"items": {"type": "array", "items": ref("Handoff")}},
                    }
                )
            },
            params=[query_param("include_closed", {"type": "boolean"}, "recent closed ones too")],
        )
    },
    "/api/handoffs/{handoff_id}": {
        "get": operation(
            "A handoff with the conversation's messages (after an event id) and slots",
            {
                "200": response({"allOf": [ref("Handoff"), ref("Conversation")]}),
                "404": response(ref("Error")),
            },
            params=[HANDOFF_ID, query_param("after", {"type": "integer"}, "only newer messages")],
        )
    },
    "/api/handoffs/{handoff_id}/take": {
        "post": operation(
            "Take the conversation (admins may take over another agent's)",
            {
                "200": response(ref("Handoff")),
                "404": response(ref("Error")),
                "409": response(ref("Error"), "closed, or held by another agent"),
            },
            params=[HANDOFF_ID],
        )
    },
    "/api/handoffs/{handoff_id}/message": {
        "post": operation(
            "Send a message to the user's chat, live (holder only)",
            {
                "200": response({"type": "object", "properties": {"sent": {"type": "boolean"}}}),
                "409": response(ref("Error"), "not taken yet, or closed"),
                "422": response(ref("Error")),
                "502": response(ref("Error"), "Rasa unreachable"),
            },
            params=[HANDOFF_ID],
            body=request_body(
                {
                    "type": "object",
                    "required": ["text"],
                    "properties": {"text": {"type": "string", "maxLength": 2000}},
                }
            ),
        )
    },
    "/api/handoffs/{handoff_id}/release": {
        "post": operation(
            "Hand the conversation back to the bot (resume) and tell the user",
            {
                "200": response(ref("Handoff")),
                "409": response(ref("Error")),
                "502": response(ref("Error"), "Rasa unreachable; the handoff stays open"),
            },
            params=[HANDOFF_ID],
        )
    },
    "/api/stats": {
        "get": operation(
            "Dashboard figures",
            {
                "200": response(
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
            params=[
                query_param("days", {"type": "integer", "default": 14, "maximum": 90}, "window")
            ],
        )
    },
    **CATALOG_PATHS,
    "/api/recommend": {
        "post": operation(
            "Programs that fit a company profile written in plain words (Korean or English)",
            {
                "200": response(
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
                "400": response(ref("Error"), "not a JSON object"),
                "422": response(ref("Error"), "no text, or over 2,000 characters"),
            },
            body=request_body(
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
            "Unauthorized": response(ref("Error"), "not signed in"),
            "Forbidden": response(ref("Error"), "missing CSRF token or role"),
        },
    },
}


def document() -> dict[str, Any]:
    """A copy of the document (callers may not change the module's)."""
    return copy.deepcopy(DOCUMENT)
