"""The one shape of a custom action: the name the domain knows it by and what it does.

rasa-sdk asks every action for ``name()`` and calls ``run(dispatcher, tracker, domain)``;
none of ours reads the domain, so each says only ``NAME`` and ``act(dispatcher, tracker)``,
and one action hands over to another by calling its ``act``. rasa-sdk shares one instance
of each action between all users, so an action keeps nothing on ``self`` between turns.
"""

from __future__ import annotations

import abc
from typing import ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict


class BizcallAction(Action, metaclass=abc.ABCMeta):
    """A custom action named ``NAME`` that ``act``s on one turn.

    Abstract (``act``), so rasa-sdk, which registers every ``Action`` subclass it finds,
    skips this one and any other without a body of its own.
    """

    NAME: ClassVar[str]
    """The action's name in ``domain.yml`` and in stories."""

    def name(self) -> str:
        """The name rasa-sdk registers the action under: ``NAME``."""
        return self.NAME

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """rasa-sdk's entry point: ``act`` on this turn."""
        return await self.act(dispatcher, tracker)

    @abc.abstractmethod
    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Reply through ``dispatcher`` to the turn in ``tracker``; the events it sets."""
