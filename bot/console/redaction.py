"""Which conversation data is personal, and its masked form (no Rasa imports: the web app
and the tracker store both use it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from bot.privacy import mask_business_number, mask_email, mask_phone, mask_text


def mask_name(name: str) -> str:
    """``홍길순`` → ``홍*순`` (the rule of staff listings)."""
    from bot.booking.report import mask_name as masked

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


def mask_message(data: dict[str, Any], known: dict[str, str] | None = None) -> dict[str, Any]:
    """A user or bot event's data with personal data masked in its texts.

    ``known`` maps values the user gave (a name typed as an answer) to their masked form;
    they are replaced first, then every phone number, 사업자등록번호 and email.
    """

    def clean(text: Any) -> Any:
        if not isinstance(text, str):
            return text
        for raw, masked in (known or {}).items():
            text = text.replace(raw, masked)
        return mask_text(text)

    data = dict(data)
    data["text"] = clean(data.get("text"))
    if isinstance(data.get("parse_data"), dict):
        data["parse_data"] = {**data["parse_data"], "text": clean(data["parse_data"].get("text"))}
    return data
