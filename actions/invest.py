"""Answer foreign-investment questions with InvestSeoul's services from the catalogue.

A typical investor question (visa, minimum investment, incentives, setting up a company …)
gets its reviewed answer from ``catalog/invest_topics.yml``: what InvestSeoul offers for it,
what the assistant cannot decide, and the offer of a consultation. Anything else gets the
overview of InvestSeoul or of the one service asked about, followed by ``utter_invest_limits``.
"""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.base import BizcallAction
from actions.language import language_of
from bot.catalog.answers import Aspect, program_card, render
from bot.catalog.invest_topics import InvestTopic, load_topics, match_topic, render_topic
from bot.catalog.queries import get_program, program_places
from bot.catalog.search import search_programs
from bot.db import session_scope
from bot.db.models import Program
from bot.triage import INVEST_ROOT

logger = logging.getLogger(__name__)

SPECIFIC_MARGIN = 1.3
"""A single service is answered only when it clearly beats InvestSeoul as a whole."""


def _pick_service(root: Program, text: str, *, session: Session) -> Program:
    """InvestSeoul, or the one service of it the question is clearly about."""
    scores = {h.program_id: h.score for h in search_programs(query=text, limit=10, session=session)}
    children = sorted(root.children, key=lambda p: -scores.get(p.id, 0.0))
    if children and scores.get(children[0].id, 0.0) >= SPECIFIC_MARGIN * max(
        scores.get(root.id, 0.0), 1.0
    ):
        return children[0]
    return root


def _topic_program(topic: InvestTopic, root: Program, *, session: Session) -> Program:
    """The program a topic's answer is about: its first related program that exists."""
    found = (get_program(program_id=pid, session=session) for pid in topic.programs)
    return next((p for p in found if p is not None), root)


class ActionAnswerInvest(BizcallAction):
    """An investor topic's answer, or the InvestSeoul overview, plus what the bot cannot decide."""

    NAME = "action_answer_invest"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Answer from the InvestSeoul part of the catalogue and offer a consultation."""
        text = tracker.latest_message.get("text") or ""
        language = language_of(tracker)
        try:
            with session_scope() as session:
                root = get_program(program_id=INVEST_ROOT, session=session)
                if root is None:
                    dispatcher.utter_message(response="utter_service_unavailable")
                    return []
                topic = match_topic(load_topics(), text)
                program = (
                    _topic_program(topic, root, session=session)
                    if topic is not None
                    else _pick_service(root, text, session=session)
                )
                card = program_card(program, program_places(program, session=session), language)
                if topic is not None:
                    office = next(iter(program_places(root, session=session)), None)
                    dispatcher.utter_message(
                        text=render_topic(topic, office, language), json_message=card
                    )
                else:
                    dispatcher.utter_message(
                        text=render(program, Aspect.OVERVIEW, language=language), json_message=card
                    )
                    dispatcher.utter_message(response="utter_invest_limits")
                return [SlotSet("program", program.id)]
        except SQLAlchemyError:
            logger.exception("catalogue lookup failed")
            dispatcher.utter_message(response="utter_service_unavailable")
            return []
