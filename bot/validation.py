"""Validate and normalise the personal data a booking needs: 사업자등록번호, phone, email.

People type these every way there is ("010 1234 5678", "+82 10-1234-5678",
"123 45 67890", full-width digits from a Korean IME), so each function accepts the
common variants, returns one canonical form, and returns ``None`` for anything that is
not valid — the caller turns ``None`` into a specific re-ask. Nothing here logs its input.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_BRN_WEIGHTS: Final = (1, 3, 7, 1, 3, 7, 1, 3, 5)

_MOBILE: Final = re.compile(r"^01[016789]\d{7,8}$")
_SEOUL: Final = re.compile(r"^02\d{7,8}$")
_AREA: Final = re.compile(r"^0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])\d{7,8}$")
_INTERNET: Final = re.compile(r"^070\d{8}$")
_REPRESENTATIVE: Final = re.compile(r"^1[5-9]\d{6}$")  # 1588-xxxx style company numbers

_EMAIL: Final = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_SEPARATORS: Final = re.compile(r"[\s\-.()·‐‑–—_/]+")


def _fold(text: str) -> str:
    """Full-width digits and letters to ASCII (what a Korean IME often produces)."""
    return unicodedata.normalize("NFKC", text or "").strip()


def digits_only(text: str) -> str | None:
    """The digits of ``text`` if it holds nothing but digits and separators, else None."""
    squashed = _SEPARATORS.sub("", _fold(text))
    return squashed if squashed.isdigit() else None


def business_number_checksum_ok(digits: str) -> bool:
    """국세청's check digit rule for a 10-digit 사업자등록번호.

    The first nine digits are weighted 1,3,7,1,3,7,1,3,5; the ninth digit's product is
    also carried (its tens place added); the tenth digit makes the sum a multiple of 10.
    """
    if len(digits) != 10 or not digits.isdigit():
        return False
    numbers = [int(c) for c in digits]
    total = sum(n * w for n, w in zip(numbers[:9], _BRN_WEIGHTS, strict=True))
    total += numbers[8] * 5 // 10
    return (10 - total % 10) % 10 == numbers[9]


def normalize_business_number(text: str) -> str | None:
    """``"123-45-67890"`` for a valid 사업자등록번호 in any common spelling, else None."""
    digits = digits_only(text)
    if digits is None or not business_number_checksum_ok(digits):
        return None
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def normalize_phone(text: str) -> str | None:
    """A Korean phone number in its usual dashed form, or None.

    Accepts mobile (010, 011, 016–019), Seoul (02), area codes, 070 and 15xx/16xx/18xx
    numbers, with spaces, dots, dashes or brackets, and the +82 / 82 country prefix
    ("+82 10-1234-5678" → "010-1234-5678").
    """
    folded = _fold(text)
    international = folded.startswith("+")
    digits = digits_only(folded.lstrip("+"))
    if digits is None:
        return None
    if digits.startswith("82") and (international or len(digits) in (11, 12)):
        digits = "0" + digits[2:].lstrip("0")
    elif international:
        return None
    if _MOBILE.match(digits) or _INTERNET.match(digits):
        head, rest = digits[:3], digits[3:]
    elif _SEOUL.match(digits):
        head, rest = digits[:2], digits[2:]
    elif _AREA.match(digits):
        head, rest = digits[:3], digits[3:]
    elif _REPRESENTATIVE.match(digits):
        return f"{digits[:4]}-{digits[4:]}"
    else:
        return None
    middle = len(rest) - 4
    return f"{head}-{rest[:middle]}-{rest[middle:]}"


def normalize_email(text: str) -> str | None:
    """The address lower-cased in its domain, or None if it is not a plausible email."""
    folded = _fold(text).strip("<>")
    if len(folded) > 254 or not _EMAIL.match(folded):
        return None
    local, domain = folded.rsplit("@", 1)
    if ".." in local or local.startswith(".") or local.endswith("."):
        return None
    return f"{local}@{domain.lower()}"
