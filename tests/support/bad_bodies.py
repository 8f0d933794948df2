"""The request bodies every channel must refuse before Rasa sees them.

``check`` is tested on them directly (``tests/test_inbound.py``) and the running stack is
asked to answer each with a 400 (``tests/e2e/test_bad_input.py``): one list of wrong shapes
serves both, and each test adds the cases only it sends.
"""

from __future__ import annotations

from typing import Any


def malformed_bodies(sender: str, message: str) -> list[Any]:
    """Bodies that are not a message: not an object, a message that is not text, a field missing.

    ``sender`` and ``message`` are a valid pair, so each body is wrong in one way only.
    """
    return [
        None,
        [],
        "text",
        12345,
        {"sender": sender, "message": 12345},
        {"sender": sender, "message": ["a"]},
        {"sender": sender, "message": None},
        {"sender": sender},
        {"message": message},
        {"sender": "", "message": message},
    ]
