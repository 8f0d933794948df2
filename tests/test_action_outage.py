"""While the action server is down, Rasa answers "잠시 후 다시" instead of nothing."""

from __future__ import annotations

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import action_outage
from bot.settings import ROOT
from tests.support.net import free_port


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("ko", "죄송합니다. 지금 잠시 답변을 준비하지 못하고 있습니다."),
        ("en", "Sorry, I cannot prepare an answer right now."),
    ],
)
async def test_an_unreachable_action_server_gets_a_polite_reply(language: str, start: str) -> None:
    action_outage.install()
    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker.from_events(
        "down", [SlotSet("language", language)], slots=domain.slots
    )
    closed = EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")  # nothing listens
    events = await RemoteAction("action_answer_program", closed).run(
        CollectingOutputChannel(),
        TemplatedNaturalLanguageGenerator(domain.responses),
        tracker,
        domain,
    )
    [said] = events
    assert isinstance(said, BotUttered) and said.text.startswith(start)
    assert said.metadata == {"utter_action": "utter_service_paused"}
