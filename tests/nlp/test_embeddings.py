"""Kiwi's pretrained morpheme vectors: content morphemes, meaningful distances, a dense feature."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp.embeddings import AnchorSpace, content_morpheme, default_anchors
from bot.nlp.featurizer import STATE_FILE, KiwiEmbeddingFeaturizer
from bot.nlp.tokenizer import KoreanTokenizer


@pytest.fixture(scope="module")
def space() -> AnchorSpace:
    return AnchorSpace(default_anchors(256))


def _cos(a: np.ndarray | None, b: np.ndarray | None) -> float:
    assert a is not None and b is not None
    a, b = a - a.mean(), b - b.mean()
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


@pytest.mark.parametrize(
    ("surface", "pos", "expected"),
    [
        ("퇴직금", "NNG", ("퇴직금", "NNG")),
        ("빌릴", "VV+ETM", ("빌리", "VV")),  # MeCab-ko fuses stem and ending
        ("돼요", "VV+EC", ("되", "VV")),
        ("을", "JKO", None),
        ("?", "SF", None),
        ("startup", "SL", None),
        ("x", "", None),
    ],
)
def test_content_morpheme_of_a_token(surface: str, pos: str, expected: tuple | None) -> None:
    assert content_morpheme(surface, pos) == expected


def test_anchors_are_common_content_words(space: AnchorSpace) -> None:
    assert space.dimension == 256
    assert len(set(space.anchors)) == 256
    assert default_anchors(256) == space.anchors  # the same every time


def test_vectors_put_related_words_close(space: AnchorSpace) -> None:
    severance = space.vector("퇴직금", "NNG")
    assert severance is not None and severance.shape == (256,)
    assert _cos(severance, space.vector("급여", "NNG")) > _cos(
        severance, space.vector("메일", "NNG")
    )
    assert _cos(space.vector("특허", "NNG"), space.vector("출원", "NNG")) > _cos(
        space.vector("특허", "NNG"), space.vector("날씨", "NNG")
    )


def test_unknown_morphemes_have_no_vector(space: AnchorSpace) -> None:
    assert space.vector("없는말블라", "NNG") is None


def _featurizer(storage: LocalModelStorage, **config: object) -> KiwiEmbeddingFeaturizer:
    return KiwiEmbeddingFeaturizer.create(
        {**KiwiEmbeddingFeaturizer.get_default_config(), **config},
        storage,
        Resource("kiwi"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def _messages(*texts: str) -> list[Message]:
    messages = [Message(data={TEXT: t}) for t in texts]
    KoreanTokenizer({**KoreanTokenizer.get_default_config(), "backend": "mecab"}).process(messages)
    return messages


def test_the_featurizer_adds_a_sentence_vector_of_the_configured_length(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    featurizer = _featurizer(storage, weight=3.0, anchors=64)
    train = _messages("직원 퇴직금 계산", "부가세 신고 기한", "특허 출원 비용", "오늘 날씨 어때")
    featurizer.train(TrainingData(training_examples=train))
    [message] = featurizer.process(_messages("알바 급여 계산 방법"))
    sequence, sentence = message.get_dense_features(TEXT)
    assert sequence is not None and sentence is not None
    assert sequence.features.shape == (len(message.get("text_tokens")), 64)
    assert sentence.features.shape == (1, 64)
    assert np.linalg.norm(sentence.features) == pytest.approx(3.0, rel=1e-4)
    # A message with no content word the model knows gets zeros, not noise.
    [empty] = featurizer.process(_messages("?!"))
    assert not np.any(empty.get_dense_features(TEXT)[1].features)


def test_the_trained_state_loads_back(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    featurizer = _featurizer(storage, anchors=32)
    featurizer.train(TrainingData(training_examples=_messages("직원 퇴직금", "상표 등록")))
    loaded = KiwiEmbeddingFeaturizer.load(
        {**KiwiEmbeddingFeaturizer.get_default_config(), "anchors": 32},
        storage,
        Resource("kiwi"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    assert loaded.mean is not None and featurizer.mean is not None
    assert np.allclose(loaded.mean, featurizer.mean)
    [a] = featurizer.process(_messages("퇴직금 계산"))
    [b] = loaded.process(_messages("퇴직금 계산"))
    assert np.allclose(
        a.get_dense_features(TEXT)[1].features, b.get_dense_features(TEXT)[1].features
    )


def test_a_model_trained_with_another_kiwi_model_must_be_retrained(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    featurizer = _featurizer(storage, anchors=8)
    featurizer.train(TrainingData(training_examples=_messages("직원 퇴직금")))
    with storage.write_to(Resource("kiwi")) as path:
        state = dict(np.load(path / STATE_FILE))
        np.savez(path / STATE_FILE, **{**state, "version": np.asarray("0.0.1")})
    with pytest.raises(ValueError, match="make train"):
        KiwiEmbeddingFeaturizer.load(
            KiwiEmbeddingFeaturizer.get_default_config(),
            storage,
            Resource("kiwi"),
            ExecutionContext(GraphSchema({}), "t"),
        )


def test_invalid_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="weight"):
        KiwiEmbeddingFeaturizer.validate_config({"anchors": 8, "weight": 0})
