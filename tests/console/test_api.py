"""The console over HTTP (in process, through the real app): sign-in, CSRF, roles, the queue,
relabels, bookings and live handoffs — with Rasa's HTTP API faked and recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from bot.booking import queries, writes
from bot.booking.results import BookingInfo
from bot.booking.status import BOOKED, CANCELLED, CHANGED
from bot.console import auth, handoff
from tests.console.conftest import (
    NOW,
    FakeRasa,
    enqueue,
    labor_question,
    login,
    parse,
    post_login,
    user_turn,
)
from tests.support.asgi import AsgiClient
from tests.support.booking import call, write
from tests.support.booking_api import booking_details, nearest

LABOR = "직원이 퇴직금을 달래요 <script>alert(1)</script>"


async def _labor_inquiry(store_conversation: Callable[..., Any], sender: str = "web-1") -> None:
    await store_conversation(sender, labor_question(LABOR, 0.52, 0.4))


@pytest.fixture()
async def labor(store_conversation: Callable[..., Any]) -> None:
    """Conversation ``web-1``: a labor question the model was unsure about (see ``LABOR``)."""
    await _labor_inquiry(store_conversation)


async def _the_inquiry(client: AsgiClient, **kwargs: Any) -> dict[str, Any]:
    """The one inquiry in the queue, as ``GET /api/inquiries`` lists it."""
    [item] = (await client.get("/api/inquiries", **kwargs)).json()["items"]
    return item


async def test_signed_out_visitors_get_the_login_page_or_401(client: AsgiClient) -> None:
    page = await client.get("/console/inquiries")
    assert page.status == 302 and page.header("location").startswith("/console/login")
    api = await client.get("/api/inquiries")
    assert api.status == 401 and api.json() == {"error": "로그인이 필요합니다."}
    assert (await client.get("/api/openapi.json")).status == 200  # the description is public


async def test_login_sets_a_strict_httponly_cookie(client: AsgiClient, staff: dict) -> None:
    done = await post_login(client, "kim", next_page="https://evil.example/")
    assert done.status == 302 and done.header("location") == "/console/inquiries"
    cookie = next(c for c in done.headers["set-cookie"] if c.startswith("bizcall_staff="))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP here; BIZCALL_SECURE_COOKIES adds it


async def test_login_form_needs_its_double_submit_token(client: AsgiClient, staff: dict) -> None:
    await client.get("/console/login")
    forged = await client.post(
        "/console/login",
        form={"username": "kim", "password": "correct horse battery", "login_csrf": "guess"},
    )
    assert forged.status == 403 and "bizcall_staff" not in client.cookies


async def test_failed_logins_are_rate_limited(client: AsgiClient, staff: dict) -> None:
    for _ in range(auth.MAX_FAILURES_PER_USER):
        assert await login(client, "kim", "wrong password") == ""
    blocked = await post_login(client, "kim")
    assert blocked.status == 429 and "로그인 시도가 너무 많습니다" in blocked.text


@pytest.mark.usefixtures("staff", "labor")
async def test_state_changes_need_the_csrf_token_and_same_origin(client: AsgiClient) -> None:
    csrf = await login(client, "kim")
    item = await _the_inquiry(client)
    path = f"/api/inquiries/{item['id']}"
    assert (await client.patch(path, json={"topic": "out_of_scope"})).status == 403
    wrong = await client.patch(
        path, json={"topic": "out_of_scope"}, headers={"x-csrf-token": "0" * 64}
    )
    assert wrong.status == 403
    other_site = await client.patch(
        path,
        json={"topic": "out_of_scope"},
        headers={"x-csrf-token": csrf, "origin": "https://evil.example"},
    )
    assert other_site.status == 403
    ok = await client.patch(path, json={"topic": "out_of_scope"}, headers={"x-csrf-token": csrf})
    assert ok.status == 200 and ok.json()["topic"] == "out_of_scope"


@pytest.mark.usefixtures("staff", "labor")
async def test_bearer_tokens_work_without_cookies_or_csrf(client: AsgiClient) -> None:
    token = call(auth.issue_api_token, username="kim", days=1, now=NOW)
    bearer = {"authorization": f"Bearer {token}"}
    item = await _the_inquiry(client, headers=bearer)
    done = await client.patch(
        f"/api/inquiries/{item['id']}",
        headers=bearer,
        json={"topic": "consultation", "field": "law"},
    )
    assert done.status == 200 and done.json()["label"]["by"] == "kim"


@pytest.mark.usefixtures("staff", "labor")
async def test_queue_filters_detail_and_relabel(client: AsgiClient) -> None:
    csrf = await login(client, "kim")
    listed = (await client.get("/api/inquiries?field=labor&low_confidence=1")).json()
    assert listed["total"] == 1
    item = listed["items"][0]
    assert (item["topic"], item["field"], item["status"]) == ("consultation", "labor", "answered")
    assert (await client.get("/api/inquiries?field=tax")).json()["total"] == 0
    assert (await client.get("/api/inquiries?q=퇴직금")).json()["total"] == 1
    assert (await client.get("/api/inquiries?topic=weather")).status == 422

    detail = (await client.get(f"/api/inquiries/{item['id']}")).json()
    assert [m["sender"] for m in detail["messages"]] == ["user", "bot"]

    bad = await client.patch(
        f"/api/inquiries/{item['id']}", headers={"x-csrf-token": csrf}, json={"field": "plumbing"}
    )
    assert bad.status == 422
    done = await client.patch(
        f"/api/inquiries/{item['id']}", headers={"x-csrf-token": csrf}, json={"field": "law"}
    )
    assert done.json()["field"] == "law" and done.json()["triage"]["field"] == "labor"
    closed = await client.patch(
        f"/api/inquiries/{item['id']}", headers={"x-csrf-token": csrf}, json={"status": "closed"}
    )
    assert closed.json()["status"] == "closed"


@pytest.mark.usefixtures("staff", "labor")
async def test_pages_show_the_queue_with_user_text_escaped(client: AsgiClient) -> None:
    await login(client, "kim")
    page = await client.get("/console/inquiries")
    assert page.status == 200 and "직원이 퇴직금을 달래요" in page.text
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text
    assert page.header("cache-control") == "no-store"
    assert "script-src 'self'" in page.header("content-security-policy")
    for path in ("/console/handoffs", "/console/bookings", "/console/dashboard"):
        assert (await client.get(path)).status == 200, path


@pytest.mark.usefixtures("staff", "labor")
async def test_relabel_form_on_the_inquiry_page(client: AsgiClient) -> None:
    csrf = await login(client, "kim")
    item = await _the_inquiry(client)
    done = await client.post(
        f"/console/inquiries/{item['id']}/label",
        form={"csrf_token": csrf, "topic": "program", "field": "", "program": "youth-job-academy"},
    )
    assert done.status == 302
    page = await client.get(done.header("location"))
    assert "라벨을 고쳤습니다" in page.text and "youth-job-academy" in page.text
    refused = await client.post(
        f"/console/inquiries/{item['id']}/label",
        form={"csrf_token": csrf, "topic": "program", "field": "", "program": "no-such-program"},
    )
    assert refused.status == 422 and "카탈로그에 없는 사업" in refused.text


async def test_triage_runs_the_model_through_rasa(
    client: AsgiClient, staff: dict, fake_rasa: FakeRasa
) -> None:
    csrf = await login(client, "kim")
    text = "청년취업사관학교 신청 자격이 뭐예요?"
    fake_rasa.parses[text] = parse(
        text,
        "ask_program_target",
        0.97,
        [{"entity": "program", "value": "youth-job-academy", "start": 0, "end": 8}],
    )
    done = await client.post("/api/triage", json={"text": text}, headers={"x-csrf-token": csrf})
    assert done.json()["topic"] == "program" and done.json()["program"] == "youth-job-academy"
    assert (
        await client.post("/api/triage", json={"text": " "}, headers={"x-csrf-token": csrf})
    ).status == 422
    fake_rasa.down = True
    assert (
        await client.post("/api/triage", json={"text": text}, headers={"x-csrf-token": csrf})
    ).status == 502


@pytest.mark.usefixtures("staff", "labor")
async def test_live_handoff_take_talk_and_hand_back(
    clients: Callable[[], AsgiClient],
    fake_rasa: FakeRasa,
    store_conversation: Callable[..., Any],
) -> None:
    await store_conversation(
        "web-1",
        [
            user_turn("상담원 연결해 주세요", "human_handoff"),
            ("bot", "상담원을 연결하고 있습니다 …"),
            ("pause",),
        ],
    )
    queued = enqueue("web-1")
    kim, lee = clients(), clients()
    kim_csrf, lee_csrf = await login(kim, "kim"), await login(lee, "lee")
    [waiting] = (await kim.get("/api/handoffs")).json()["items"]
    assert (waiting["status"], waiting["inquiry"]) == ("waiting", LABOR)
    base = f"/api/handoffs/{queued.id}"

    early = await kim.post(
        f"{base}/message", json={"text": "안녕하세요"}, headers={"x-csrf-token": kim_csrf}
    )
    assert early.status == 409  # take it first

    taken = await kim.post(f"{base}/take", headers={"x-csrf-token": kim_csrf})
    assert taken.status == 200 and taken.json()["taken_by"] == "kim"
    assert fake_rasa.appended()[-1]["text"] == "상담원이 연결되었습니다. 편하게 말씀해 주세요."
    assert (await lee.post(f"{base}/take", headers={"x-csrf-token": lee_csrf})).status == 409
    assert (
        await lee.post(
            f"{base}/message", json={"text": "제가 할게요"}, headers={"x-csrf-token": lee_csrf}
        )
    ).status == 403

    sent = await kim.post(
        f"{base}/message",
        json={"text": "노무사 상담 일정을 잡아 드릴게요."},
        headers={"x-csrf-token": kim_csrf},
    )
    assert sent.status == 200
    assert fake_rasa.calls[-1] == (
        "append",
        "web-1",
        [
            {
                "event": "bot",
                "text": "노무사 상담 일정을 잡아 드릴게요.",
                "metadata": {"agent": "kim"},
            }
        ],
    )

    view = (await kim.get(base)).json()
    assert view["paused"] is True and view["slots"] == {"language": "ko"}
    assert [m["sender"] for m in view["messages"]] == ["user", "bot", "user", "bot"]
    newer = (await kim.get(f"{base}?after={view['last_event_id']}")).json()
    assert newer["messages"] == []

    back = await kim.post(f"{base}/release", headers={"x-csrf-token": kim_csrf})
    assert back.status == 200 and back.json()["status"] == "closed"
    assert [e["event"] for e in fake_rasa.calls[-1][2]] == ["resume", "action", "bot"]
    assert (await kim.get("/api/handoffs")).json()["items"] == []


async def test_hand_back_that_cannot_reach_rasa_keeps_the_handoff(
    client: AsgiClient,
    staff: dict,
    fake_rasa: FakeRasa,
) -> None:
    queued = enqueue("web-2", reason="fallback", language="en")
    csrf = await login(client, "kim")
    await client.post(f"/api/handoffs/{queued.id}/take", headers={"x-csrf-token": csrf})
    fake_rasa.down = True
    failed = await client.post(f"/api/handoffs/{queued.id}/release", headers={"x-csrf-token": csrf})
    assert failed.status == 502
    assert call(handoff.get_handoff, handoff_id=queued.id).status == "active"


@pytest.fixture()
def booking(console_db: str) -> BookingInfo:
    start = nearest(NOW + timedelta(days=2), channel="video", now=NOW)[0].start
    details = booking_details(
        channel="video",
        start=start,
        company_name="서울상회",
        business_number="123-45-67891",
        summary="부가세 신고",
        conversation_id="owner",
        now=NOW,
    )
    return write(writes.create_booking, **details)


async def test_bookings_per_day_masked_and_changed_by_admins_only(
    clients: Callable[[], AsgiClient],
    staff: dict,
    booking: BookingInfo,
) -> None:
    kim, park = clients(), clients()
    kim_csrf, park_csrf = await login(kim, "kim"), await login(park, "park")
    day = booking.start.date().isoformat()
    listed = (await kim.get(f"/api/bookings?day={day}")).json()["items"]
    assert [b["code"] for b in listed] == [booking.code]
    assert listed[0]["phone"] == "010-****-5678" and listed[0]["contact_name"] == "홍*순"

    path = f"/api/bookings/{booking.code}"
    assert (await kim.post(f"{path}/cancel", headers={"x-csrf-token": kim_csrf})).status == 403

    sunday = booking.start + timedelta(days=6 - booking.start.weekday())
    closed = await park.post(
        f"{path}/move",
        headers={"x-csrf-token": park_csrf},
        json={"start": sunday.replace(hour=10, minute=0).isoformat()},
    )
    assert closed.status == 409 and closed.json()["reason"] == "closed"
    target = closed.json()["alternatives"][0]
    moved = await park.post(
        f"{path}/move", headers={"x-csrf-token": park_csrf}, json={"start": target}
    )
    assert moved.status == 200 and moved.json()["start"] == target
    assert moved.json()["status"] == CHANGED

    cancelled = await park.post(f"{path}/cancel", headers={"x-csrf-token": park_csrf})
    assert cancelled.json()["status"] == CANCELLED
    again = await park.post(f"{path}/cancel", headers={"x-csrf-token": park_csrf})
    assert again.status == 409


async def test_dashboard_figures(
    client: AsgiClient, staff: dict, store_conversation: Callable[..., Any]
) -> None:
    await _labor_inquiry(store_conversation, "a")
    await _labor_inquiry(store_conversation, "b")
    enqueue("b")
    await login(client, "kim")
    figures = (await client.get("/api/stats?days=30")).json()
    assert figures["total"] == 2 and figures["consultations"] == 2
    assert (figures["resolved_by_bot"], figures["handed_off"]) == (1, 1)
    assert sum(figures["per_field"]["labor"]) == 2 and figures["conversion"] == 0.0
    page = await client.get("/console/dashboard")
    assert "<svg" in page.text and "노무" in page.text


async def test_handoff_pages_take_and_hand_back_without_script(
    client: AsgiClient,
    staff: dict,
    fake_rasa: FakeRasa,
) -> None:
    queued = enqueue("web-3", language="en")
    csrf = await login(client, "kim")
    queue = await client.get("/console/handoffs")
    assert "사용자 요청" in queue.text and "맡기" in queue.text
    taken = await client.post(f"/console/handoffs/{queued.id}/take", form={"csrf_token": csrf})
    assert taken.status == 302
    page = await client.get(taken.header("location"))
    assert 'id="agent-text"' in page.text and "상담 중" in page.text
    assert fake_rasa.appended()[-1]["text"] == "An agent has joined the chat. How can we help you?"
    sent = await client.post(
        f"/console/handoffs/{queued.id}/message",
        form={"csrf_token": csrf, "text": "Hello from SBA"},
    )
    assert sent.status == 302 and fake_rasa.appended()[-1]["text"] == "Hello from SBA"
    back = await client.post(f"/console/handoffs/{queued.id}/release", form={"csrf_token": csrf})
    assert back.status == 302 and back.header("location") == "/console/handoffs?done=released"
    assert fake_rasa.appended()[-1]["text"].startswith("The agent has left the chat")
    forged = await client.post(f"/console/handoffs/{queued.id}/take", form={})
    assert forged.status == 403


async def test_agents_cannot_change_bookings_from_the_page_either(
    client: AsgiClient,
    staff: dict,
    booking: BookingInfo,
) -> None:
    csrf = await login(client, "kim")
    page = await client.get(f"/console/bookings?day={booking.start.date().isoformat()}")
    assert booking.code in page.text and "홍*순" in page.text and "홍길순" not in page.text
    assert f"/console/bookings/{booking.code}/cancel" not in page.text  # no buttons for agents
    refused = await client.post(
        f"/console/bookings/{booking.code}/cancel", form={"csrf_token": csrf}
    )
    assert refused.status == 403
    assert call(queries.booking_by_code, code=booking.code).status == BOOKED


async def test_https_deployments_get_secure_host_only_cookies(
    app: Any,
    staff: dict,
) -> None:
    from dataclasses import replace

    app.ctx.console_config = replace(app.ctx.console_config, secure=True)
    client = AsgiClient(app)
    done = await post_login(client, "kim")
    cookie = next(c for c in done.headers["set-cookie"] if c.startswith("__Host-bizcall_staff="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert (await client.get("/api/session")).json()["username"] == "kim"


@pytest.mark.parametrize(
    "path",
    [
        "/console/static/",
        "/console/static/%00console.js",
        "/console/static/console.js%00.css",
        "/console/static/../pages.py",
        "/console/static/templates",
    ],
)
async def test_static_folders_escapes_and_nul_bytes_are_404(client: AsgiClient, path: str) -> None:
    assert (await client.get(path)).status == 404
    assert (await client.get("/console/static/console.css")).status == 200


async def test_the_inquiry_page_shows_the_company_profile_and_what_was_recommended(
    client: AsgiClient,
    staff: dict,
    store_conversation: Callable[..., Any],
) -> None:
    text = "성수동에서 반찬 가게 하는데 온라인 판매를 늘리고 싶어요 연락은 010-1234-5678"
    profile = {
        "kinds": ["소상공인·소공인"],
        "years": 2.0,
        "age": None,
        "seoul": True,
        "district": "성동",
        "industries": ["식품"],
        "needs": ["판로·수출"],
        "headcount": None,
        "language": "ko",
        "text": text,
        "place_word": "성수동",
        "said": {"판로·수출": "온라인 판매"},
    }
    await store_conversation(
        "web-rec",
        [
            user_turn(text, "ask_recommendation", 0.9),
            ("slot", "company_profile", profile),
            ("slot", "recommend_state", {"shown": ["domestic-sales", "overseas-sales"]}),
            ("bot", "말씀하신 내용에 맞는 SBA 사업 2개입니다."),
        ],
    )
    await login(client, "kim")
    item = await _the_inquiry(client)
    page = (await client.get(f"/console/inquiries/{item['id']}")).text
    section = page.split('id="company"')[1].split("</section>")[0]
    assert "소상공인·소공인 · 업력 2년 · 성수동 · 식품 · 판로·수출 지원" in section
    assert '<a href="/console/catalog/programs/domestic-sales">' in section
    assert "해외 판로지원" in section
    assert "010-1234-5678" not in page  # the stored profile text is masked, and not shown
