"""bot/kakao/response.py: one turn's bot messages → one 2.0 skill response, with literal
expected JSON; every response is also run through the limits check (``valid``)."""

from __future__ import annotations

from typing import Any

from bot.kakao.response import Options, label, split_text, to_reply, to_response
from tests.kakao.conftest import valid

PROGRAM = {
    "type": "program",
    "id": "youth-job-academy",
    "name": "청년취업사관학교",
    "target": "분야별 기초지식과 취업의지가 있는 20~30대 구직자 중심",
    "schedule": None,
    "inherited_from": None,
    "contact": "서울산업진흥원 교육본부 교육1팀",
    "basis": "2022년 11월 업무보고 기준",
    "as_of": "2022-11-01",
}


def test_a_program_answer_is_a_text_and_a_text_card() -> None:
    messages = [
        {"recipient_id": "s", "text": "청년취업사관학교의 신청 대상은 다음과 같습니다."},
        {"recipient_id": "s", "custom": PROGRAM},
    ]
    assert valid(to_response(messages, Options(notices_url="https://www.sba.seoul.kr/"))) == {
        "version": "2.0",
        "template": {
            "outputs": [
                {"simpleText": {"text": "청년취업사관학교의 신청 대상은 다음과 같습니다."}},
                {
                    "textCard": {
                        "title": "청년취업사관학교",
                        "description": "지원 대상: 분야별 기초지식과 취업의지가 있는 "
                        "20~30대 구직자 중심\n"
                        "문의: 서울산업진흥원 교육본부 교육1팀",
                        "buttons": [
                            {
                                "label": "공고 확인",
                                "action": "webLink",
                                "webLinkUrl": "https://www.sba.seoul.kr/",
                            }
                        ],
                    }
                },
            ]
        },
    }


def test_buttons_become_quick_replies_carrying_their_payload() -> None:
    messages = [
        {
            "text": "노무 분야 전문가로 예약할까요?",
            "buttons": [
                {"title": "네, 예약할게요", "payload": "/affirm"},
                {"title": "괜찮아요", "payload": "/deny"},
                {"title": "네, 예약할게요", "payload": "/affirm"},
            ],
        }
    ]
    reply = to_reply(messages)
    assert valid(reply.response) == {
        "version": "2.0",
        "template": {
            "outputs": [{"simpleText": {"text": "노무 분야 전문가로 예약할까요?"}}],
            "quickReplies": [
                {
                    "label": "네, 예약할게요",
                    "action": "message",
                    "messageText": "네, 예약할게요",
                    "extra": {"payload": "/affirm"},
                },
                {
                    "label": "괜찮아요",
                    "action": "message",
                    "messageText": "괜찮아요",
                    "extra": {"payload": "/deny"},
                },
            ],
        },
    }
    assert reply.offered == {"네, 예약할게요": "/affirm", "괜찮아요": "/deny"}


def test_quick_replies_can_call_a_block_and_stop_at_ten() -> None:
    buttons = [{"title": f"{i}번", "payload": f'/choose{{"n": {i}}}'} for i in range(12)]
    response = valid(
        to_response(
            [{"text": "골라 주세요", "buttons": buttons}],
            Options(block_id="5a1b2c3d4e5f6a7b8c9d0e1f"),
        )
    )
    replies = response["template"]["quickReplies"]
    assert len(replies) == 10
    assert replies[0] == {
        "label": "0번",
        "action": "block",
        "messageText": "0번",
        "extra": {"payload": '/choose{"n": 0}'},
        "blockId": "5a1b2c3d4e5f6a7b8c9d0e1f",
    }


def test_labels_keep_what_matters_in_fourteen_characters() -> None:
    assert label("12월 9일(수) 오후 3:00") == "12월 9일 오후 3:00"
    assert label("Wed, Dec 9, 3:00 PM") == "Dec 9, 3:00 PM"
    assert label("See programs that fit") == "See programs…"
    assert label("청년취업사관학교") == "청년취업사관학교"


def test_recommendations_are_a_carousel_between_their_texts() -> None:
    cards = [
        {
            "type": "recommendation",
            "position": i,
            "id": pid,
            "name": name,
            "status": "eligible",
            "status_label": "지금 신청 가능",
            "reasons": ["창업 2년 차", "식품 제조"],
            "to_check": [],
            "apply": "공고 확인",
        }
        for i, (pid, name) in enumerate(
            [("startup-hub", "서울창업허브"), ("seoul-award", "서울어워드")], start=1
        )
    ]
    messages = [
        {"text": "말씀하신 내용에 맞는 SBA 사업 2개입니다."},
        *({"custom": card} for card in cards),
        {
            "text": "궁금한 사업을 누르면 자세히 알려 드립니다.",
            "buttons": [{"title": "상담 예약하기", "payload": "/request_consultation"}],
        },
    ]
    reply = to_reply(messages)
    outputs = valid(reply.response)["template"]["outputs"]
    assert outputs[0] == {"simpleText": {"text": "말씀하신 내용에 맞는 SBA 사업 2개입니다."}}
    assert outputs[1] == {
        "carousel": {
            "type": "textCard",
            "items": [
                {
                    "title": "서울창업허브",
                    "description": "1 · 지금 신청 가능\n맞는 이유: 창업 2년 차 · 식품 제조\n"
                    "신청 방법: 공고 확인",
                    "buttons": [
                        {
                            "label": "자세히 보기",
                            "action": "message",
                            "messageText": "서울창업허브",
                            "extra": {"payload": '/ask_program{"program": "startup-hub"}'},
                        }
                    ],
                },
                {
                    "title": "서울어워드",
                    "description": "2 · 지금 신청 가능\n맞는 이유: 창업 2년 차 · 식품 제조\n"
                    "신청 방법: 공고 확인",
                    "buttons": [
                        {
                            "label": "자세히 보기",
                            "action": "message",
                            "messageText": "서울어워드",
                            "extra": {"payload": '/ask_program{"program": "seoul-award"}'},
                        }
                    ],
                },
            ],
        }
    }
    assert outputs[2] == {"simpleText": {"text": "궁금한 사업을 누르면 자세히 알려 드립니다."}}
    assert reply.offered == {
        "상담 예약하기": "/request_consultation",
        "서울창업허브": '/ask_program{"program": "startup-hub"}',
        "서울어워드": '/ask_program{"program": "seoul-award"}',
    }


def test_a_booking_card_names_the_code_and_the_time() -> None:
    card = {
        "type": "booking",
        "code": "BZ-7K3Q",
        "field": "labor",
        "field_name": "노무",
        "channel": "phone",
        "channel_name": "전화",
        "start": "2026-12-09T15:00:00+09:00",
        "end": "2026-12-09T15:50:00+09:00",
        "when": "2026년 12월 9일(수) 오후 3:00~3:50",
        "expert_name": "김노무",
        "status": "예약됨",
    }
    assert valid(to_response([{"text": "예약이 완료되었습니다."}, {"custom": card}]))["template"][
        "outputs"
    ][1] == {
        "textCard": {
            "title": "상담 예약이 확정되었습니다",
            "description": "예약번호: BZ-7K3Q\n분야: 노무\n방식: 전화\n"
            "일시: 2026년 12월 9일(수) 오후 3:00~3:50\n"
            "전문가: 김노무\n상태: 예약됨",
        }
    }


def test_texts_share_a_bubble_and_long_ones_are_split() -> None:
    response = valid(to_response([{"text": "첫째입니다."}, {"text": "둘째입니다."}]))
    assert response["template"]["outputs"] == [
        {"simpleText": {"text": "첫째입니다.\n\n둘째입니다."}}
    ]
    paragraph = "가나다라마바사아자차카타파하 " * 30  # 450 characters
    assert split_text("\n\n".join([paragraph.strip()] * 3), 1000) == [
        paragraph.strip() + "\n\n" + paragraph.strip(),
        paragraph.strip(),
    ]


def test_what_does_not_fit_in_three_bubbles_waits_behind_more() -> None:
    messages: list[dict[str, Any]] = [
        {"text": f"{n}번째 문단입니다. " + "가" * 900} for n in range(5)
    ]
    messages[-1]["buttons"] = [{"title": "괜찮아요", "payload": "/deny"}]
    reply = to_reply(messages)
    template = valid(reply.response)["template"]
    assert [o["simpleText"]["text"][:9] for o in template["outputs"]] == [
        "0번째 문단입니다",
        "1번째 문단입니다",
        "2번째 문단입니다",
    ]
    assert template["quickReplies"] == [
        {
            "label": "더 보기",
            "action": "message",
            "messageText": "더 보기",
            "extra": {"more": True},
        },
        {
            "label": "괜찮아요",
            "action": "message",
            "messageText": "괜찮아요",
            "extra": {"payload": "/deny"},
        },
    ]
    assert [o["simpleText"]["text"][:9] for o in reply.rest] == [
        "3번째 문단입니다",
        "4번째 문단입니다",
    ]


def test_a_request_for_a_person_offers_kakao_operator_when_enabled() -> None:
    waiting = {
        "text": "상담원 연결을 요청했습니다. 지금 대기 순서는 1번째입니다.",
        "buttons": [{"title": "대기 취소", "payload": "/stop"}],
        "utter_action": "utter_handoff_waiting",
    }
    assert valid(to_response([waiting], Options(operator=True)))["template"]["outputs"] == [
        {"simpleText": {"text": "상담원 연결을 요청했습니다. 지금 대기 순서는 1번째입니다."}},
        {
            "textCard": {
                "description": "카카오톡 상담톡으로 상담직원과 바로 이야기하실 수 있습니다.",
                "buttons": [{"label": "상담직원 연결", "action": "operator"}],
            }
        },
    ]
    assert len(valid(to_response([waiting]))["template"]["outputs"]) == 1


def test_english_messages_get_english_labels() -> None:
    card = dict(
        PROGRAM,
        name="Youth Job Academy",
        target="Job seekers in their 20s and 30s",
        contact="Education Team 1, SBA",
    )
    response = valid(
        to_response(
            [{"text": "Here is who can apply."}, {"custom": card}],
            Options(notices_url="https://www.sba.seoul.kr/"),
        )
    )
    assert response["template"]["outputs"][1] == {
        "textCard": {
            "title": "Youth Job Academy",
            "description": "Who can apply: Job seekers in their 20s and 30s\n"
            "Contact: Education Team 1, SBA",
            "buttons": [
                {
                    "label": "See notices",
                    "action": "webLink",
                    "webLinkUrl": "https://www.sba.seoul.kr/",
                }
            ],
        }
    }


def test_a_turn_without_messages_still_answers() -> None:
    assert valid(to_response([])) == {
        "version": "2.0",
        "template": {
            "outputs": [
                {
                    "simpleText": {
                        "text": "메시지를 받았습니다. 상담원의 답변은 다음에 말씀하실 때 "
                        "함께 전해 드립니다."
                    }
                }
            ]
        },
    }


def test_an_over_long_card_is_shortened_at_a_sentence() -> None:
    card = dict(PROGRAM, target="대상은 서울 소재 기업입니다. " * 20)
    description = valid(to_response([{"custom": card}]))["template"]["outputs"][0]["textCard"][
        "description"
    ]
    assert len(description) <= 230 and description.endswith("입니다.…")
