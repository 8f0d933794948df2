"""Program recommendations in the conversation: read the profile, ask what matters, show cards.

``recommend_form`` has one slot, ``recommend_answer``, taken as text. Its validation action
reads each message into the company profile (``bot.recommend.dialogue``) and decides the
next question; when there is none the form ends and ``action_recommend`` shows at most five
programs as cards. A message that is plainly about something else (a program question, a
consultation, a booking) is rejected, so the bot answers it and the question stays open.
The profile lives only in this conversation's slots: nothing about the company is stored
unless the user books.
"""

from __future__ import annotations

import logging
from typing import Any, Final

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection
from sqlalchemy.exc import SQLAlchemyError

from actions.base import BizcallAction
from actions.language import language_of
from bot import clock
from bot.booking import reply_parsing
from bot.db import session_scope
from bot.db.models import Program
from bot.recommend import cards
from bot.recommend.dialogue import (
    BY_KEY,
    Ranker,
    absorb,
    from_state,
    next_question,
    question_buttons,
    to_state,
)
from bot.triage import TOPIC_BY_INTENT, best_intent

logger = logging.getLogger(__name__)

FORM: Final = "recommend_form"
OWN_INTENTS: Final = frozenset(
    {"ask_recommendation", "inform_profile", "affirm", "deny", "out_of_scope", "nlu_fallback"}
)
"""Intents an answer to a profile question may carry; any other, when confident, is a new
request the bot should answer instead."""
OTHER_CONFIDENCE: Final = 0.7


def _state(tracker: Tracker) -> dict[str, Any]:
    state = tracker.get_slot("recommend_state")
    return dict(state) if isinstance(state, dict) else {}


def _last_words(tracker: Tracker) -> str:
    """The user's last typed message (not a button payload), or ""."""
    for event in reversed(tracker.events):
        said = event.get("text") or "" if event.get("event") == "user" else ""
        if said and not said.startswith("/"):
            return str(said)
    return ""


def _other_request(parse: dict[str, Any]) -> bool:
    intent, confidence = best_intent(parse)
    return (
        intent not in OWN_INTENTS
        and TOPIC_BY_INTENT.get(intent) not in (None, "smalltalk")
        and confidence >= OTHER_CONFIDENCE
    )


class ValidateRecommendForm(BizcallAction):
    """Reads each message into the profile and picks the next question, or ends the form."""

    NAME = "validate_recommend_form"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Slot events for this turn; raises ``ActionExecutionRejection`` for another request.

        On activation the request itself is read ("성수동 반찬 가게인데 추천해 주세요");
        later, the answer to the question asked. A question is asked once per conversation.
        """
        text = tracker.latest_message.get("text") or ""
        parse = tracker.latest_message or {}
        language = language_of(tracker)
        state = _state(tracker)
        # Rasa hands the validation action a tracker with the form already active, so the
        # first run is told apart by the question: nothing has been asked yet.
        activating = tracker.get_slot("requested_slot") != "recommend_answer"
        if activating and text.startswith("/"):
            text = _last_words(tracker)  # "맞는 지원사업 보기" under a consultation offer
        question = None if activating else state.get("question")
        if activating:
            state.update(round=0, failures=0, exit=None, reranked=bool(state.get("shown")))
        elif reply_parsing.wants_to_stop(text, parse):
            return self._finish(state | {"exit": "stop", "question": None})
        previous = from_state(tracker.get_slot("company_profile"))
        reading = absorb(
            previous, text, year=clock.now().year, language=language, question=question
        )
        asked = set(state.get("asked") or ())
        if not activating and not reading.exact and _other_request(parse):
            raise ActionExecutionRejection(self.name(), "not an answer to the question")
        if not activating and not reading.understood:
            state["failures"] = int(state.get("failures") or 0) + 1
            if state["failures"] < 2:
                dispatcher.utter_message(response="utter_recommend_not_understood")
                return [
                    SlotSet("recommend_state", state),
                    SlotSet("recommend_answer", None),
                    SlotSet("requested_slot", "recommend_answer"),
                ]
        state["failures"] = 0
        try:
            with session_scope() as session:
                ranker = Ranker.load(session=session, profile=reading.profile)
        except SQLAlchemyError:
            logger.exception("catalogue unavailable while choosing a question")
            return self._finish(state | {"question": None}, reading.profile)
        following = next_question(
            reading.profile, ranker, asked=asked, asked_now=int(state.get("round") or 0)
        )
        if following is None:
            return self._finish(state | {"question": None}, reading.profile)
        asked.add(following.key)
        state.update(
            question=following.key, asked=sorted(asked), round=int(state.get("round") or 0) + 1
        )
        return [
            SlotSet("company_profile", to_state(reading.profile)),
            SlotSet("recommend_state", state),
            SlotSet("recommend_answer", None),
            SlotSet("requested_slot", "recommend_answer"),
        ]

    @staticmethod
    def _finish(state: dict[str, Any], profile: Any = None) -> list[EventType]:
        events: list[EventType] = [
            SlotSet("recommend_state", state),
            SlotSet("recommend_answer", "done"),
            SlotSet("requested_slot", None),
        ]
        if profile is not None:
            events.insert(0, SlotSet("company_profile", to_state(profile)))
        return events


class ActionAskRecommendAnswer(BizcallAction):
    """Asks the question the validation action chose, with answer and skip buttons."""

    NAME = "action_ask_recommend_answer"
    """The name in the domain (Rasa asks for ``recommend_answer`` with it)."""

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Say the pending question; without one (a stale slot) say the generic one."""
        language = language_of(tracker)
        question = BY_KEY.get(_state(tracker).get("question") or "", BY_KEY["kind"])
        dispatcher.utter_message(
            text=question.en if language == "en" else question.ko,
            buttons=question_buttons(question, language),
        )
        return []


class ActionRecommend(BizcallAction):
    """Shows the programs that fit the profile gathered so far, as cards."""

    NAME = "action_recommend"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Up to five cards with reasons, what to check and how to apply, then what next."""
        language = language_of(tracker)
        state = _state(tracker)
        done = [SlotSet("recommend_answer", None)]
        if state.get("exit") == "stop":
            dispatcher.utter_message(response="utter_recommend_stopped")
            return [*done, SlotSet("recommend_state", state | {"exit": None})]
        profile = from_state(tracker.get_slot("company_profile"))
        if profile is None:
            dispatcher.utter_message(response="utter_recommend_need_profile")
            return done
        try:
            with session_scope() as session:
                ranker = Ranker.load(session=session, profile=profile)
                recs = ranker.top(profile)
                programs = {
                    p.id: p
                    for p in (session.get(Program, r.program_id) for r in recs)
                    if p is not None
                }
                shown = [
                    cards.card(rec, programs[rec.program_id], i + 1, language)
                    for i, rec in enumerate(recs)
                    if rec.program_id in programs
                ]
        except SQLAlchemyError:
            logger.exception("catalogue unavailable while recommending")
            dispatcher.utter_message(response="utter_service_unavailable")
            return done
        if not shown:
            dispatcher.utter_message(
                text=cards.nothing_found(language), buttons=cards.follow_up_buttons([], language)
            )
            return [*done, SlotSet("recommend_state", state | {"shown": []})]
        dispatcher.utter_message(
            text=cards.intro(profile, len(shown), language, reranked=bool(state.get("reranked")))
        )
        for item in shown:
            dispatcher.utter_message(json_message=item)
        dispatcher.utter_message(
            text=cards.follow_up(language), buttons=cards.follow_up_buttons(recs, language)
        )
        return [
            *done,
            SlotSet(
                "recommend_state", state | {"shown": [c["id"] for c in shown], "reranked": False}
            ),
        ]
