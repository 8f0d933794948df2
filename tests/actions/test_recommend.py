"""The recommendation actions on trackers shaped like Rasa's: exact events, what is said."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection

from actions.recommend import ActionAskRecommendAnswer, ActionRecommend, ValidateRecommendForm
from bot.recommend.dialogue import to_state
from bot.recommend.profile import read_profile

pytestmark = pytest.mark.usefixtures("loaded_db", "frozen_now")


def _tracker(
    text: str,
    *,
    slots: dict[str, Any] | None = None,
    active: bool = False,
    intent: str = "inform_profile",
    confidence: float = 0.9,
    language: str = "ko",
) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    values = {"language": language, **(slots or {})}
    if active:
        values.update(requested_slot="recommend_answer", recommend_answer=text)
    return Tracker(
        sender_id="recommend-user",
        slots=values,
        latest_message=latest,
        events=[{"event": "user", "text": text, "parse_data": latest}],
        paused=False,
        followup_action=None,
        active_loop={"name": "recommend_form"} if active else {},
        latest_action_name="action_listen",
    )


def _slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_an_empty_request_opens_with_the_kind_question() -> None:
    dispatcher = CollectingDispatcher()
    events = await ValidateRecommendForm().run(
        dispatcher,
        _tracker("우리 회사에 맞는 지원사업 좀 추천해주세요", intent="ask_recommendation"),
        {},
    )
    slots = _slots(events)
    assert slots["requested_slot"] == "recommend_answer"
    assert slots["recommend_answer"] is None
    assert slots["recommend_state"]["question"] in ("kind", "years", "needs")
    assert slots["recommend_state"]["round"] == 1
    assert dispatcher.messages == []


async def test_a_full_profile_needs_no_question() -> None:
    text = (
        "애니메이션 만드는 3인 스튜디오인데 작업 공간이 필요해요. "
        "마포구에 있고 창업 2년 됐어요. 콘텐츠 제작사이고 중소기업입니다"
    )
    events = await ValidateRecommendForm().run(
        CollectingDispatcher(), _tracker(text, intent="ask_recommendation"), {}
    )
    slots = _slots(events)
    assert slots["requested_slot"] is None and slots["recommend_answer"] == "done"
    assert slots["company_profile"]["years"] == 2.0
    assert slots["company_profile"]["district"] == "마포"


async def test_an_answer_sets_the_profile_and_moves_on() -> None:
    start = read_profile("지원사업 추천해 주세요", now_year=2026)
    state = {"question": "kind", "asked": ["kind"], "round": 1, "failures": 0}
    events = await ValidateRecommendForm().run(
        CollectingDispatcher(),
        _tracker(
            "예비창업자",
            active=True,
            slots={"company_profile": to_state(start), "recommend_state": state},
        ),
        {},
    )
    slots = _slots(events)
    assert slots["company_profile"]["kinds"] == ["예비창업자"]
    assert slots["company_profile"]["years"] == 0.0
    assert slots["recommend_state"]["question"] != "kind"


async def test_a_program_question_in_the_middle_is_rejected_so_the_bot_answers_it() -> None:
    state = {"question": "needs", "asked": ["needs"], "round": 1, "failures": 0}
    tracker = _tracker(
        "청년취업사관학교 담당 부서가 어디예요?",
        active=True,
        intent="ask_program_contact",
        confidence=0.95,
        slots={"recommend_state": state},
    )
    with pytest.raises(ActionExecutionRejection):
        await ValidateRecommendForm().run(CollectingDispatcher(), tracker, {})


async def test_an_unreadable_answer_is_asked_again_once_then_skipped() -> None:
    state = {"question": "needs", "asked": ["needs"], "round": 1, "failures": 0}
    profile = to_state(read_profile("성수동 반찬 가게", now_year=2026))
    dispatcher = CollectingDispatcher()
    events = await ValidateRecommendForm().run(
        dispatcher,
        _tracker(
            "ㅋㅋㅋ",
            active=True,
            intent="out_of_scope",
            slots={"recommend_state": state, "company_profile": profile},
        ),
        {},
    )
    assert dispatcher.messages[0]["response"] == "utter_recommend_not_understood"
    assert _slots(events)["requested_slot"] == "recommend_answer"
    again = await ValidateRecommendForm().run(
        CollectingDispatcher(),
        _tracker(
            "ㅋㅋㅋ",
            active=True,
            intent="out_of_scope",
            slots={
                "recommend_state": _slots(events)["recommend_state"],
                "company_profile": profile,
            },
        ),
        {},
    )
    assert _slots(again)["recommend_state"]["question"] != "needs"


async def test_stop_leaves_the_form_and_says_so() -> None:
    state = {"question": "needs", "asked": ["needs"], "round": 1, "failures": 0}
    events = await ValidateRecommendForm().run(
        CollectingDispatcher(),
        _tracker("그만", active=True, intent="stop", slots={"recommend_state": state}),
        {},
    )
    slots = _slots(events)
    assert slots["requested_slot"] is None and slots["recommend_state"]["exit"] == "stop"
    dispatcher = CollectingDispatcher()
    await ActionRecommend().run(dispatcher, _tracker("그만", slots=slots), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_recommend_stopped"]


async def test_the_question_is_said_with_its_buttons() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionAskRecommendAnswer().run(
        dispatcher, _tracker("추천", slots={"recommend_state": {"question": "years"}}), {}
    )
    assert events == []
    assert dispatcher.messages[0]["text"] == "창업하신 지 얼마나 되셨나요?"
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == [
        "3년 미만",
        "3~7년",
        "7년 이상",
        "건너뛰기",
    ]


async def test_cards_for_the_animation_studio_put_anitown_first() -> None:
    profile = read_profile("애니메이션 만드는 3인 스튜디오인데 작업 공간이 필요해요", now_year=2026)
    dispatcher = CollectingDispatcher()
    events = await ActionRecommend().run(
        dispatcher,
        _tracker("추천", slots={"company_profile": to_state(profile), "recommend_state": {}}),
        {},
    )
    cards = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert 1 <= len(cards) <= 5
    assert cards[0]["id"] == "animation-town" and cards[0]["position"] == 1
    assert cards[0]["type"] == "recommendation" and cards[0]["reasons"]
    assert cards[0]["status_label"] in ("지금 신청 가능", "조건 확인 필요")
    closing = dispatcher.messages[-1]
    assert closing["buttons"][-1] == {"title": "상담 예약하기", "payload": "/request_consultation"}
    assert closing["buttons"][0]["payload"] == '/ask_program{"program": "animation-town"}'
    assert SlotSet("recommend_answer", None) in events


async def test_english_foreign_investor_gets_investseoul_and_english_cards() -> None:
    profile = read_profile(
        "We are a German robotics company planning to set up an office " "in Seoul", now_year=2026
    )
    dispatcher = CollectingDispatcher()
    await ActionRecommend().run(
        dispatcher,
        _tracker(
            "recommend",
            language="en",
            slots={"company_profile": to_state(profile), "recommend_state": {}},
        ),
        {},
    )
    cards = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert cards[0]["id"] in ("fdi-support", "invest-seoul")
    assert cards[0]["status_label"] in ("Fits as stated", "Check conditions")
    assert dispatcher.messages[0]["text"].startswith("Based on what you told me")


async def test_a_korean_manufacturer_never_gets_investseoul() -> None:
    profile = read_profile(
        "저희는 업력 2년차 식품제조 소기업이고 서울 성동구에 있어요", now_year=2026
    )
    dispatcher = CollectingDispatcher()
    await ActionRecommend().run(
        dispatcher,
        _tracker("추천", slots={"company_profile": to_state(profile), "recommend_state": {}}),
        {},
    )
    ids = [m["custom"]["id"] for m in dispatcher.messages if m.get("custom")]
    assert ids and not any(i.startswith(("invest-seoul", "fdi")) for i in ids)


async def test_the_button_under_a_consultation_offer_reads_the_story_before_it() -> None:
    story = "성수동에서 반찬 가게 하는데 온라인 판매를 늘리고 싶어요"
    latest = {
        "text": "/ask_recommendation",
        "intent": {"name": "ask_recommendation", "confidence": 1.0},
        "entities": [],
    }
    tracker = Tracker(
        sender_id="offer-user",
        slots={"language": "ko"},
        latest_message=latest,
        events=[
            {"event": "user", "text": story},
            {"event": "bot", "text": "마케팅 분야 전문가 상담이 …"},
            {"event": "user", "text": "/ask_recommendation"},
        ],
        paused=False,
        followup_action=None,
        active_loop={"name": "recommend_form"},
        latest_action_name="action_listen",
    )
    events = await ValidateRecommendForm().run(CollectingDispatcher(), tracker, {})
    profile = _slots(events)["company_profile"]
    assert profile["district"] == "성동" and "판로·수출" in profile["needs"]
    assert "소상공인·소공인" in profile["kinds"]


async def test_a_consultation_offer_to_a_shop_owner_also_offers_programs() -> None:
    from actions.consultation import ActionOfferConsultation

    dispatcher = CollectingDispatcher()
    await ActionOfferConsultation().run(
        dispatcher,
        _tracker(
            "성수동에서 반찬 가게 하는데 온라인 판매를 늘리고 싶어요",
            intent="consult_marketing",
            confidence=0.9,
        ),
        {},
    )
    assert [b["title"] for b in dispatcher.messages[-1]["buttons"]] == [
        "네, 예약할게요",
        "괜찮아요",
        "맞는 지원사업 보기",
    ]
