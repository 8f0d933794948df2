"""``ButtonAnswerReader``: a typed answer to the bot's buttons parses as the click would.

The last component of the pipeline, and the only one that sees the conversation: Rasa
hands the tracker to an NLU component whose ``process`` asks for it. When the bot has
just shown buttons and the message answers them (``bot.button_answers.read_answer``), the
parse's text becomes the button's payload, so Rasa's own ``RegexMessageHandler`` (which
runs after every pipeline component) reads an intent payload such as
``/request_consultation{"field":"tax"}`` exactly as it reads a click, and a text payload
("전화", a slot time) reaches the form as the click's text would. What the user typed is
kept in the parse (``button_answer``) and as the event's text.

Without a conversation (``/model/parse``, ``rasa test nlu``, the evaluations) there are no
buttons and nothing changes.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.button_answers import BUTTON_ANSWER, pending_question, read_answer
from bot.nlp.component import NluComponent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ButtonAnswerReader(NluComponent[None]):
    """Reads a typed message as the answer to the buttons just shown, if it is one."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Nothing to configure."""
        return {}

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        """Nothing to keep: the reader has no settings."""

    def process(
        self, messages: list[Message], tracker: DialogueStateTracker | None = None
    ) -> list[Message]:
        """Turn a typed button answer into the button's payload; leave the rest alone."""
        if tracker is None:
            return messages
        question = pending_question(tracker.events)
        if question is None:
            return messages
        for message in messages:
            typed = message.get(TEXT) or ""
            button = read_answer(typed, question)
            if button is None:
                continue
            message.set(
                BUTTON_ANSWER,
                {"title": button.title, "payload": button.payload, "typed": typed},
                add_to_output=True,
            )
            message.set(TEXT, button.payload)
            if button.intent is None:
                continue
            # RegexMessageHandler will set the payload's intent and entities; the ranking
            # is made to agree, so nothing downstream sees the model's guess as well.
            message.set(
                INTENT,
                {INTENT_NAME_KEY: button.intent, PREDICTED_CONFIDENCE_KEY: 1.0},
                add_to_output=True,
            )
            message.set(
                "intent_ranking",
                [{INTENT_NAME_KEY: button.intent, PREDICTED_CONFIDENCE_KEY: 1.0}],
                add_to_output=True,
            )
        return messages
