"""The OpenAPI 3 description of ``/api`` (served at ``/api/openapi.json``).

Written by hand next to the handlers, and held to them by a test: every route the
blueprint registers is documented here and every documented operation exists.
"""

from __future__ import annotations

import copy
from typing import Any, Final

from bot.console.models import INQUIRY_STATUSES
from bot.console.stats import Stats
from bot.fields import FIELD_NAMES
from bot.triage import TOPICS
from bot.web.console.openapi_schemas import (
    BOOLEAN,
    CODE,
    DATE,
    HANDOFF_ID,
    INQUIRY_ID,
    INTEGER,
    NULLABLE_STR,
    NUMBER,
    SCHEMAS,
    STRING,
    TEXT_BODY,
    Errors,
    array,
    dataclass_schema,
    get,
    obj,
    operation,
    path_param,
    post,
    query_param,
    ref,
    request_body,
    response,
)


def handoff_change(summary: str, errors: Errors) -> dict[str, Any]:
    """A ``post`` that moves a handoff on (take, release) and answers with the handoff."""
    return post(summary, ref("Handoff"), errors, params=[HANDOFF_ID])


RECORD_ID: Final = path_param("record_id", {"type": "string"})
CATALOG_PATHS: dict[str, dict[str, Any]] = {}
for _plural, _what in (("programs", "program"), ("facilities", "facility")):
    CATALOG_PATHS[f"/api/{_plural}"] = get(
        f"Every {_what} (id, name, as-of date), optionally filtered",
        obj(items=array(obj(id=STRING, name=STRING, as_of=DATE))),
        params=[query_param("q", {"type": "string"}, "part of the id or name")],
    )
    CATALOG_PATHS[f"/api/{_plural}/{{record_id}}"] = {
        "get": operation(
            f"One {_what}: editable values, basis (as-of date) and report source",
            ref("CatalogRecord"),
            {"404": None},
            params=[RECORD_ID],
        ),
        "patch": operation(
            f"Change a {_what}'s texts (admin): answers use the new values at once",
            obj(
                change=ref("CatalogChange"),
                record=ref("CatalogRecord"),
                nlu_stale={
                    "type": "boolean",
                    "description": "a name or alias changed: " "export and retrain",
                },
                message=STRING,
            ),
            {
                "400": "not a JSON object",
                "404": None,
                "422": "unknown field, bad value, future as_of or no note",
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
    CATALOG_PATHS[f"/api/{_plural}/{{record_id}}/history"] = get(
        f"Every change of one {_what}, newest first",
        obj(items=array(ref("CatalogChange"))),
        {"404": None},
        params=[RECORD_ID],
    )


PATHS: Final[dict[str, dict[str, Any]]] = {
    "/api/openapi.json": get("This document", {"type": "object"}, public=True),
    "/api/session": get(
        "The signed-in staff member and the CSRF token",
        obj(username=STRING, role=STRING, csrf_token=STRING),
    ),
    "/api/triage": post(
        "Classify a text with the running model (topic, field, program)",
        ref("Triage"),
        {"422": "no text", "502": "Rasa unreachable"},
        body=request_body(
            {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
        ),
    ),
    "/api/inquiries": get(
        "The inquiry queue, newest first",
        obj(items=array(ref("Inquiry")), total=INTEGER),
        {"422": None},
        params=[
            query_param("topic", {"type": "string", "enum": list(TOPICS)}, "effective topic"),
            query_param("field", {"type": "string", "enum": list(FIELD_NAMES)}, "effective field"),
            query_param("status", {"type": "string", "enum": list(INQUIRY_STATUSES)}, "status"),
            query_param("low_confidence", {"type": "boolean"}, "only unreviewed, confidence < 0.6"),
            query_param("q", {"type": "string"}, "text contains, or the exact conversation id"),
            query_param("limit", {"type": "integer", "default": 50, "maximum": 200}, "page size"),
            query_param("offset", {"type": "integer", "default": 0}, "page start"),
        ],
    ),
    "/api/inquiries/{inquiry_id}": {
        "get": operation(
            "One inquiry with its conversation",
            {"allOf": [ref("Inquiry"), ref("Conversation")]},
            {"404": None},
            params=[INQUIRY_ID],
        ),
        "patch": operation(
            "Relabel (topic, field, program) and/or close or reopen",
            ref("Inquiry"),
            {"404": None, "422": "label outside the taxonomy or catalogue"},
            params=[INQUIRY_ID],
            body=request_body(
                obj(
                    topic={"type": "string", "enum": list(TOPICS)},
                    field={"type": "string", "nullable": True, "enum": [*FIELD_NAMES, None]},
                    program=NULLABLE_STR,
                    status={"type": "string", "enum": ["closed", "open"]},
                )
            ),
        ),
    },
    "/api/bookings": get(
        "Bookings of one day (KST), optionally of one expert",
        obj(day=DATE, items=array(ref("Booking"))),
        {"422": None},
        params=[
            query_param("day", {"type": "string", "format": "date"}, "default: today"),
            query_param("expert", {"type": "string"}, "expert id"),
        ],
    ),
    "/api/bookings/{code}/cancel": post(
        "Cancel a booking (same rules as the bot)",
        ref("Booking"),
        {"404": None, "409": "cancelled, done or started"},
        params=[CODE],
        admin=True,
    ),
    "/api/bookings/{code}/move": post(
        "Move a booking: same field and channel, a free expert, open hours, no holiday",
        ref("Booking"),
        {
            "404": None,
            "409": response(
                obj(error=STRING, reason=STRING, alternatives=array(STRING)),
                "not free (with the nearest free times) or not changeable",
            ),
            "422": None,
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
    ),
    "/api/experts": get("The expert roster", {"type": "object"}),
    "/api/handoffs": get(
        "Handoffs: open ones, waiting first",
        obj(items=array(ref("Handoff"))),
        params=[query_param("include_closed", {"type": "boolean"}, "recent closed ones too")],
    ),
    "/api/handoffs/{handoff_id}": get(
        "A handoff with the conversation's messages (after an event id) and slots",
        {"allOf": [ref("Handoff"), ref("Conversation")]},
        {"404": None},
        params=[HANDOFF_ID, query_param("after", {"type": "integer"}, "only newer messages")],
    ),
    "/api/handoffs/{handoff_id}/take": handoff_change(
        "Take the conversation (admins may take over another agent's)",
        {"404": None, "409": "closed, or held by another agent"},
    ),
    "/api/handoffs/{handoff_id}/message": post(
        "Send a message to the user's chat, live (holder only)",
        obj(sent=BOOLEAN),
        {"409": "not taken yet, or closed", "422": None, "502": "Rasa unreachable"},
        params=[HANDOFF_ID],
        body=TEXT_BODY,
    ),
    "/api/handoffs/{handoff_id}/release": handoff_change(
        "Hand the conversation back to the bot (resume) and tell the user",
        {"409": None, "502": "Rasa unreachable; the handoff stays open"},
    ),
    "/api/stats": get(
        "Dashboard figures",
        dataclass_schema(Stats, conversion=NUMBER),
        params=[query_param("days", {"type": "integer", "default": 14, "maximum": 90}, "window")],
    ),
    **CATALOG_PATHS,
    "/api/recommend": post(
        "Programs that fit a company profile written in plain words (Korean or English)",
        obj(
            profile={
                "type": "object",
                "description": "what was read from the text: kinds, "
                "years, age, seoul, district, industries, needs, "
                "headcount, language",
            },
            programs=array(
                obj(
                    id=STRING,
                    name=STRING,
                    status={"type": "string", "enum": ["eligible", "check"]},
                    reasons=array(STRING),
                    to_check=array(STRING),
                )
            ),
        ),
        {"400": "not a JSON object", "422": "no text, or over 2,000 characters"},
        body=TEXT_BODY,
    ),
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
