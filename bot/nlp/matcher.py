"""``CatalogEntityMatcher``: finds catalogue names in messages, whatever the spacing.

It extracts the ``program`` entity (SBA programs) and the ``field`` entity (노무, 노무사,
HR → labor), both from lookup tables generated from the catalogue.

Names of SBA programs are long compounds that users space freely (청년취업사관학교,
청년 취업 사관학교, 청년취업 사관학교) and mix with English (SeSAC, trade-ON).
The matcher compares on folded characters (no spaces, lower case) using spaCy's
``PhraseMatcher`` over one-character tokens, which matches hundreds of aliases in
one pass, and maps each hit back to exact offsets in the original text. A hit
must start where a token starts, so 서울컵 is not found in the middle of a word, and
must not end inside a Latin word, so IP is not found in IPO.

Patterns come from the training data's lookup tables (one per entity type) and
the canonical value from its synonyms; both are generated from the catalogue by
``bizcall nlu export``, so a catalogue change changes the training data and Rasa
retrains this component.
"""

from __future__ import annotations

import logging
from typing import Any

import rasa.shared.utils.io
import spacy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from bot.nlp.component import GraphNode, NluComponent
from bot.text import fold

logger = logging.getLogger(__name__)

PATTERNS_FILE = "catalog_patterns.json"

Patterns = dict[str, dict[str, str]]
"""``{entity: {folded alias: canonical value}}``: what the matcher learns."""


def _inside_latin_word(text: str, end: int) -> bool:
    """True if a match ending at ``end`` stops inside a Latin word (IP in IPO, tax in taxi).

    Korean names end wherever a particle or ending begins (노무사한테, SeSAC에서), so only
    a Latin letter or digit on both sides of the end rules a match out.
    """
    return (
        0 < end < len(text)
        and text[end - 1].isascii()
        and text[end - 1].isalnum()
        and text[end].isascii()
        and text[end].isalnum()
    )


def _char_doc(vocab: Any, text: str) -> tuple[Doc, list[int]]:
    """A spaCy Doc with one token per folded character, and each token's offset in ``text``."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        key = fold(ch)
        for k in key:
            chars.append(k)
            offsets.append(i)
    return Doc(vocab, words=chars or [" "], spaces=[False] * max(len(chars), 1)), offsets


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class CatalogEntityMatcher(NluComponent[Patterns], EntityExtractorMixin):
    """Extracts catalogue entities (``program`` …) by spacing-insensitive phrase matching."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Entity types to match; each needs a lookup table of the same name."""
        return {"entities": ["program"], "min_chars": 2}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        patterns: Patterns | None = None,
    ) -> None:
        """Keep config and the learned ``{entity: {folded alias: canonical value}}``."""
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.patterns: Patterns = patterns or {}
        self._nlp = spacy.blank("xx")
        self._matcher = self._build_matcher()

    @classmethod
    def build(cls, node: GraphNode, state: Patterns | None) -> CatalogEntityMatcher:
        """A matcher with the learned patterns ``state``; an empty one without."""
        return cls(node.config, node.model_storage, node.resource, state)

    def _build_matcher(self) -> PhraseMatcher:
        matcher = PhraseMatcher(self._nlp.vocab, attr="ORTH")
        for entity, aliases in self.patterns.items():
            docs = [_char_doc(self._nlp.vocab, alias)[0] for alias in aliases]
            if docs:
                matcher.add(entity, docs)
        return matcher

    def train(self, training_data: TrainingData) -> Resource:
        """Collect aliases from lookup tables and canonical values from synonyms."""
        synonyms = {fold(k): v for k, v in training_data.entity_synonyms.items()}
        wanted = set(self._config["entities"])
        self.patterns = {}
        for table in training_data.lookup_tables:
            if table.get("name") not in wanted:
                continue
            aliases = self.patterns.setdefault(table["name"], {})
            for element in table.get("elements") or []:
                key = fold(str(element))
                if len(key) >= self._config["min_chars"]:
                    aliases[key] = synonyms.get(key, str(element))
        if not self.patterns:
            rasa.shared.utils.io.raise_warning(
                "CatalogEntityMatcher found no lookup table for "
                f"{sorted(wanted)}; run `bizcall nlu export` before training."
            )
        self._matcher = self._build_matcher()
        with self._model_storage.write_to(self._resource) as path:
            rasa.shared.utils.io.dump_obj_as_json_to_file(path / PATTERNS_FILE, self.patterns)
        return self._resource

    @classmethod
    def read_state(cls, model_storage: ModelStorage, resource: Resource) -> Patterns | None:
        """The learned patterns; None if there are none (the matcher then finds nothing)."""
        try:
            with model_storage.read_from(resource) as path:
                patterns: Patterns = rasa.shared.utils.io.read_json_file(path / PATTERNS_FILE)
        except (ValueError, FileNotFoundError):
            return None
        return patterns

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to training examples (annotations are the truth there)."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Add matched entities to each message."""
        for message in messages:
            found = self.add_extractor_name(self.extract(message))
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

    def extract(self, message: Message) -> list[dict[str, Any]]:
        """Entities in one message: longest non-overlapping matches that start on a token.

        Matches are checked before choosing the longest, so a long name that fails the
        checks leaves room for a shorter one it contains.
        """
        text = message.get(TEXT) or ""
        if not text or not self.patterns:
            return []
        doc, offsets = _char_doc(self._nlp.vocab, text)
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        token_starts = {t.start for t in tokens} if tokens else None
        labelled = {}
        for match_id, s, e in self._matcher(doc):
            start, end = offsets[s], offsets[e - 1] + 1
            if token_starts is not None and start not in token_starts:
                continue
            if _inside_latin_word(text, end):
                continue
            labelled[(s, e)] = self._nlp.vocab.strings[match_id]
        entities = []
        for span in filter_spans([doc[s:e] for s, e in labelled]):
            start, end = offsets[span.start], offsets[span.end - 1] + 1
            entity = labelled[(span.start, span.end)]
            key = "".join(t.text for t in span)
            entities.append(
                {
                    "entity": entity,
                    "start": start,
                    "end": end,
                    "value": self.patterns[entity].get(key, text[start:end]),
                    "confidence_entity": 1.0,
                }
            )
        return entities
