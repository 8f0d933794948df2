"""Booking confirmation codes like ``BZ-7K3Q``.

People read codes aloud over the phone and type them from an SMS, so the alphabet leaves
out characters that look alike (0/O, 1/I/L), and lookup accepts the code however it is
typed: any case, with spaces or dashes, with or without the ``BZ`` prefix. 31**4 (about
920,000) codes are plenty for a consultation desk, and the code alone never finds a
booking: the phone number must match too, and failed attempts are rate limited.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from typing import Final

ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PREFIX: Final = "BZ-"
BODY_LENGTH: Final = 4

_SEPARATORS: Final = re.compile(r"[\s\-_.·‐‑–—/]+")


def new_code() -> str:
    """A random code (``secrets``, so codes cannot be predicted from earlier ones)."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))


def normalize_code(text: str | None) -> str | None:
    """The canonical ``BZ-XXXX`` form of a typed code, or None if it cannot be one.

    "bz 7k3q", "BZ7K3Q", "ｂｚ－７ｋ３ｑ" and "7K3Q" all give "BZ-7K3Q".
    """
    folded = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or "")).upper()
    if len(folded) == len(PREFIX) - 1 + BODY_LENGTH and folded.startswith(PREFIX[:-1]):
        folded = folded[len(PREFIX) - 1 :]
    if len(folded) != BODY_LENGTH or any(c not in ALPHABET for c in folded):
        return None
    return PREFIX + folded
