"""Read a typed message as the answer to the buttons the bot has just shown.

People on phones, on KakaoTalk and at a keyboard type "세무", "노무요", "전화로 할게요",
"2번", "the second one" or "tax please" instead of clicking. Whatever question the bot
asked with buttons (field, channel, yes/no, free times, program suggestions, the booking
review), the next message is first read here as an answer to it; a match is turned into
exactly what a click sends (the button's payload), so the conversation takes the same
next step either way. A message that is clearly something else (a new question) matches
nothing and goes on to the model as usual.

The rules, in order: the title or payload itself; an ordinal ("2번", "두 번째", "second");
yes/no for a button that means yes or no; then a button's words (its title, and for a field
or channel button every everyday name of it) with nothing else in the message but polite
endings and filler ("세무 상담이요", "phone please"). Pure functions over plain data: the
NLU component (``bot.nlp.button_answer``) and the form validators both use them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from bot.booking.channels import CHANNELS
from bot.booking.reply_parsing import (
    channel_words,
    is_no,
    is_yes,
    means_none,
    parse_channel,
    wants_person,
    wants_restart,
    wants_to_stop,
)
from bot.booking.timeparse import mentions_time
from bot.fields import field_aliases, normalise_field
from bot.text import clean, fold

BUTTON_ANSWER: Final = "button_answer"
"""Parse-data key of a typed answer: ``{"title", "payload", "typed"}`` of the button read."""

MAX_ANSWER_CHARS: Final = 40
"""A longer message is a new question or a story, never a button answer."""

_FILLER_WORDS: Final = (
    # Korean endings, particles and polite filler around a choice ("/" separates words)
    "으로 할게요/로 할게요/으로 해 주세요/로 해 주세요/으로 부탁드려요/로 부탁드려요/하고 싶어요/"
    "받고 싶어요/받을게요/원해요/부탁해요/부탁드려요/부탁드립니다/해 주세요/주세요/할게요/할께요/"
    "할래요/하겠습니다/합니다/해요/좋아요/그걸로/이걸로/저걸로/그거/이거/저거/그게/으로요/로요/"
    "이요/예요/이에요/입니다/이랑/으로/상담/분야/문의/관련/예약/진행/선택/쪽/저는/제가/그럼/음/"
    "좀/네/예/요/로/이/가/을/를/은/는/번/거/걸/것/해/전/저/께/에/ㅎ/ㅋ/"
    # English filler around a choice
    "please/pls/i'd like/i would like/i want/id like/let's do/lets do/let's go with/go with/"
    "i'll take/ill take/i choose/i pick/choose/pick/the/one/option/consultation/consulting/"
    "advice/by/via/over/for/me/thanks/thank you/ok/okay/sure/an/it/that/with/session/booking/"
    "book/do/is/fine/call/confirm/correct/go ahead/let me/to/i'd like to/would like to/"
    "want to/a/i/my/some/get/문제/인데요/에요"
).split("/")
_FILLER: Final = frozenset(fold(w) for w in _FILLER_WORDS)
_ORDINAL_KO: Final = {
    "첫": 1,
    "한": 1,
    "두": 2,
    "둘": 2,
    "세": 3,
    "셋": 3,
    "네": 4,
    "넷": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
}
_ORDINAL_EN: Final = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "last": -1,
}
_KO_ORDINAL: Final = re.compile(
    r"^(?:(?P<num>\d{1,2})\s*번(?:\s*째)?|(?P<word>첫|한|두|둘|세|셋|네|넷|다섯|여섯|일곱|여덟)\s*번\s*째"
    r"|(?P<last>마지막))"
)
_EN_ORDINAL: Final = re.compile(
    r"^(?:the\s+)?(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|last|"
    r"1st|2nd|3rd|4th|5th|6th|7th|8th)\b|^(?:option|number|no\.?|#)\s*(?P<num>\d{1,2})\b",
    re.IGNORECASE,
)
_HANGUL: Final = re.compile(r"^[가-힣]+$")
_DIGIT_ONLY: Final = re.compile(r"^(?P<num>\d)\s*[.)]?$")
_INTENT_PAYLOAD: Final = re.compile(r"^/(?P<intent>[\w-]+)(?P<entities>\{.*\})?$", re.DOTALL)


@dataclass(frozen=True)
class Button:
    """One button as the bot sent it."""

    title: str
    payload: str

    @property
    def intent(self) -> str | None:
        """The intent of an intent payload ("/affirm"), else None."""
        m = _INTENT_PAYLOAD.match(self.payload.strip())
        return m.group("intent") if m else None

    @property
    def entities(self) -> dict[str, Any]:
        """The entities of an intent payload (``/x{"field":"tax"}`` → {"field": "tax"})."""
        m = _INTENT_PAYLOAD.match(self.payload.strip())
        if not m or not m.group("entities"):
            return {}
        try:
            value = json.loads(m.group("entities"))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Question:
    """The buttons still waiting for an answer: the last message's, and the whole turn's.

    Ordinals count in the last message with buttons; words may name any button the bot
    showed since the user last spoke (a re-asked question plus "상담원 연결", say).
    """

    last: tuple[Button, ...]
    turn: tuple[Button, ...]


def _kind(event: Any) -> str:
    if isinstance(event, Mapping):
        return str(event.get("event") or "")
    return str(getattr(event, "type_name", ""))


def _buttons_of(event: Any) -> list[Button]:
    data = event.get("data") if isinstance(event, Mapping) else getattr(event, "data", None)
    buttons = (data or {}).get("buttons") or []
    return [
        Button(str(b.get("title") or ""), str(b.get("payload") or b.get("title") or ""))
        for b in buttons
        if isinstance(b, Mapping)
    ]


MISUNDERSTOOD: Final = frozenset({"nlu_fallback", "out_of_scope"})
"""Intents of messages that leave a question open: the bot did not take them as anything."""
NOT_UNDERSTOOD: Final = frozenset({"utter_default", "utter_out_of_scope", "utter_reask_question"})
"""Replies that say the bot did not take the message as anything ("ㅋㅋㅋ" read as affirm
with 0.39 ends here too, through Rasa's core fallback)."""
LOOKBACK_TURNS: Final = 3


def _user_intent(event: Any) -> str | None:
    if isinstance(event, Mapping):
        return ((event.get("parse_data") or {}).get("intent") or {}).get("name")
    return (getattr(event, "intent", None) or {}).get("name")


def _utter_action(event: Any) -> str | None:
    metadata = (
        event.get("metadata") if isinstance(event, Mapping) else getattr(event, "metadata", None)
    ) or {}
    return metadata.get("utter_action")


def _last_question(events: Sequence[Any], current_is_answer: bool) -> tuple[Any, list[Any]]:
    """The bot message with the open question and every buttons message of its turn.

    Walks back over user messages the bot could not place (at most ``LOOKBACK_TURNS``).
    ``current_is_answer``: the events end with the user message being answered (actions),
    not before it (the NLU, which runs before the message is logged).
    """
    asked: list[Any] = []
    replies: list[str | None] = []
    turns = 0
    for event in reversed(events):
        kind = _kind(event)
        if kind == "user":
            if asked:
                break
            if turns or not current_is_answer:
                left_open = _user_intent(event) in MISUNDERSTOOD or any(
                    r in NOT_UNDERSTOOD for r in replies
                )
                if not left_open or turns >= LOOKBACK_TURNS:
                    return None, []
            turns += 1
            replies = []
        elif kind == "bot":
            replies.append(_utter_action(event))
            if _buttons_of(event):
                asked.append(event)
    return (asked[0] if asked else None), asked


def pending_question(events: Sequence[Any]) -> Question | None:
    """The buttons of the question still open when the user writes, if any.

    The question is the last bot message with buttons, provided the user has not spoken
    since, or has only written things the bot could not place (at most ``LOOKBACK_TURNS``
    times): "ㅋㅋ" and then "the second one" still answer it. ``events`` are a tracker's
    events before the new message, as Rasa objects (NLU side) or as dicts.
    """
    last, asked = _last_question(events, current_is_answer=False)
    if last is None:
        return None
    turn = tuple(b for event in reversed(asked) for b in _buttons_of(event))
    return Question(last=tuple(_buttons_of(last)), turn=turn)


def _only_filler(rest: str) -> bool:
    """True if ``rest`` (folded) splits wholly into endings, particles and polite words.

    A word break over the filler list (not greedy removal, which would take "로할게요" out
    of "그걸로할게요" and leave "그걸").
    """
    if not rest:
        return True
    if len(rest) > MAX_ANSWER_CHARS * 2:
        return False
    reachable = [True] + [False] * len(rest)
    for end in range(1, len(rest) + 1):
        reachable[end] = any(
            reachable[end - len(w)] and rest.endswith(w, 0, end) for w in _FILLER if len(w) <= end
        )
    return reachable[-1]


def _ordinal(text: str, count: int) -> int | None:
    """The 0-based index named by "2번", "두 번째 거요", "the second one", "2"; else None."""
    lowered = clean(text).lower()
    for pattern in (_KO_ORDINAL, _EN_ORDINAL, _DIGIT_ONLY):
        m = pattern.match(lowered)
        if not m:
            continue
        groups = m.groupdict()
        if groups.get("num"):
            number = int(groups["num"])
        elif groups.get("last"):
            number = -1
        else:
            word = groups.get("word") or ""
            number = _ORDINAL_KO.get(word) or _ORDINAL_EN.get(word.lower(), 0)
        if not _only_filler(fold(lowered[m.end() :])):
            return None
        if number == -1:
            return count - 1
        return number - 1 if 1 <= number <= count else None
    return None


_INTENT_MEANINGS: Final = {"affirm": "yes", "deny": "no", "stop": "stop", "human_handoff": "person"}


_REPLY_MEANINGS: Final[tuple[tuple[Callable[[str], bool], str], ...]] = (
    (wants_restart, "restart"),
    (wants_person, "person"),
    (wants_to_stop, "stop"),
    (is_yes, "yes"),
    (is_no, "no"),
    (means_none, "none"),
)
"""Tests of a short reply and what it means, in order: the first that holds wins."""


def _meaning(text: str) -> str | None:
    """What a short reply means, for questions whose buttons mean the same things."""
    return next((meaning for holds, meaning in _REPLY_MEANINGS if holds(text)), None)


def _means(button: Button) -> str | None:
    """What ``button`` answers: yes, no, stop, restart, a person or "none"; else None."""
    if button.intent is not None:
        return _INTENT_MEANINGS.get(button.intent)
    return _meaning(button.payload) or _meaning(button.title)


def _words(button: Button) -> set[str]:
    """Every folded word that names ``button``: title, text payload, field or channel names."""
    words = {fold(button.title)}
    if button.intent is None:
        words.add(fold(button.payload))
    code = (
        (button.entities.get("field") if button.intent else None)
        or normalise_field(button.title)
        or normalise_field(button.payload)
    )
    if code:
        words |= field_aliases(code)
    channel = parse_channel(button.title) or (
        None if button.intent else parse_channel(button.payload)
    )
    if channel:
        words |= channel_words(channel)
    for part in re.split(r"[·&/,\s]+", button.title):
        part = fold(part)
        if _HANGUL.match(part) and len(part) >= 2:
            words.add(part)
            if len(part) >= 3:  # the stem: 취소합니다 → 취소, 예약하기 → 예약
                words.add(part[:2])
        elif len(part) >= 3 and part not in _FILLER:
            words.add(part)
    return {w for w in words if w}


def _without_words(key: str, button: Button) -> str:
    """``key`` with every word naming ``button`` taken out, longest first."""
    for word in sorted(_words(button), key=len, reverse=True):
        key = key.replace(word, "")
    return key


def read_answer(text: str, question: Question | None) -> Button | None:
    """The button ``text`` answers, or None if it is not an answer to ``question``."""
    if question is None or not text or text.lstrip().startswith("/"):
        return None
    text = clean(text)
    key = fold(text)
    if not key or len(text) > MAX_ANSWER_CHARS:
        return None
    for button in question.turn:  # the title or payload itself
        if key in (fold(button.title), fold(button.payload)):
            return button
    index = _ordinal(text, len(question.last))
    if index is not None:
        return question.last[index]
    said = _meaning(text)
    if said is not None:
        meaning = [b for b in question.turn if _means(b) == said]
        if not meaning and said == "no":  # "no email" to an optional question's "None"
            meaning = [b for b in question.turn if _means(b) == "none"]
        rest = fold(re.sub(r"^\S+", "", text))  # "네 그걸로", "네 취소해 주세요"
        if len(meaning) == 1 and (
            said != "yes" or len(key) <= 6 or _only_filler(_without_words(rest, meaning[0]))
        ):
            return meaning[0]
    named = _named(key, question.turn)
    if len(named) == 1:
        return named[0]
    return _implied_yes(text, key, question)


def _implied_yes(text: str, key: str, question: Question) -> Button | None:
    """A yes, with that detail, for "전화로요" or "next Tuesday morning" after "shall I book?".

    The detail travels as an entity of the yes payload (``booking_channel``,
    ``booking_time``), so the booking form starts with it filled in and does not ask again.
    """
    yes = [b for b in question.turn if b.intent == "affirm"]
    if len(yes) != 1:
        return None
    for code in CHANNELS:
        rest = key
        for word in sorted(channel_words(code), key=len, reverse=True):
            rest = rest.replace(word, "")
        if rest != key and _only_filler(rest):
            return _with_entity(yes[0], "booking_channel", code)
    if mentions_time(text):
        return _with_entity(yes[0], "booking_time", text)
    return None


def _with_entity(button: Button, entity: str, value: str) -> Button:
    payload = f"/{button.intent}{json.dumps({entity: value}, ensure_ascii=False)}"
    return Button(button.title, payload)


def _named(key: str, buttons: Iterable[Button]) -> list[Button]:
    """Buttons whose words are in ``key`` with nothing but filler left over."""
    found = []
    for button in buttons:
        rest = _without_words(key, button)
        if rest != key and _only_filler(rest):
            found.append(button)
    return found


@dataclass(frozen=True)
class OpenQuestion:
    """A question with buttons that the user has not answered yet (to ask it again)."""

    text: str
    buttons: tuple[Button, ...]


def open_question(events: Sequence[Mapping[str, Any]]) -> OpenQuestion | None:
    """The question with buttons that the latest message left open, to ask it again.

    ``events`` end with the user's latest message (as an action sees them); it and every
    message since the question must be ones the bot could not place.
    """
    if (
        not events
        or _user_intent(next((e for e in reversed(events) if _kind(e) == "user"), {}))
        not in MISUNDERSTOOD
    ):
        return None
    last, _ = _last_question(events, current_is_answer=True)
    if last is None:
        return None
    return OpenQuestion(str(last.get("text") or ""), tuple(_buttons_of(last)))
