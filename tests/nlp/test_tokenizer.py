"""The Rasa component wraps ``bot.nlp.morph`` and keeps offsets through Rasa's Token."""

from __future__ import annotations

import pytest
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.tokenizer import KoreanTokenizer


@pytest.fixture(scope="module")
def tokenizer() -> KoreanTokenizer:
    return KoreanTokenizer({**KoreanTokenizer.get_default_config(), "backend": "okt"})


def test_tokens_carry_offsets_and_pos(tokenizer: KoreanTokenizer) -> None:
    text = "청년취업사관학교 신청 자격이 뭐예요?"
    msg = Message(data={TEXT: text})
    tokenizer.process([msg])
    tokens = msg.get(TOKENS_NAMES[TEXT])
    assert [(t.text, t.start, t.end) for t in tokens][:3] == [
        ("청년", 0, 2),
        ("취업", 2, 4),
        ("사관학교", 4, 8),
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert tokens[0].get("pos") == "Noun"


def test_emoji_only_message_still_gets_a_token(tokenizer: KoreanTokenizer) -> None:
    msg = Message(data={TEXT: "😀"})
    tokenizer.process([msg])
    assert [t.text for t in msg.get(TOKENS_NAMES[TEXT])] == ["😀"]


def test_bad_backend_fails_at_construction() -> None:
    with pytest.raises(ValueError, match="unknown backend"):
        KoreanTokenizer({**KoreanTokenizer.get_default_config(), "backend": "nope"})
