"""End to end over KakaoTalk: Open Builder skill requests to the running stack's
``/webhooks/kakao/webhook``, as Open Builder sends them, answered within its limits.

Uses the session's Tuesday-morning stack (``day_stack``, shared with the REST and browser
tests): no stack of its own. Every response goes through the limits check (``valid``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.booking import queries
from bot.catalog.queries import get_program
from bot.db import session_scope
from bot.runner import Stack, say
from tests.kakao.conftest import fixture, skill_request, valid
from tests.support.booking import call
from tests.support.misc_e2e import post_json

pytestmark = pytest.mark.e2e

KAKAO_LIMIT_SECONDS = 5.0
ALICE = "e2e5cf9b3e4ccbf40c0ecd6d12b42bee2f80d1b4a68af77bb0b3c5c5cda6d71f01"
BOB = "e2e5cf9b3e4ccbf40c0ecd6d12b42bee2f80d1b4a68af77bb0b3c5c5cda6d71f02"


def _post(stack: Stack, body: Any) -> tuple[int, Any, float]:
    """POST a skill request to the Kakao channel: ``body`` as JSON, or bytes as they are."""
    return post_json(f"{stack.rasa_url}/webhooks/kakao/webhook", body, timeout=30)


def ask(
    stack: Stack, user: str, utterance: str, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One Kakao message: a valid 2.0 response within Kakao's 5 seconds."""
    status, response, seconds = _post(stack, skill_request(utterance, user_id=user, extra=extra))
    assert status == 200, response
    assert seconds < KAKAO_LIMIT_SECONDS, f"{utterance!r} took {seconds:.1f}s"
    assert "useCallback" not in response  # no callback URL was given
    return valid(response)


def texts(response: dict[str, Any]) -> str:
    """Everything the user reads: texts and card titles and descriptions."""
    out = []
    for output in response["template"]["outputs"]:
        for kind, body in output.items():
            cards = body["items"] if kind == "carousel" else [body]
            out.extend(str(c.get(k, "")) for c in cards for k in ("text", "title", "description"))
    return "\n".join(o for o in out if o)


def quick_replies(response: dict[str, Any]) -> list[dict[str, Any]]:
    return list(response["template"].get("quickReplies", []))


def press(stack: Stack, user: str, response: dict[str, Any], label: str) -> dict[str, Any]:
    """Tap the quick reply ``label`` as KakaoTalk does: its messageText and its extra."""
    chosen = [r for r in quick_replies(response) if r["label"] == label]
    assert chosen, (label, [r["label"] for r in quick_replies(response)], texts(response))
    return ask(stack, user, chosen[0]["messageText"], chosen[0]["extra"])


@pytest.fixture(scope="module")
def stack(day_stack: Stack) -> Stack:
    """The shared stack, warmed: its first turns after start load models lazily (one
    ~10 s turn once per server start, the case the callback path is for); a deployed
    server has long served those, and Kakao's 5 seconds are checked on what follows."""
    for text in ("청년취업사관학교 신청 자격이 뭐예요?", "담당 부서는요?", "노무 상담 받고 싶어요"):
        say(day_stack, "e2e-kakao-warmup", text)
    return day_stack


def test_two_questions_from_one_kakao_user(stack: Stack) -> None:
    db = stack.settings.database_url
    with session_scope(db) as session:
        program = get_program(program_id="youth-job-academy", session=session)
        target, team = program.target, program.team.name
    body = fixture("request_text.json")
    body["userRequest"]["user"]["id"] = ALICE
    status, first, seconds = _post(stack, body)
    assert status == 200 and seconds < KAKAO_LIMIT_SECONDS
    assert target in texts(valid(first))
    assert first["template"]["outputs"][1]["textCard"]["title"] == "청년취업사관학교"
    follow_up = ask(stack, ALICE, "담당 부서는요?")
    assert team in texts(follow_up)
    print("\nKakao exchange:\n" + json.dumps([first, follow_up], ensure_ascii=False, indent=1))


TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def test_a_consultation_is_booked_with_quick_replies(stack: Stack) -> None:
    story = "직원이 퇴사하면서 퇴직금 계산이 틀렸다고 하는데 어떻게 해야 할지 모르겠어요"
    offer = ask(stack, BOB, story)
    assert "노무 분야 전문가 상담" in texts(offer)
    assert [r["label"] for r in quick_replies(offer)] == ["네, 예약할게요", "괜찮아요"]
    confirm = press(stack, BOB, offer, "네, 예약할게요")
    assert "노무 분야 전문가로 예약할까요" in texts(confirm)
    how = press(stack, BOB, confirm, quick_replies(confirm)[0]["label"])
    assert "어떤 방식" in texts(how)
    when = press(stack, BOB, how, "전화")
    assert "언제 상담을" in texts(when)
    times = [r for r in quick_replies(when) if TIME.match(r["extra"].get("payload", ""))]
    if not times:  # the bot asks first and offers free times for what was said
        when = ask(stack, BOB, "다음주 화요일 오후")
        times = [r for r in quick_replies(when) if TIME.match(r["extra"].get("payload", ""))]
    company = press(stack, BOB, when, times[0]["label"]) if times else when
    assert "회사(상호) 이름" in texts(company)
    assert "사업자등록번호" in texts(ask(stack, BOB, "카카오상회"))
    assert "성함" in texts(ask(stack, BOB, "123 45 67891"))
    assert "휴대전화 번호" in texts(ask(stack, BOB, "김카카오"))
    assert "이메일" in texts(ask(stack, BOB, "010 2345 6789"))
    review = ask(stack, BOB, "없음")
    assert "예약 내용을 확인해 주세요" in texts(review)
    assert "010-****-6789" in texts(review) and "010-2345-6789" not in texts(review)
    confirm_label = next(r["label"] for r in quick_replies(review) if "확정" in r["label"])
    done = press(stack, BOB, review, confirm_label)
    code = re.search(r"BZ-[0-9A-Z]{4}", texts(done))
    assert code, texts(done)
    [card] = [o["textCard"] for o in done["template"]["outputs"] if "textCard" in o]
    assert card["title"] == "상담 예약이 확정되었습니다"
    assert f"예약번호: {code.group(0)}\n분야: 노무\n방식: 전화" in card["description"]
    booking = call(queries.booking_by_code, code=code.group(0), url=stack.settings.database_url)
    assert booking is not None and booking.phone == "010-2345-6789"
    assert re.fullmatch(r"kakao-[0-9a-f]{40}", booking.conversation_id)


def test_kakao_user_ids_are_never_stored_or_logged(stack: Stack) -> None:
    # Runs after the conversations above.
    engine = sa.create_engine(stack.settings.database_url)
    with engine.connect() as connection:
        senders = {
            row[0]
            for row in connection.execute(
                sa.text("SELECT DISTINCT sender_id FROM events WHERE sender_id LIKE 'kakao-%'")
            )
        }
        for user in (ALICE, BOB):
            stored = connection.execute(
                sa.text("SELECT COUNT(*) FROM events WHERE data LIKE :id OR sender_id LIKE :id"),
                {"id": f"%{user}%"},
            ).scalar()
            assert stored == 0
    engine.dispose()
    assert len(senders) == 2
    for log in Path(stack.log_dir).glob("*.log"):
        text = log.read_text(errors="replace")
        assert ALICE not in text and BOB not in text, log.name


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"{not json", "the body must be a JSON object"),
        (
            json.dumps({"userRequest": {"utterance": "안녕", "user": {}}}).encode(),
            "userRequest.user.id must be a non-empty string",
        ),
    ],
)
def test_malformed_requests_get_400(stack: Stack, body: bytes, error: str) -> None:
    status, response, seconds = _post(stack, body)
    assert (status, response) == (400, {"error": error})
