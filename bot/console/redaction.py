"""Which conversation data is personal, and its masked form (no Rasa imports: the web app
and the tracker store both use it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from bot.privacy import mask_business_number, mask_email, mask_phone, mask_text


def mask_name(name: str) -> str:
    """``홍길순`` → ``홍*순`` (the rule of staff listings)."""
    from bot.booking.staff_listing import mask_name as masked

    return masked(name)


PERSONAL_SLOTS: Final[dict[str, Callable[[str], str]]] = {
    "contact_name": mask_name,
    "contact_phone": mask_phone,
    "manage_phone": mask_phone,
    "business_number": mask_business_number,
    "contact_email": mask_email,
    "booking_summary": mask_text,
}
"""Slots that hold personal data while a booking form runs, and how each is masked."""


_STRUCTURE: Final = frozenset(
    {
        "event",
        "name",
        "timestamp",
        "intent",
        "intent_ranking",
        "input_channel",
        "message_id",
        "policy",
        "action_name",
        "utter_action",
        "entity",
        "extractor",
        "confidence",
    }
)
"""Keys whose values are the conversation's structure, never the user's words."""


def _mask_value(value: Any, known: dict[str, str]) -> Any:
    if isinstance(value, str):
        for raw, masked in known.items():
            value = value.replace(raw, masked)
        return mask_text(value)
    if isinstance(value, dict):
        return {k: v if k in _STRUCTURE else _mask_value(v, known) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_value(v, known) for v in value]
    return value


def mask_message(data: dict[str, Any], known: dict[str, str] | None = None) -> dict[str, Any]:
    """A user or bot event's data with personal data masked in every text it carries.

    The text, the parse (entities, a typed button answer) and the metadata — a bot
    message's metadata holds the values it was rendered with (the review's name and
    company). ``known`` maps values the user gave (a name typed as an answer) to their
    masked form; they are replaced first, then every phone number, 사업자등록번호 and email.
    """
    return {k: v if k in _STRUCTURE else _mask_value(v, known or {}) for k, v in data.items()}


MACHINE_SLOTS: Final = frozenset(
    {"manage_verified", "booking_code", "booking_time_options", "requested_slot", "language"}
)
"""Slots whose values the code writes, never the user (a time stamp in ``manage_verified``
has the shape of a 사업자등록번호 and must not be masked: the conversation reads it back)."""


def mask_slot_event(data: dict[str, Any], known: dict[str, str] | None = None) -> dict[str, Any]:
    """A slot event's data with phone numbers, 사업자등록번호 and emails masked in its value.

    Personal slots (``PERSONAL_SLOTS``) are stored as they are while the form needs them
    (Rasa rebuilds the conversation from these rows) and masked once it is done; every
    other slot — a phone typed when the time was asked, say — is masked at once.
    """
    if data.get("name") in PERSONAL_SLOTS or data.get("name") in MACHINE_SLOTS:
        return data
    return {**data, "value": _mask_value(data.get("value"), known or {})}


def rejected_answer_mask(value: str) -> str:
    """How an answer the form refused is kept at rest: first and last character only."""
    value = value.strip()
    if len(value) <= 2:
        return value[:1] + "*" * (len(value) - 1)
    return value[0] + "*" * (len(value) - 2) + value[-1]
