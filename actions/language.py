"""The conversation's answer language, as the actions read it from the tracker."""

from __future__ import annotations

from rasa_sdk import Tracker


def language_of(tracker: Tracker) -> str:
    """The conversation's answer language ('ko' unless the slot says 'en')."""
    return "en" if tracker.get_slot("language") == "en" else "ko"
