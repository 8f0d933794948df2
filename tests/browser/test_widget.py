"""The chat widget in a real browser: a person opens the demo page and talks to bizcall.

Each test drives Debian's headless Chromium against one running stack (see conftest):
Korean questions answered from the database, cards, a whole booking, IME composition,
markup typed as text, a reload, a phone-sized screen. The screenshots README shows are
written here to var/screenshots; `make screenshots` copies them to docs/screenshots, so
a test run never modifies tracked files.
"""

from __future__ import annotations

import contextlib
import json
import re
import urllib.request

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from bot.booking import queries
from bot.catalog.queries import get_program
from bot.db import session_scope
from bot.rasa_auth import rasa_headers
from bot.runner import Stack
from bot.settings import ROOT
from tests.browser.widget_page import Card, WidgetPage
from tests.support.booking import call

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "var" / "screenshots"  # `make screenshots` copies them to docs/
PROGRAM_QUESTION = "청년취업사관학교 신청 자격이 뭐예요?"
TIME_BUTTON = re.compile(r"\d{1,2}월 \d{1,2}일")


def _program(stack: Stack, program_id: str) -> tuple[str, str]:
    with session_scope(stack.settings.database_url) as session:
        program = get_program(program_id=program_id, session=session)
        return program.target, program.team.name


def _screenshot(browser: WebDriver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / name))


def _send_to_widget(widget: WidgetPage, text: str, custom: dict) -> None:
    """Make Rasa send a bot message to the widget's session over socket.io (HTTP API)."""
    event = {"event": "bot", "text": text, "data": {"custom": custom}}
    stack = widget.stack
    request = urllib.request.Request(
        f"{stack.rasa_url}/conversations/{widget.session_id()}/tracker/events"
        "?execute_side_effects=true&output_channel=socketio",
        data=json.dumps([event]).encode(),
        headers={"Content-Type": "application/json", **rasa_headers(stack.rasa_token)},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def _draw_cards(widget: WidgetPage, sent: list[tuple[str, dict]]) -> list[Card]:
    """Open the widget, have Rasa send it each (text, card payload), and wait until all are drawn.

    The cards come over socket.io as a real bot turn would, not from anything the page asks.
    """
    widget.open()
    widget.wait_connected()
    for text, card in sent:
        _send_to_widget(widget, text, card)
    widget.wait(lambda d: len(widget.cards()) >= len(sent))
    return widget.cards()


def _severe_console_lines(browser: WebDriver) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def test_demo_page_opens_the_widget_with_nothing_from_elsewhere(
    widget: WidgetPage, stack: Stack
) -> None:
    widget.open()
    widget.wait_connected()
    title = widget.browser.find_element(By.CSS_SELECTOR, ".bzc-title").text
    assert title == "서울비즈콜 상담 도우미"
    assert "서울비즈콜 상담 도우미입니다" in widget.bot_messages()[0]
    assert widget.browser.switch_to.active_element == widget.input
    loaded = widget.browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);"
    )
    assert any(url.endswith("/vendor/socket.io-client/socket.io.min.js") for url in loaded)
    outside = [
        u
        for u in loaded
        if not u.startswith((stack.web_url, stack.rasa_url, stack.rasa_url.replace("http", "ws")))
    ]
    assert outside == [], "the widget must load nothing from other hosts"
    assert _severe_console_lines(widget.browser) == []  # no CSP violation, no 404


def test_korean_program_question_is_answered_with_a_card(widget: WidgetPage, stack: Stack) -> None:
    target, _ = _program(stack, "youth-job-academy")
    widget.open()
    replies = widget.say(PROGRAM_QUESTION)
    assert any(target in r for r in replies), replies
    assert widget.user_messages() == [PROGRAM_QUESTION]
    cards = widget.cards()
    if cards:  # actions/programs.py sends a program card once that lands; drawn when sent
        assert cards[-1].type == "program" and cards[-1].title == "청년취업사관학교"
        assert cards[-1].rows.get("지원 대상") == target
    _screenshot(widget.browser, "widget-desktop.png")


PROGRAM_CARD = {
    "type": "program",
    "id": "youth-job-academy",
    "name": "청년취업사관학교",
    "target": "20~30대 구직자 <b>중심</b>",
    "schedule": "2022년 10월~12월 모집",
    "contact": "교육지원팀 02-000-0000",
}
"""A program card payload with markup in a value, which the widget must show as text."""

ENGLISH_BOOKING_CARD = {
    "type": "booking",
    "code": "BZ-7K3Q",
    "field": "legal",
    "field_name": "Legal",
    "channel": "video",
    "channel_name": "video",
    "start": "2026-12-03T14:00:00+09:00",
    "end": "2026-12-03T14:50:00+09:00",
    "when": "Thu, Dec 3, 2:00 PM–2:50 PM",
    "expert_name": "Kim Minji",
    "status": "booked",
}
"""A booking card in English, with the channel's and the time's words filled in."""

FIRST_SHAPE_BOOKING_CARD = {
    "type": "booking",
    "code": "BZ-2M8P",
    "field": "tax",
    "field_name": "세무",
    "channel": "visit",
    "start": "2026-12-01T11:30:00+09:00",
    "end": "2026-12-01T12:20:00+09:00",
    "expert_name": "이서연",
    "status": "변경됨",
}
"""A booking card of the first shape, without ``channel_name`` or ``when``."""


def test_program_card_payload_is_drawn_as_a_card(widget: WidgetPage) -> None:
    drawn = _draw_cards(widget, [("이 사업을 찾으셨나요?", PROGRAM_CARD)])[0]
    assert drawn.type == "program" and drawn.title == "청년취업사관학교"
    assert drawn.rows == {
        "지원 대상": "20~30대 구직자 <b>중심</b>",
        "일정": "2022년 10월~12월 모집",
        "문의": "교육지원팀 02-000-0000",
    }
    assert widget.browser.find_elements(By.CSS_SELECTOR, ".bzc-card b") == []


def test_cards_speak_the_language_of_their_payload(widget: WidgetPage) -> None:
    en, ko = _draw_cards(
        widget,
        [
            ("Your consultation is booked.", ENGLISH_BOOKING_CARD),
            ("예약을 변경했습니다.", FIRST_SHAPE_BOOKING_CARD),
        ],
    )
    assert en.title == "Your consultation is booked" and en.code == "BZ-7K3Q"
    assert en.rows == {
        "Field": "Legal",
        "Channel": "video",
        "Time": "Thu, Dec 3, 2:00 PM–2:50 PM",
        "Expert": "Kim Minji",
        "Status": "booked",
    }
    # Without channel_name or when (the first card shape), labels and time come from codes.
    assert ko.title == "상담 예약이 변경되었습니다"
    assert ko.rows["방식"] == "방문"
    assert ko.rows["일시"] == "2026년 12월 1일(화) 오전 11:30~오후 12:20"


def test_booking_a_consultation_end_to_end(widget: WidgetPage, stack: Stack) -> None:
    story = "직원이 퇴사하면서 퇴직금 계산이 틀렸다고 하는데 어떻게 해야 할지 모르겠어요"
    widget.open()
    offer = widget.say(story)
    assert any("노무 분야 전문가 상담" in r for r in offer), offer
    assert "네, 예약할게요" in widget.buttons()
    widget.click_button("네, 예약할게요")
    widget.wait_for_text("노무 분야 전문가로 예약할까요")
    assert widget.user_messages()[-1] == "네, 예약할게요"  # the title, not "/affirm"
    widget.say("네")
    widget.wait_for_text("어떤 방식")
    widget.click_button("전화")
    widget.wait_for_text("언제 상담을")
    widget.say("다음주 화요일 오후")
    times = [t for t in widget.buttons() if TIME_BUTTON.search(t)]
    assert times, widget.buttons()
    widget.click_button(times[0])
    widget.wait_for_text("회사(상호) 이름")
    assert "사업자등록번호" in widget.say("테스트상회")[-1]
    assert "성함" in widget.say("123-45-67891")[-1]
    assert "휴대전화 번호" in widget.say("홍길순")[-1]
    assert "이메일" in widget.say("010-1234-5678")[-1]
    review = "\n".join(widget.say("없음"))
    assert "예약 내용을 확인해 주세요" in review and "010-****-5678" in review
    assert "- 분야: 노무" in review  # line breaks are kept
    widget.click_button("예약 확정")
    widget.wait(lambda d: widget.cards())
    card = widget.cards()[-1]
    assert card.type == "booking" and re.fullmatch(r"BZ-[0-9A-Z]{4}", card.code), card
    assert card.title == "상담 예약이 확정되었습니다"
    assert card.rows["분야"] == "노무" and card.rows["방식"] == "전화"
    assert card.rows["상태"] == "예약됨"
    assert re.match(r"\d+월 \d+일\(.\) 오[전후]", card.rows["일시"]), card.rows
    assert widget.buttons() == []  # quick replies go once answered
    _screenshot(widget.browser, "widget-booking.png")

    booking = call(queries.booking_by_code, code=card.code, url=stack.settings.database_url)
    assert booking is not None and booking.conversation_id == widget.session_id()
    # The history kept for a reload masks what the user typed, like the bot's review does.
    stored = json.loads(
        widget.browser.execute_script(
            "return localStorage.getItem('bizcall:history:' + "
            "JSON.parse(localStorage.getItem('bizcall:session')));"
        )
    )
    typed = [e["text"] for e in stored if e["k"] == "user"]
    assert "010-****-5678" in typed and "123-45-*****" in typed
    assert not {"010-1234-5678", "123-45-67891"} & set(typed)


def test_a_studio_gets_recommendation_cards_with_reasons_in_its_words(
    widget: WidgetPage,
) -> None:
    widget.open()
    widget.say("애니메이션 만드는 3인 스튜디오인데 작업 공간이 필요해요")
    for _ in range(3):  # the questions that matter, each skipped
        if any(c.type == "recommendation" for c in widget.cards()):
            break
        assert "건너뛰기" in widget.buttons(), widget.buttons()
        widget.click_button("건너뛰기")
    cards = [c for c in widget.cards() if c.type == "recommendation"]
    assert 1 <= len(cards) <= 5
    assert cards[0].title == "애니타운 조성 및 운영"
    assert cards[0].kicker in ("추천 1 · 지금 신청 가능", "추천 1 · 조건 확인 필요")
    reasons = cards[0].rows["맞는 이유"]
    assert "애니메이션" in reasons and "작업 공간" in reasons
    assert "신청 방법" in cards[0].rows
    assert "상담 예약하기" in widget.buttons() and "애니타운 조성 및 운영" in widget.buttons()
    _screenshot(widget.browser, "widget-recommendation.png")


def test_enter_while_composing_korean_does_not_send(widget: WidgetPage) -> None:
    widget.open()
    widget.type("안녕하세")
    # Chromium's IME sends keydown Enter with isComposing and keyCode 229 to commit "요".
    widget.browser.execute_script(
        """
        const input = arguments[0];
        input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', code: 'Enter',
            keyCode: 229, isComposing: true, bubbles: true, cancelable: true}));
        input.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true}));
        input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', code: 'Enter',
            keyCode: 13, bubbles: true, cancelable: true}));
        input.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: '요'}));
    """,
        widget.input,
    )
    assert widget.user_messages() == []
    assert widget.input.get_attribute("value") == "안녕하세"
    widget.type("요")
    widget.say("")  # a plain Enter after composition sends the whole word
    assert widget.user_messages() == ["안녕하세요"]


@pytest.mark.parametrize("markup", ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"])
def test_typed_markup_is_shown_as_text(widget: WidgetPage, markup: str) -> None:
    widget.open()
    widget.browser.execute_script(
        "window.__alerts = []; window.alert = (m) => window.__alerts.push(String(m));"
    )
    before = len(widget.bot_messages())
    widget.say(markup, wait=False)
    widget.wait(lambda d: widget.user_messages())
    with contextlib.suppress(TimeoutException):  # a reply may echo the text; this is not
        widget.wait(lambda d: len(widget.bot_messages()) > before, timeout=15)  # about NLU
    assert widget.user_messages() == [markup]
    log = widget.browser.find_element(By.CSS_SELECTOR, ".bzc-log")
    assert log.find_elements(By.CSS_SELECTOR, "img, script") == []
    assert widget.browser.execute_script("return window.__alerts") == []
    widget.reload()  # and again when the history is drawn from storage
    assert widget.user_messages() == [markup]
    assert widget.browser.find_elements(By.CSS_SELECTOR, ".bzc-log img, .bzc-log script") == []


def test_conversation_survives_a_reload(widget: WidgetPage, stack: Stack) -> None:
    target, team = _program(stack, "youth-job-academy")
    widget.open()
    widget.say(PROGRAM_QUESTION)
    session, bubbles = widget.session_id(), widget.bot_messages()
    widget.reload()
    assert widget.is_open()  # reopened without a click
    assert widget.session_id() == session
    assert widget.user_messages() == [PROGRAM_QUESTION]
    assert widget.bot_messages() == bubbles
    # Same Rasa conversation: a follow-up that names no program is about the same one.
    assert any(team in r for r in widget.say("담당 부서는요?"))


def test_new_conversation_starts_afresh(widget: WidgetPage) -> None:
    widget.open()
    widget.say("안녕하세요")
    old = widget.session_id()
    widget.browser.find_element(By.CSS_SELECTOR, ".bzc-reset").click()
    assert widget.user_messages() == [] and len(widget.bot_messages()) == 1
    assert widget.session_id() != old
    widget.wait_connected()
    assert widget.say("안녕하세요")


def test_typing_indicator_shows_while_the_bot_answers(widget: WidgetPage) -> None:
    widget.open()
    widget.browser.execute_script("""
        window.__typingShown = false;
        new MutationObserver(() => {
            if (document.querySelector('.bzc-log .bzc-typing:not([hidden])')) {
                window.__typingShown = true;
            }
        }).observe(document.querySelector('.bzc-log'),
                   {subtree: true, childList: true, attributes: true});
    """)
    widget.say(PROGRAM_QUESTION)
    assert widget.browser.execute_script("return window.__typingShown") is True
    assert not widget.typing_visible()


def test_widget_fits_a_phone_screen(mobile_browser: WebDriver, stack: Stack) -> None:
    widget = WidgetPage(mobile_browser, stack)
    widget.open()
    width = mobile_browser.execute_script("return window.innerWidth")
    assert width == 390
    panel = mobile_browser.find_element(By.CSS_SELECTOR, ".bzc-panel").rect
    assert panel["x"] == 0 and panel["width"] == width  # the open chat takes the screen
    target, _ = _program(stack, "youth-job-academy")
    assert any(target in r for r in widget.say(PROGRAM_QUESTION))
    scroll_width = mobile_browser.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )
    assert scroll_width <= width, "no horizontal scrolling"
    field = widget.input.rect
    assert field["x"] >= 0 and field["x"] + field["width"] <= width
    assert field["y"] + field["height"] <= mobile_browser.execute_script(
        "return window.innerHeight"
    )
    _screenshot(mobile_browser, "widget-mobile.png")
