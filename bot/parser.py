"""Parse text with the trained Rasa model outside the Rasa server (CLI triage, evaluation).

The model is loaded once per process (TensorFlow start-up dominates), NLU components only,
then each parse is one run of that graph.
"""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
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
        # Deprecation notices from Rasa's dependencies (pkg_resources, pyparsing, click …) are
        # for their developers; on a CLI's stderr they would bury real errors. Recording them
        # hides them even though sanic, imported on the way, turns DeprecationWarning back on.
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("ignore")
            self._load(Path(model_path))
            # The first parse imports the rest and starts the analyser (MeCab's dictionary,
            # Okt's JVM), so do it now: callers time steady parses and see no start-up noise.
            self.parse("안녕하세요")

    def _load(self, model_path: Path) -> None:
        """Unpack the archive and build the runner for the NLU subgraph."""
        import structlog

        # Rasa logs every parse through structlog at debug level; a CLI prints JSON only.
        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
        from rasa.engine.graph import ExecutionContext
        from rasa.engine.runner.dask import DaskGraphRunner
        from rasa.engine.storage.local_model_storage import LocalModelStorage

        # Only the NLU part of the graph: the dialogue policies are not needed to parse
        # and took a third of the load time.
        self._storage_dir = tempfile.TemporaryDirectory(prefix="bizcall-model-")
        storage, metadata = LocalModelStorage.from_model_archive(
            storage_path=Path(self._storage_dir.name), model_archive_path=Path(model_path)
        )
        schema = metadata.predict_schema.minimal_graph_schema([metadata.nlu_target])
        self._target = metadata.nlu_target
        self._runner = DaskGraphRunner.create(
            graph_schema=schema,
            model_storage=storage,
            execution_context=ExecutionContext(graph_schema=schema, model_id=metadata.model_id),
        )

    def parse(self, text: str) -> dict[str, Any]:
        """Rasa's parse of ``text`` (cleaned and cut to the analysed length).

        The same result as the server's ``/model/parse``: intent, ranking, entities, text.
        """
        from rasa.core.channels.channel import UserMessage
        from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER

        text = clean(text)[:MAX_INPUT_CHARS]
        # No conversation here: the component that reads one (ButtonAnswerReader) gets None.
        results = self._runner.run(
            inputs={PLACEHOLDER_MESSAGE: [UserMessage(text)], PLACEHOLDER_TRACKER: None},
            targets=[self._target],
        )
        parsed = {"text": "", "intent": {"name": None, "confidence": 0.0}, "entities": []}
        parsed.update(results[self._target][0].as_dict(only_output_properties=True))
        return parsed

    def close(self) -> None:
        """Remove the unpacked model."""
        self._storage_dir.cleanup()
