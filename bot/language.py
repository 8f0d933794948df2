"""Which language to answer in: Korean or English, decided per message and kept in a slot.

Investors write English, staff and lawyers mix ("법인설립 for a foreign company"), and inside
a booking form people answer with names, numbers and codes that carry no language. So:

* a message with letters of only one script decides by that script;
* a mixed message goes to the script with clearly more letters (English needs three times
  as many Latin letters as Hangul syllables, since a Korean syllable carries more);
* button payloads ("/affirm"), numbers, codes and emoji keep the language already in use,
  and so do short answers (fewer than three words) to a form's question — "서울상회" typed
  as a company name in an English booking does not switch it to Korean.
"""

from __future__ import annotations

import re
from typing import Final, Literal

Language = Literal["ko", "en"]
LANGUAGES: Final = ("ko", "en")
DEFAULT: Final[Language] = "ko"

_HANGUL: Final = re.compile(r"[\uAC00-\uD7A3\u1100-\u11FF\u3131-\u318E]")
_LATIN: Final = re.compile(r"[A-Za-z]")
_WORD: Final = re.compile(r"[A-Za-z\uAC00-\uD7A3]+")
# Tokens that are Latin but not English: codes, units, programme acronyms Koreans use.
_NOT_ENGLISH: Final = re.compile(
    r"\b(?:BZ-?\w{4}|R&D|SBA|IR|FDI|VC|IP|PCT|ESG|AI|IT|SW|HW|CEO|"
    r"TIPS|B2B|B2C|OEM|KPI|DB|PC|OK|ok)\b"
    # an email address or web address is no sign of English
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+"
)


def detect_language(
    text: str | None, previous: str | None = None, answering: bool = False
) -> Language:
    """The language to answer ``text`` in.

    Args:
        text: The user's message.
        previous: The language used so far, if any.
        answering: True while a form is asking for a value (names, companies, numbers).
    """
    kept: Language = previous if previous in LANGUAGES else DEFAULT  # type: ignore[assignment]
    if not text or text.lstrip().startswith("/"):
        return kept
    stripped = _NOT_ENGLISH.sub(" ", text)
    hangul = len(_HANGUL.findall(stripped))
    latin = len(_LATIN.findall(stripped))
    words = _WORD.findall(stripped)
    if hangul == 0 and latin == 0:
        return kept
    if answering and previous in LANGUAGES and len(words) < 3:
        return kept
    if hangul == 0:
        return "en" if latin >= 2 else kept
    if latin == 0:
        return "ko"
    return "en" if latin >= 3 * hangul else "ko"
