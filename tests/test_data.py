"""Training data and domain pass Rasa's validator with no warnings we have not explained.

``rasa data validate --fail-on-warnings`` would also flag responses that only custom
actions send (Rasa cannot see inside actions); this test runs the same checks and
accepts exactly those, after confirming an action really uses each one.
"""

from __future__ import annotations

import re
import warnings

import pytest
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.validator import Validator

from bot.settings import ROOT

ACTION_SOURCES = "\n".join(
    p.read_text(encoding="utf-8")
    for p in [
        *(ROOT / "actions").glob("*.py"),
        ROOT / "bot" / "booking" / "choose.py",
        *(ROOT / "bot" / "web" / "console").glob("*.py"),  # the console's handoff texts
        *(ROOT / "bot" / "web").glob("*.py"),  # texts the channels say themselves
        ROOT / "bot" / "action_outage.py",
    ]
)
RASA_SAYS = {"utter_restart"}
"""Responses Rasa's default actions send when the domain has them (``action_restart``)."""
UNUSED = re.compile(r"The utterance '(\w+)' is not used in any story or rule")


@pytest.fixture(scope="module")
def validator() -> Validator:
    if not (ROOT / "data" / "generated" / "catalog.yml").exists():
        pytest.fail("data/generated/catalog.yml is missing: run `make nlu` (make test does)")
    importer = TrainingDataImporter.load_from_config(
        config_path=str(ROOT / "config.yml"),
        domain_path=str(ROOT / "domain.yml"),
        training_data_paths=[str(ROOT / "data")],
    )
    return Validator.from_importer(importer)


def test_validator_checks_pass_without_unexplained_warnings(validator: Validator) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = {
            "domain": validator.verify_domain_validity(),
            "actions": validator.verify_actions_in_stories_rules(),
            "forms": validator.verify_forms_in_stories_rules(),
            "form slots": validator.verify_form_slots(),
            "slot mappings": validator.verify_slot_mappings(),
            "intents": validator.verify_intents_in_stories(ignore_warnings=True),
            "utterances": validator.verify_utterances_in_stories(ignore_warnings=True),
            "nlu": validator.verify_nlu(ignore_warnings=True),
            "story structure": validator.verify_story_structure(ignore_warnings=False),
        }
    assert all(results.values()), results
    form_questions = {
        f"utter_ask_{slot}"
        for form in validator.domain.forms.values()
        for slot in form.get("required_slots", [])
    }
    unexplained = []
    for w in caught:
        text = str(w.message)
        if not issubclass(w.category, UserWarning):
            continue
        used = UNUSED.search(text)
        if used and f'"{used.group(1)}"' in ACTION_SOURCES:
            continue  # sent by a custom action, which Rasa's validator cannot see
        if used and used.group(1) in form_questions:
            continue  # asked by a form for its slot
        if used and used.group(1) in RASA_SAYS:
            continue  # said by one of Rasa's own default actions
        unexplained.append(text)
    assert unexplained == []


def test_every_intent_has_enough_examples(validator: Validator) -> None:
    counts: dict[str, int] = {}
    for example in validator.intents.intent_examples:
        counts[example.get("intent")] = counts.get(example.get("intent"), 0) + 1
    for intent in validator.domain.intents:
        if intent.startswith("nlu_") or intent in (
            "restart",
            "back",
            "out_of_scope",
            "session_start",
        ):
            continue
        assert counts.get(intent, 0) >= 15, f"{intent} has only {counts.get(intent, 0)} examples"
