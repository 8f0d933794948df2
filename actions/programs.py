"""Answer questions about SBA programs from the catalogue database."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.catalog.answers import Aspect, render, render_unknown
from bot.catalog.queries import find_program_by_name, get_program, list_programs
from bot.db import session_scope
from bot.nlp.followup import is_follow_up

logger = logging.getLogger(__name__)

ASPECT_BY_INTENT = {
    "ask_program": Aspect.OVERVIEW,
    "ask_program_target": Aspect.TARGET,
    "ask_program_contact": Aspect.CONTACT,
}
SUGGESTED = ("youth-job-academy", "seoul-rnd", "invest-seoul", "startup-hub", "hi-seoul")


class ActionAnswerProgram(Action):
    """Answers a program question: the program comes from the entity, the slot or the text."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_answer_program"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Reply with the asked aspect of the program, or say what can be answered."""
        intent = (tracker.latest_message.get("intent") or {}).get("name") or "ask_program"
        aspect = ASPECT_BY_INTENT.get(intent, Aspect.OVERVIEW)
        entity = next(tracker.get_latest_entity_values("program"), None)
        text = tracker.latest_message.get("text") or ""
        try:
            with session_scope() as session:
                program = None
                if entity:
                    program = get_program(session, program_id=entity) or find_program_by_name(
                        session, text=entity)
                if program is None:
                    program = find_program_by_name(session, text=text)
                previous = tracker.get_slot("program")
                if program is None and previous and is_follow_up(text):
                    # "신청 자격은요?" refers to the program discussed before;
                    # "우주선 사업은요?" names something else and does not.
                    program = get_program(session, program_id=previous)
                if program is None:
                    known = {p.id: p.name for p in list_programs(session)}
                    picks = [known[i] for i in SUGGESTED if i in known] or list(known.values())[:5]
                    dispatcher.utter_message(
                        text=render_unknown(picks),
                        buttons=[{"title": n, "payload": f"{n} 알려주세요"} for n in picks[:4]],
                    )
                    return [SlotSet("program", None)]
                dispatcher.utter_message(text=render(program, aspect))
                return [SlotSet("program", program.id)]
        except SQLAlchemyError:
            logger.exception("catalogue lookup failed")
            dispatcher.utter_message(response="utter_service_unavailable")
            return []
