"""Mask personal data (phone numbers, 사업자등록번호, emails) wherever text leaves the database.

Bookings need these values in full, so they live in the bookings table; everything
else — logs, staff listings by default, the tracker after a form — sees masked forms
that still let a person recognise their own data ("010-****-5678").

``MaskingFilter`` is a logging filter: installed on a handler (``install_log_masking``),
it rewrites every record's message before it is formatted, so a debug log of a user's
message cannot leak what they typed.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Final

from bot.validation import business_number_checksum_ok, normalize_phone

_PHONE_IN_TEXT: Final = re.compile(
    r"(?<![\d*])(\+?82[\s.-]?)?(0?1[016789]|0?2|0?[3-6]\d|070)([\s.-]?)(\d{3,4})([\s.-]?)(\d{4})(?!\d)"
)
_BRN_IN_TEXT: Final = re.compile(r"(?<!\d)(\d{3})([\s.-]?)(\d{2})([\s.-]?)(\d{5})(?!\d)")
_EMAIL_IN_TEXT: Final = re.compile(
    r"([A-Za-z0-9._%+-])([A-Za-z0-9._%+-]*)(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})"
)


def mask_phone(phone: str) -> str:
    """``010-1234-5678`` → ``010-****-5678``: keeps the prefix and the last four digits."""
    digits = re.sub(r"\D", "", normalize_phone(phone or "") or phone or "")
    if len(digits) < 8:
        return "*" * len(digits)
    head = digits[:2] if digits.startswith("02") else digits[:3]
    return f"{head}-****-{digits[-4:]}"


def mask_business_number(number: str) -> str:
    """``123-45-67890`` → ``123-45-*****``: the office and type digits stay, the serial goes."""
    digits = re.sub(r"\D", "", number or "")
    if len(digits) != 10:
        return "*" * len(digits)
    return f"{digits[:3]}-{digits[3:5]}-*****"


def mask_email(email: str) -> str:
    """``hong@example.com`` → ``h***@example.com``."""
    if not email or "@" not in email:
        return "***" if email else ""
    local, domain = email.rsplit("@", 1)
    return f"{local[:1]}***@{domain}"


def _mask_phone_match(m: re.Match[str]) -> str:
    return mask_phone(m.group(0))


def _mask_brn_match(m: re.Match[str]) -> str:
    digits = m.group(1) + m.group(3) + m.group(5)
    # Any 3-2-5 group is masked when written with separators; bare 10-digit runs only
    # when they pass the checksum, so order numbers and amounts survive.
    if m.group(2) or m.group(4) or business_number_checksum_ok(digits):
        return mask_business_number(digits)
    return m.group(0)


def mask_text(text: str) -> str:
    """Mask every phone number, 사업자등록번호 and email found inside free text."""
    if not text:
        return text
    text = _EMAIL_IN_TEXT.sub(lambda m: f"{m.group(1)}***{m.group(3)}", text)
    text = _BRN_IN_TEXT.sub(_mask_brn_match, text)
    return _PHONE_IN_TEXT.sub(_mask_phone_match, text)


class MaskingFilter(logging.Filter):
    """Rewrites log records so that personal data never reaches a log file or console."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the formatted message in place; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave the record to logging itself
            return True
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def install_log_masking(logger: logging.Logger | None = None) -> None:
    """Mask personal data in every log record of this process, or only at ``logger``'s handlers.

    Without ``logger``, the log record factory is wrapped, so every record is masked when
    it is created — whichever library logs it and whichever handlers Rasa or Sanic
    configure later. With ``logger``, ``MaskingFilter`` is added to its handlers. Idempotent.
    """
    if logger is not None:
        for handler in logger.handlers:
            if not any(isinstance(f, MaskingFilter) for f in handler.filters):
                handler.addFilter(MaskingFilter())
        return
    previous = logging.getLogRecordFactory()
    if getattr(previous, "masks_personal_data", False):
        return
    mask = MaskingFilter()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        mask.filter(record)
        return record

    factory.masks_personal_data = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
