"""The action server starts: rasa-sdk registers every action class, and they are the domain's.

rasa-sdk registers every ``Action`` subclass it finds in the package and calls its
``name()``; a shared base class without a name (one that is not abstract) stops the
action server at start-up, which only an end-to-end run would otherwise show.
"""

from __future__ import annotations

import yaml
from rasa_sdk.executor import ActionExecutor

from bot.settings import ROOT


def test_every_action_registers_and_the_domain_names_them_all() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    custom = {a for a in domain["actions"] if a.startswith(("action_", "validate_"))}
    assert set(executor.actions) == custom
    assert "action_ask_booking_time" in executor.actions
    assert "action_ask_manage_new_time" in executor.actions
