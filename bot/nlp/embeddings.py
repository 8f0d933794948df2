"""Morpheme vectors from Kiwi's pretrained CoNg language model (``kiwipiepy_model``).

Why: a linear model on n-grams only knows words it was trained on. 급료, 상여금 and 퇴직금
are different strings but neighbours in an embedding learned from a large Korean corpus;
giving the classifier that neighbourhood lets a word it never saw count like the words it
did. The model ships inside the ``kiwipiepy_model`` wheel (installed from PyPI), so nothing
is downloaded at run time.

Kiwi exposes similarities, not raw vectors, so a morpheme is represented by its cosine
similarity to ``K`` fixed anchor morphemes (frequent content words). With ``K`` at least the
embedding's dimension (about 250: the similarity matrix has no more independent directions),
this is a linear image of the normalised embedding, which is all a linear classifier needs.
One similarity costs well under a microsecond, so a new morpheme costs about 0.1 ms and is
then cached.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

import numpy as np

CONTENT_TAGS = frozenset({"NNG", "NNP", "VV", "VA", "XR", "MAG"})
"""Parts of speech that carry meaning; particles and endings would only add noise."""
SKIP_FREQUENT = 100
"""The most frequent morpheme ids are function words; anchors start after them."""

_lock = threading.Lock()


@functools.cache
def _kiwi() -> Any:
    """Kiwi with the CoNg model, loaded once per process (about 1 s and 200 MB).

    Only the embeddings are used here, never the analyser, so the typo and multi-word
    dictionaries (for analysing misspelt and compound input) are not loaded: 64 MB less in
    the Rasa process, and the same similarities for all 4,550 content morphemes of the
    training data (checked when the flags were set; docs/performance.md).
    """
    from kiwipiepy import Kiwi

    return Kiwi(model_type="cong", load_typo_dict=False, load_multi_dict=False)


def model_version() -> str:
    """Version of the installed ``kiwipiepy_model`` (morpheme ids are specific to it)."""
    import kiwipiepy_model

    return str(kiwipiepy_model.__version__)


def _base_tag(tag: str) -> str:
    """Kiwi marks irregular conjugation (VV-I, VA-R); MeCab-ko does not."""
    return tag.split("-", 1)[0]


def default_anchors(count: int) -> list[int]:
    """The ``count`` commonest content nouns, verbs and adjectives after the function words.

    Kiwi numbers morphemes roughly by frequency, so walking the ids from ``SKIP_FREQUENT``
    finds common, general words: anchors that every topic is measured against.
    """
    kiwi = _kiwi()
    out: list[int] = []
    i = SKIP_FREQUENT
    while len(out) < count:
        m = kiwi.morpheme(i)
        if m.form and _base_tag(str(m.tag)) in ("NNG", "VV", "VA"):
            out.append(i)
        i += 1
    return out


class AnchorSpace:
    """Vectors of morphemes as similarities to fixed anchors, cached per morpheme."""

    def __init__(self, anchors: list[int], cache_size: int = 50_000):
        """Use ``anchors`` (morpheme ids); the cache keeps the most recent morphemes' vectors."""
        self.anchors = list(anchors)
        self.dimension = len(self.anchors)
        self._vector = functools.lru_cache(maxsize=cache_size)(self._compute)

    def _compute(self, form: str, tag: str) -> np.ndarray[Any, Any] | None:
        kiwi = _kiwi()
        with _lock:
            try:
                # Sense 0 settles forms with several dictionary senses (스튜디오/NNG__0 …).
                values = [kiwi.morpheme_similarity((form, tag, 0), a) for a in self.anchors]
            except ValueError:  # not in the model's dictionary
                return None
        vector = np.asarray(values, dtype=np.float32)
        # Some dictionary entries have no embedding (Kiwi answers NaN): no vector, not zeros.
        return None if not np.isfinite(vector).all() else vector

    def vector(self, form: str, tag: str) -> np.ndarray[Any, Any] | None:
        """The vector of a morpheme, or None when the model has none for it."""
        return self._vector(form, _base_tag(tag))


@functools.lru_cache(maxsize=20_000)
def split_inflected(surface: str, pos: str) -> tuple[str, str] | None:
    """The content morpheme inside a MeCab-ko token that fused several (빌릴 → 빌리/VV).

    MeCab-ko tags 빌릴 as ``VV+ETM``; its analysis field spells out ``빌리/VV/*+ᆯ/ETM/*``.
    """
    from bot.nlp.morph import mecab_analysis

    head = pos.split("+", 1)[0]
    for _surface, _tag, expression in mecab_analysis(surface):
        for part in expression.split("+"):
            form, _, rest = part.partition("/")
            if rest.split("/", 1)[0] == head and form:
                return form, head
    return None


def content_morpheme(surface: str, pos: str) -> tuple[str, str] | None:
    """(form, tag) of a token's content morpheme, or None for particles, endings, symbols."""
    if not pos:
        return None
    head = pos.split("+", 1)[0]
    if head not in CONTENT_TAGS:
        return None
    if "+" not in pos:
        return surface, head
    return split_inflected(surface, pos)
