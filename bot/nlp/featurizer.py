"""``KiwiEmbeddingFeaturizer``: dense sentence features from Kiwi's pretrained embeddings.

Sits after ``KoreanTokenizer`` (MeCab-ko) in the pipeline. Each token whose content morpheme
the CoNg model knows gets its anchor vector (``bot.nlp.embeddings``); the sentence feature is
their mean, centred on the training mean and scaled to length ``weight`` so that it weighs
against the sparse n-gram counts the way the measured setting does (docs/pipelines.md).
Tokens without a vector (particles, endings, English, unknown words) get a zero row.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import FEATURIZER_CLASS_ALIAS, TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp.component import GraphNode, NluComponent
from bot.nlp.embeddings import AnchorSpace, content_morpheme, default_anchors, model_version

logger = logging.getLogger(__name__)

STATE_FILE = "kiwi_embedding.npz"

KiwiState = tuple[list[int], np.ndarray[Any, Any]]
"""What training stores: the anchor morpheme ids and the mean sentence vector."""


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class KiwiEmbeddingFeaturizer(DenseFeaturizer, NluComponent[KiwiState]):
    """Adds a dense sentence vector (and per-token vectors) from Kiwi's CoNg embeddings."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``anchors``: vector size; ``weight``: length of the centred sentence vector."""
        return {**DenseFeaturizer.get_default_config(), "anchors": 256, "weight": 4.0}

    def __init__(
        self,
        config: dict[str, Any],
        name: str,
        model_storage: ModelStorage,
        resource: Resource,
        anchors: list[int] | None = None,
        mean: np.ndarray[Any, Any] | None = None,
    ) -> None:
        """Keep the trained state: anchor morpheme ids and the mean sentence vector."""
        super().__init__(name, {**self.get_default_config(), **config})
        self._model_storage = model_storage
        self._resource = resource
        self._anchors = anchors
        self._space: AnchorSpace | None = None
        self.mean = mean

    @classmethod
    def build(cls, node: GraphNode, state: KiwiState | None) -> KiwiEmbeddingFeaturizer:
        """An untrained featurizer, or a trained one with Kiwi's model loaded now.

        Loading takes about a second: a trained model pays it at start-up, not on a user's turn.
        """
        anchors, mean = state if state is not None else (None, None)
        featurizer = cls(
            node.config,
            node.execution_context.node_name,
            node.model_storage,
            node.resource,
            anchors,
            mean,
        )
        if state is not None:
            featurizer.space.vector("상담", "NNG")
        return featurizer

    @property
    def space(self) -> AnchorSpace:
        """The anchor space, built on first use (loading Kiwi's model takes about a second)."""
        if self._space is None:
            if self._anchors is None:
                self._anchors = default_anchors(int(self._config["anchors"]))
            self._space = AnchorSpace(self._anchors)
        return self._space

    def _token_vectors(self, message: Message) -> np.ndarray[Any, Any] | None:
        """One row per token (zeros where the model has no vector); None without tokens."""
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        if not tokens:
            return None
        rows = np.zeros((len(tokens), self.space.dimension), dtype=np.float32)
        for i, token in enumerate(tokens):
            morpheme = content_morpheme(token.text, str(token.get("pos") or ""))
            vector = self.space.vector(*morpheme) if morpheme else None
            if vector is not None:
                rows[i] = vector
        return rows

    def _raw_sentence(self, rows: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        present = rows[np.any(rows != 0, axis=1)]
        if not len(present):
            return np.zeros(rows.shape[1], dtype=np.float32)
        return np.asarray(present.mean(axis=0), dtype=np.float32)

    def train(self, training_data: TrainingData) -> Resource:
        """Learn the mean sentence vector of the training examples (the centre of the space)."""
        sums, count = np.zeros(self.space.dimension, dtype=np.float64), 0
        for message in training_data.training_examples:
            rows = self._token_vectors(message)
            if rows is not None and np.any(rows):
                sums += self._raw_sentence(rows)
                count += 1
        self.mean = (sums / max(count, 1)).astype(np.float32)
        with self._model_storage.write_to(self._resource) as path:
            np.savez(
                path / STATE_FILE,
                anchors=np.asarray(self.space.anchors, dtype=np.int64),
                mean=self.mean,
                version=np.asarray(model_version()),
            )
        return self._resource

    @classmethod
    def read_state(cls, model_storage: ModelStorage, resource: Resource) -> KiwiState:
        """Anchors and mean; a different ``kiwipiepy_model`` means the model must be retrained.

        Raises:
            ValueError: the model was trained with another ``kiwipiepy_model`` version, whose
                morpheme ids mean other morphemes.
        """
        with model_storage.read_from(resource) as path:
            state = np.load(path / STATE_FILE)
            anchors = [int(i) for i in state["anchors"]]
            mean = np.asarray(state["mean"], dtype=np.float32)
            version = str(state["version"])
        if version != model_version():
            raise ValueError(
                f"the model was trained with kiwipiepy_model {version}, "
                f"{model_version()} is installed: run `make train`"
            )
        return anchors, mean

    def _sentence(self, rows: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """The centred, scaled sentence vector (zeros when no token has a vector)."""
        raw = self._raw_sentence(rows)
        if not np.any(raw):
            return raw[np.newaxis, :]
        centred = raw - (self.mean if self.mean is not None else 0.0)
        norm = float(np.linalg.norm(centred)) or 1.0
        return (float(self._config["weight"]) * centred / norm)[np.newaxis, :].astype(np.float32)

    def process(self, messages: list[Message]) -> list[Message]:
        """Add the sequence and sentence features of each message's text."""
        for message in messages:
            rows = self._token_vectors(message)
            if rows is None:
                continue
            alias = self._config[FEATURIZER_CLASS_ALIAS]
            message.add_features(Features(rows, FEATURE_TYPE_SEQUENCE, TEXT, alias))
            message.add_features(Features(self._sentence(rows), FEATURE_TYPE_SENTENCE, TEXT, alias))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Featurize the training examples (after ``train`` has set the mean)."""
        self.process(training_data.training_examples)
        return training_data

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Anchors must be positive; a weight of 0 would switch the feature off silently.

        Raises:
            ValueError: an invalid setting.
        """
        if int(config.get("anchors", 256)) < 1 or float(config.get("weight", 4.0)) <= 0:
            raise ValueError("KiwiEmbeddingFeaturizer needs anchors ≥ 1 and weight > 0")
