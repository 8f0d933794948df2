"""``OutOfScopeDecider`` predicts out of scope from its threshold on, and leaves the rest."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.nlp.out_of_scope import OutOfScopeDecider


def _message(ranking: list[tuple[str, float]]) -> Message:
    message = Message(data={"text": "x"})
    message.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    return message


def test_out_of_scope_at_the_threshold_wins_the_message() -> None:
    [m] = OutOfScopeDecider({"threshold": 0.3}).process(
        [_message([("ask_program_results", 0.35), ("out_of_scope", 0.3), ("greet", 0.1)])]
    )
    assert m.get("intent") == {"name": "out_of_scope", "confidence": 0.3}
    assert m.get("intent_ranking")[0]["name"] == "ask_program_results"  # ranking kept


def test_below_the_threshold_nothing_changes() -> None:
    [m] = OutOfScopeDecider({"threshold": 0.3}).process(
        [_message([("consult_tax", 0.6), ("out_of_scope", 0.29)])]
    )
    assert m.get("intent") == {"name": "consult_tax", "confidence": 0.6}
    [n] = OutOfScopeDecider({}).process([_message([("greet", 0.9)])])
    assert n.get("intent") == {"name": "greet", "confidence": 0.9}
