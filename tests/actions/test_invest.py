"""``action_answer_invest`` answers from InvestSeoul's catalogue entries and states its limits."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.invest import ActionAnswerInvest
from bot.catalog.queries import get_program
from bot.db import session_scope

ACTION = ActionAnswerInvest()


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize(("text", "program_id"), [
    ("외국인인데 서울에서 투자하려면 어떻게 해요", "invest-seoul"),
    ("외국인 투자기업 법인 설립 도와주는 서비스 있나요", "fdi-support"),
])
async def test_answers_invest_seoul_and_states_limits(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict,
    text: str, program_id: str,
) -> None:
    events = await ACTION.run(dispatcher, make_tracker(text, "ask_invest"), domain)
    assert events == [SlotSet("program", program_id)]
    with session_scope() as session:
        name = get_program(session, program_id=program_id).name
    assert name in dispatcher.messages[0]["text"]
    assert dispatcher.messages[1]["response"] == "utter_invest_limits"
    assert "utter_invest_limits" in domain["responses"]
