"""Rasa parse results as tests need them: what the NLU server returns for one message.

The console stores them with each user event and triages inquiries from them; the triage
tests classify them directly. Both build the same dictionary, so it is built here once.
"""

from __future__ import annotations

from typing import Any


def parse(
    text: str,
    intent: str,
    confidence: float = 0.95,
    entities: list[dict[str, Any]] | None = None,
    ranking: list[tuple[str, float]] | None = None,
) -> dict[str, Any]:
    """A Rasa parse result as the server stores it with the user event.

    ``ranking`` defaults to ``intent`` alone at ``confidence``.
    """
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
        "intent_ranking": [
            {"name": n, "confidence": c} for n, c in ranking or [(intent, confidence)]
        ],
    }
