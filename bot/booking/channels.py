"""How a consultation takes place: chat, phone, video or in person.

The codes are what the roster, the database and the conversation use; the labels are
what people read, in the language of the booking.
"""

from __future__ import annotations

from typing import Final

CHANNELS: Final[dict[str, tuple[str, str]]] = {
    "chat": ("채팅", "chat"),
    "phone": ("전화", "phone"),
    "video": ("화상", "video"),
    "visit": ("방문", "in person"),
}
"""Channel code → (Korean label, English label)."""


def channel_label(code: str, language: str = "ko") -> str:
    """The label of a channel code in ``language`` ('ko' or 'en'); the code itself if unknown."""
    ko, en = CHANNELS.get(code, (code, code))
    return en if language == "en" else ko
