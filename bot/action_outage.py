"""When the action server cannot be reached, the user hears "잠시 후 다시", not silence.

Rasa runs a custom action by calling the action server; if that server is down (crashed,
restarting under ``bizcall run``'s supervision, a network fault) Rasa logs the error and
the user's message goes unanswered. ``install`` wraps Rasa's ``RemoteAction.run`` in the
Rasa process (``bot.serve``) so that a connection failure or a server error instead
returns the domain's ``utter_service_paused`` in the conversation's language. A refused
form answer (``ActionExecutionRejection``) is Rasa's normal flow and passes through.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

RESPONSE = "utter_service_paused"
_installed = False


def install() -> None:
    """Wrap ``RemoteAction.run`` once per process."""
    global _installed
    if _installed:
        return
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
    from rasa.shared.core.events import BotUttered
    from rasa.shared.exceptions import RasaException

    original = RemoteAction.run

    async def run(
        self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> list[Any]:
        try:
            events: list[Any] = await original(self, output_channel, nlg, tracker, domain)
            return events
        except ActionExecutionRejection:
            raise
        except RasaException:
            logger.error(
                "action %s failed: the action server is unreachable or failing; "
                "the user is told to try again",
                self.name(),
            )
            reply = await nlg.generate(RESPONSE, tracker, output_channel.name())
            if not reply:
                return []
            return [BotUttered(reply.get("text"), metadata={"utter_action": RESPONSE})]

    RemoteAction.run = run
    _installed = True
