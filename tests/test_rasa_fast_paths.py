"""Rasa's action-response check, with its schema compiled once, accepts and refuses as before."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_fast_paths


@pytest.fixture(scope="module")
def action() -> RemoteAction:
    rasa_fast_paths.install()
    return RemoteAction("action_answer_program", EndpointConfig("http://127.0.0.1:9/webhook"))


def test_a_well_formed_response_passes(action: RemoteAction) -> None:
    response = {
        "events": [{"event": "slot", "name": "program", "value": "seoul-startup-hub"}],
        "responses": [{"text": "서울창업허브는 공덕에 있습니다."}],
    }
    assert action._validate_action_result(response) is True


def test_an_empty_response_passes(action: RemoteAction) -> None:
    assert action._validate_action_result({}) is True


@pytest.mark.parametrize(
    ("response", "start"),
    [
        ({"events": [{"name": "program"}]}, "'event' is a required property"),
        ({"events": "slot"}, "'slot' is not of type 'array'"),
        ({"events": [{"event": 3}]}, "{'event': 3} is not valid under any of the given schemas"),
    ],
)
def test_a_malformed_response_fails_with_rasa_s_message(
    action: RemoteAction, response: dict, start: str
) -> None:
    with pytest.raises(ValidationError) as failed:
        action._validate_action_result(response)
    assert failed.value.message.startswith(start)
    assert failed.value.message.endswith(
        "make sure your response from the Action endpoint is valid. For more information "
        "about the format visit https://rasa.com/docs/rasa/custom-actions"
    )


def test_the_schema_is_checked_once_per_process() -> None:
    assert rasa_fast_paths._response_validator() is rasa_fast_paths._response_validator()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("user", "UserUttered"),
        ("bot", "BotUttered"),
        ("action", "ActionExecuted"),
        ("slot", "SlotSet"),
        ("active_loop", "ActiveLoop"),
        ("session_started", "SessionStarted"),
        ("restart", "Restarted"),
        ("reset_slots", "AllSlotsReset"),
    ],
)
def test_stored_events_resolve_to_their_classes(name: str, expected: str) -> None:
    from rasa.shared.core.events import Event

    rasa_fast_paths.install()
    assert Event.resolve_by_type(name).__name__ == expected


def test_unknown_and_legacy_event_names_behave_as_in_rasa() -> None:
    from rasa.shared.core.events import Event, SlotSet

    rasa_fast_paths.install()
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no-such-event", SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no-such-event'"):
        Event.resolve_by_type("no-such-event")


def test_a_stored_conversation_replays_the_same() -> None:
    from rasa.shared.core.events import Event

    rasa_fast_paths.install()
    stored = [
        {"event": "action", "name": "action_listen", "timestamp": 1.0},
        {
            "event": "user",
            "text": "안녕하세요",
            "timestamp": 2.0,
            "parse_data": {"intent": {"name": "greet", "confidence": 0.9}},
        },
        {"event": "slot", "name": "language", "value": "ko", "timestamp": 3.0},
    ]
    events = [Event.from_parameters(data) for data in stored]
    assert [type(e).__name__ for e in events] == ["ActionExecuted", "UserUttered", "SlotSet"]
    assert [e.as_dict()["event"] for e in events] == ["action", "user", "slot"]
