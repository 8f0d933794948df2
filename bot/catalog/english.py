"""English search terms: words, lower case, light suffix stemming, no stop words.

Okt analyses Korean; for English it only splits words, so "startups" never meets "startup"
and "bootcamps" never meets "bootcamp". English catalogue texts and English questions go
through this instead. The stemmer is deliberately small (plurals, -ing, -ed, -ies): it only
has to make a question's words meet the catalogue's words, both stemmed the same way.
"""

from __future__ import annotations

import re
from typing import Final

from bot.text import MAX_INPUT_CHARS, clean

_WORD: Final = re.compile(r"[a-z0-9][a-z0-9&+]*(?:'[a-z]+)?")
STOP_WORDS: Final = frozenset(
    "a an the and or but if of to in on at by for from with without about into onto over under "
    "as is are was were be been being am do does did doing have has had having can could will "
    "would should shall may might must i me my mine we us our ours you your yours he him his she "
    "her it its they them their this that these those there here what which who whom whose when "
    "where why how any some all each every no not only also just so than too very more most such "
    "own same other else please tell know want wants wanted need needs like looking look help "
    "get got find give let s t im i'm it's what's where's there's program programs programme "
    "project projects sba seoul korea korean service services support supports supported".split()
)
"""Words that say nothing about which program is meant (SBA, Seoul and "support" are in
nearly every English description, so they only add noise)."""


def stem(word: str) -> str:
    """``word`` without plural, verb ending or final e: startups -> startup, coding/code -> cod."""
    w = word.lower().removesuffix("'s")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("es") and w[-3] in "sxz":
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for ending in ("ing", "ed"):
        if len(w) > len(ending) + 2 and w.endswith(ending) and not w.endswith("eed"):
            w = w[: -len(ending)]
            if w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    return w[:-1] if len(w) > 3 and w.endswith("e") and not w.endswith("ee") else w


_STOP_STEMS: Final = frozenset(stem(w) for w in STOP_WORDS)


def english_terms(text: str | None) -> list[str]:
    """Search terms of English ``text``: stemmed words without stop words."""
    words = _WORD.findall(clean(text)[:MAX_INPUT_CHARS].lower())
    stems = [stem(w) for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]
    return [s for s in stems if s not in _STOP_STEMS]
