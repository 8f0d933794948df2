"""Answer questions about SBA programs from the catalogue database, in the user's language."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.base import BizcallAction
from actions.language import language_of
from bot.catalog.answers import (
    Aspect,
    program_button,
    program_card,
    render,
    render_guess,
    render_unknown,
    suggested_programs,
)
from bot.catalog.aspects import aspect_of
from bot.catalog.queries import get_program, program_places
from bot.catalog.search import search_programs
from bot.db import session_scope
from bot.db.models import Program
from bot.nlp.followup import is_follow_up
from bot.triage import best_intent

logger = logging.getLogger(__name__)

ASPECT_BY_INTENT = {
    "ask_program": Aspect.OVERVIEW,
    "ask_program_target": Aspect.TARGET,
    "ask_program_apply": Aspect.APPLY,
    "ask_program_schedule": Aspect.SCHEDULE,
    "ask_program_location": Aspect.LOCATION,
    "ask_program_contact": Aspect.CONTACT,
    "ask_program_budget": Aspect.BUDGET,
    "ask_program_results": Aspect.RESULTS,
}


def resolve_program(
    *, session: Session, entity: str | None, text: str, previous: str | None
) -> tuple[Program | None, bool]:
    """The program a message is about, and whether it was only inferred from a description.

    Order: the extracted entity; a name or alias in the text; the program discussed before
    if the message names nothing else ("담당 부서는요?"); then the best search hit if it is
    confident enough ("청년들 코딩 공짜로 가르쳐주는 데").
    """
    if entity and (program := get_program(program_id=entity, session=session)) is not None:
        return program, False
    hits = search_programs(query=text, limit=1, session=session)
    if hits and hits[0].named:
        return get_program(program_id=hits[0].program_id, session=session), False
    if previous and is_follow_up(text):
        return get_program(program_id=previous, session=session), False
    if hits and hits[0].trusted:
        return get_program(program_id=hits[0].program_id, session=session), True
    return None, False


class ActionAnswerProgram(BizcallAction):
    """Answers a program question: the program comes from the entity, the text or the slot."""

    NAME = "action_answer_program"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Reply with the asked aspect of the program and its card, or say what can be answered.

        The aspect comes from the intent; when this action answers for another one (a
        follow-up the model was unsure of, handed on by the fallback), from the words.
        """
        intent, _ = best_intent(tracker.latest_message or {})
        text = tracker.latest_message.get("text") or ""
        aspect = ASPECT_BY_INTENT.get(intent) or aspect_of(text)
        entity = next(tracker.get_latest_entity_values("program"), None)
        language = language_of(tracker)
        previous = tracker.get_slot("program")
        try:
            with session_scope() as session:
                program, inferred = resolve_program(
                    entity=entity, text=text, previous=previous, session=session
                )
                if program is None:
                    picks = suggested_programs(language, session=session)[:4]
                    dispatcher.utter_message(
                        text=render_unknown([name for _, name in picks], language=language),
                        buttons=[program_button(pid, name) for pid, name in picks],
                    )
                    return [SlotSet("program", None)]
                places = program_places(program, session=session)
                answer = render(program, aspect, places, language)
                dispatcher.utter_message(
                    text=render_guess(program, answer, language) if inferred else answer,
                    json_message=program_card(program, places, language),
                )
                return [SlotSet("program", program.id)]
        except SQLAlchemyError:
            logger.exception("catalogue lookup failed")
            dispatcher.utter_message(response="utter_service_unavailable")
            return []
