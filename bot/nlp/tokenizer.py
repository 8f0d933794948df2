"""``KoreanTokenizer``: a Rasa tokenizer over KoNLPy morphemes with exact offsets."""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.morph import BACKENDS, tokenize


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class KoreanTokenizer(Tokenizer):
    """Splits Korean text into morphemes (particles apart from nouns) for featurisers.

    Splitting 사관학교는 into 사관학교 + 는 lets one learned token serve every
    particle form, and lets entity spans end where the name ends.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Default config: the Okt analyser; intent names are not split."""
        return {
            "backend": "okt",
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    def __init__(self, config: dict[str, Any]) -> None:
        """Validate the backend name early, at graph construction."""
        super().__init__(config)
        self.backend = self._config.get("backend", "okt")
        if self.backend not in BACKENDS:
            raise ValueError(f"KoreanTokenizer: unknown backend {self.backend!r}; use {BACKENDS}")

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Morpheme tokens of ``message.get(attribute)`` with exact character offsets."""
        text = message.get(attribute) or ""
        morphs = tokenize(text, self.backend)
        if not morphs:
            # Rasa expects at least one token per non-empty attribute.
            return [Token(text, 0, len(text))] if text else []
        tokens = [Token(m.text, m.start, m.end, data={"pos": m.tag}) for m in morphs]
        patterned: list[Token] = self._apply_token_pattern(tokens)
        return patterned
