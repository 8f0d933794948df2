"""Answer foreign-investment questions with InvestSeoul's services from the catalogue."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.catalog.answers import Aspect, render
from bot.catalog.queries import get_program
from bot.catalog.search import search_programs
from bot.db import session_scope
from bot.db.models import Program
from bot.triage import INVEST_ROOT

logger = logging.getLogger(__name__)

SPECIFIC_MARGIN = 1.3
"""A single service is answered only when it clearly beats InvestSeoul as a whole."""


def _pick_service(session: Session, root: Program, text: str) -> Program:
    """InvestSeoul, or the one service of it the question is clearly about."""
    scores = {h.program_id: h.score for h in search_programs(session, query=text, limit=10)}
    children = sorted(root.children, key=lambda p: -scores.get(p.id, 0.0))
    if children and scores.get(children[0].id, 0.0) >= SPECIFIC_MARGIN * max(
            scores.get(root.id, 0.0), 1.0):
        return children[0]
    return root


class ActionAnswerInvest(Action):
    """InvestSeoul overview (or the one service asked about) plus what the bot cannot decide."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_answer_invest"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Answer from the InvestSeoul part of the catalogue and offer a consultation."""
        text = tracker.latest_message.get("text") or ""
        try:
            with session_scope() as session:
                root = get_program(session, program_id=INVEST_ROOT)
                if root is None:
                    dispatcher.utter_message(response="utter_service_unavailable")
                    return []
                program = _pick_service(session, root, text)
                dispatcher.utter_message(text=render(program, Aspect.OVERVIEW))
                dispatcher.utter_message(response="utter_invest_limits")
                return [SlotSet("program", program.id)]
        except SQLAlchemyError:
            logger.exception("catalogue lookup failed")
            dispatcher.utter_message(response="utter_service_unavailable")
            return []
