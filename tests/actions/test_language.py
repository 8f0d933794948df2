"""``action_validate_slot_mappings`` keeps the answer language in the ``language`` slot."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ValidateSlotMappings

ACTION = ValidateSlotMappings()


@pytest.mark.parametrize(("text", "previous", "events"), [
    ("What does InvestSeoul do for foreign investors?", "ko", [SlotSet("language", "en")]),
    ("청년취업사관학교 어디예요", "en", [SlotSet("language", "ko")]),
    ("청년취업사관학교 어디예요", "ko", []),
    ("010-1234-5678", "en", []),
])
async def test_language_follows_the_user(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict,
    text: str, previous: str, events: list,
) -> None:
    tracker = make_tracker(text, "ask_invest", slots={"language": previous})
    assert await ACTION.run(dispatcher, tracker, domain) == events
    assert dispatcher.messages == []
