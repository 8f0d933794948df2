"""Parse text with the trained Rasa model outside the Rasa server (CLI triage, evaluation).

The model is loaded once per process (TensorFlow start-up dominates), then each parse is
one call on an event loop owned by this object.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any

from bot.text import MAX_INPUT_CHARS, clean


class ModelParser:
    """The NLU part of a trained model, ready to parse."""

    def __init__(self, model_path: Path):
        """Load ``model_path`` (a ``rasa train`` archive); raises FileNotFoundError if absent."""
        if not Path(model_path).exists():
            raise FileNotFoundError(f"no trained model at {model_path}: run `make train`")
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
        for noisy in ("rasa", "tensorflow", "absl"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
        import structlog

        # Rasa logs every parse through structlog at debug level; a CLI prints JSON only.
        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
        from rasa.core.agent import Agent

        self._loop = asyncio.new_event_loop()
        self._agent = Agent.load(str(model_path))

    def parse(self, text: str) -> dict[str, Any]:
        """Rasa's parse of ``text`` (cleaned and cut to the analysed length)."""
        text = clean(text)[:MAX_INPUT_CHARS]
        return self._loop.run_until_complete(self._agent.parse_message(text))

    def close(self) -> None:
        """Release the event loop."""
        self._loop.close()
