"""Bad input over REST and socket.io against the real stack: polite replies or 4xx, never a
stall for other users, a console that keeps answering, and no personal data at rest.

The fast cases of the fault-and-abuse suite (``make chaos`` runs the long ones).
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from bot import clock
from bot.console import auth
from bot.runner import Stack, say
from tests.support.bad_bodies import malformed_bodies
from tests.support.booking import call
from tests.support.console import add_staff
from tests.support.misc_e2e import post_json

pytestmark = pytest.mark.e2e

PASSWORD = "bad-input-suite-2026!"
BAD_BODIES: list[Any] = [
    *malformed_bodies("b", "hi"),
    {"sender": "a b/c", "message": "hi"},
    {"sender": "x" * 200, "message": "hi"},
    {"sender": "b", "message": "hi", "metadata": [1]},
]
ODD_TEXTS = [
    "",
    "   ",
    "ㅋㅋㅋㅋ",
    "ㅠㅠ",
    "😀😀",
    "👨‍👩‍👧‍👦",
    "<script>alert(1)</script>",
    "'; DROP TABLE events; --",
    "\u202e고객센터\u202c",
    "\x00\x01\x02",
    "/booking_cancel",
    '/request_consultation{"contact_phone": "010-1111-2222"}',
    "a" * 2000,
    "\ufeff안녕",
]


@pytest.fixture(scope="module")
def stack(night_stack: Stack) -> Stack:
    return night_stack


def _post(stack: Stack, body: Any) -> tuple[int, Any, float]:
    """POST to the REST channel: ``body`` as JSON, or bytes sent as they are."""
    return post_json(f"{stack.rasa_url}/webhooks/rest/webhook", body)


def _texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def test_malformed_bodies_get_a_400_at_once(stack: Stack) -> None:
    for body in BAD_BODIES:
        status, reply, took = _post(stack, body)
        assert status == 400 and "error" in reply, (body, status, reply)
        assert took < 1.0, (body, took)
    for raw in (b"{not json", b"\xff\xfe\xfa", b""):
        status, _, took = _post(stack, raw)
        assert status == 400 and took < 1.0, (raw, status)


def test_odd_texts_get_a_polite_reply(stack: Stack) -> None:
    for i, message in enumerate(ODD_TEXTS):
        status, replies, _ = _post(stack, {"sender": f"odd-{i}", "message": message})
        assert status == 200, (message, status)
        assert replies and all(r.get("text") or r.get("custom") for r in replies), (
            message,
            replies,
        )
        assert "Traceback" not in _texts(replies)


def test_a_huge_message_does_not_hold_up_another_user(stack: Stack) -> None:
    results: dict[str, Any] = {}

    def huge() -> None:
        results["huge"] = _post(stack, {"sender": "huge-1", "message": "가나다 " * 30_000})

    thread = threading.Thread(target=huge)
    thread.start()
    started = time.monotonic()
    normal = say(stack, "normal-1", "청년취업사관학교 알려주세요")
    took = time.monotonic() - started
    thread.join(timeout=60)
    assert "청년취업사관학교" in _texts(normal)
    assert took < 3.0, took
    status, replies, huge_took = results["huge"]
    assert status == 200 and huge_took < 3.0
    assert _texts(replies).startswith("메시지가 너무 길어 읽지 못했습니다")


def test_a_lone_surrogate_leaves_every_console_page_working(stack: Stack) -> None:
    raw = b'{"sender": "surrogate-1", "message": "\\ud800 test \\udfff"}'
    status, _, _ = _post(stack, raw)
    assert status == 200
    url = stack.settings.database_url
    add_staff("night.owl", PASSWORD, "admin", url=url)
    session = call(
        auth.login,
        username="night.owl",
        password=PASSWORD,
        ip="127.0.0.1",
        now=clock.now(),
        url=url,
    )
    token = call(auth.issue_api_token, username="night.owl", days=1, now=clock.now(), url=url)
    pages = ["/console/inquiries", "/console/handoffs", "/console/bookings", "/console/dashboard"]
    apis = ["/api/inquiries", "/api/handoffs", "/api/stats"]
    for path in pages + apis:
        headers = (
            {"Authorization": f"Bearer {token}"}
            if "/api/" in path
            else {"Cookie": f"bizcall_staff={session.token}"}
        )
        request = urllib.request.Request(stack.web_url + path, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as resp:
            assert resp.status == 200, path


def test_no_personal_data_rests_in_the_events_table(stack: Stack) -> None:
    # A full booking, and one abandoned after personal data went to the wrong question.
    story = "직원 퇴직금 계산 문제로 노무 상담 받고 싶어요"
    sender = "pii-full"
    for message in [
        story,
        "/affirm",
        "네",
        "전화",
        "내일 오후 3시",
        "개인정보상회",
        "123-45-67891",
        "홍길순",
        "010-3141-5926",
        "gildong.hong@example.com",
    ]:
        say(stack, sender, message)
    done = _texts(say(stack, sender, "예약 확정"))
    assert re.search(r"BZ-[0-9A-Z]{4}", done), done
    other = "pii-abandoned"
    for message in [
        story,
        "/affirm",
        "네",
        "박민서 010-2718-2818 minseo.park@example.com",
        "전화",
        "220-81-62517 박민서",
        "취소",
    ]:
        say(stack, other, message)
    engine = create_engine(stack.settings.database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT data FROM events WHERE sender_id IN ('pii-full', 'pii-abandoned')")
        ).all()
    stored = "\n".join(json.dumps(json.loads(r[0]), ensure_ascii=False) for r in rows)
    assert "개인정보상회" in stored  # the scan reads the real rows
    for raw in (
        "홍길순",
        "010-3141-5926",
        "01031415926",
        "gildong.hong@example.com",
        "123-45-67891",
        "1234567891",
        "박민서",
        "010-2718-2818",
        "minseo.park@example.com",
        "220-81-62517",
    ):
        assert raw not in stored, raw
