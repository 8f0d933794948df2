"""Faster versions of Rasa 3.6 steps that repeat fixed work on every turn, same results.

Profiled under ``make bench`` load (docs/performance.md, "Where the time goes"), 27% of the
Rasa process's CPU went into checking each action server response against Rasa's JSON
schema: ``jsonschema.validate`` first validates the *schema itself* against the draft's
meta-schema and builds a new validator, on every custom action call (several per turn:
slot validation, the action, the form). The schema is a constant, so ``install`` swaps
in a validator built once per process. Valid responses pass and invalid ones fail with
the same best-matching error and message as before.

Rebuilding a tracker turns each stored event into its class with ``Event.resolve_by_type``,
which walks every subclass of ``Event`` recursively for each event: 17% of the Rasa
process's time on a long conversation. The class for a type name is now looked up in a
table built once; a name it lacks (a subclass defined later, the legacy ``topic``, an
unknown name) goes to Rasa's own lookup, so results and errors are unchanged.

Installed in the Rasa process by ``bot.serve``, like ``bot.action_outage``.
"""

from __future__ import annotations

import functools
from typing import Any

_installed = False


@functools.lru_cache(maxsize=1)
def _response_validator() -> Any:
    """The validator for Rasa's action server response format, checked and built once."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_response(result: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` (the best match) if ``result`` is malformed.

    What ``jsonschema.validate(result, schema)`` does, minus checking the constant schema.
    """
    from jsonschema.exceptions import best_match

    error = best_match(_response_validator().iter_errors(result))
    if error is not None:
        raise error


@functools.lru_cache(maxsize=1)
def _event_classes() -> dict[str, type]:
    """Event type name → the first ``Event`` subclass with it, in Rasa's search order."""
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    classes: dict[str, type] = {}
    for cls in all_subclasses(Event):
        classes.setdefault(cls.type_name, cls)
    return classes


def install() -> None:
    """Replace the two per-turn lookups (see the module docstring) once per process."""
    global _installed
    if _installed:
        return
    from jsonschema import ValidationError
    from rasa.core.actions import action as rasa_action
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    original_resolve = Event.resolve_by_type

    def resolve_by_type(type_name: str, default: type | None = None) -> type | None:
        found = _event_classes().get(type_name)
        return found if found is not None else original_resolve(type_name, default)

    Event.resolve_by_type = staticmethod(resolve_by_type)

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        try:
            validate_action_response(result)
            return True
        except ValidationError as e:
            e.message += (
                ". Failed to validate Action server response from API, "
                "make sure your response from the Action endpoint is valid. "
                "For more information about the format visit "
                f"{rasa_action.DOCS_BASE_URL}/custom-actions"
            )
            raise e

    RemoteAction._validate_action_result = _validate_action_result
    _installed = True
