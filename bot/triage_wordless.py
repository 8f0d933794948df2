"""The triage of a text with no words in it ("ㅋㅋㅋ", "?!", emoji), without the model.

Such a text is out of scope whatever the model would say, so ``bizcall triage`` and the
console's triage endpoint answer it alike, with full confidence, and never parse it.
Apart from ``bot.triage`` so that callers need not import the classifier to use it.
"""

from __future__ import annotations

from typing import Any


def wordless_triage() -> dict[str, Any]:
    """The JSON triage of a wordless text: out of scope, no field, no program, no entities.

    A fresh dict each call, so a caller may add to it (an ``id``) without changing the next.
    """
    return {
        "topic": "out_of_scope",
        "field": None,
        "program": None,
        "confidence": 1.0,
        "intent": "out_of_scope",
        "entities": [],
    }
