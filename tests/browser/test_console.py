"""The staff console in a real browser, next to a user in the chat widget (issue 6).

One story, two Chromium windows against one running stack: a user asks about a labor
problem in the widget; an agent signs in to the console, finds that inquiry in the queue
(built from the events Rasa stored) and relabels it; the user asks for a person; the
agent takes the conversation, and what the agent types appears in the user's widget over
socket.io, while the bot stays silent; the user's answer appears in the console; the
agent hands back and the bot answers again. Console screenshots are written to
var/screenshots along the way (`make screenshots` refreshes the ones docs/ shows).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from bot.runner import Stack
from bot.settings import ROOT
from tests.browser.conftest import DESKTOP, launch_chromium
from tests.browser.widget_page import WidgetPage
from tests.support.console import add_staff

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "var" / "screenshots"  # `make screenshots` copies them to docs/
PASSWORD = "console test passphrase"
STORY = "직원이 한 달째 안 나오다가 밀린 월급이랑 퇴직금을 달래요"
AGENT_SAYS = "안녕하세요, 서울비즈콜 상담원 김서울입니다. 퇴직금 계산을 함께 확인해 드릴게요."
USER_SAYS = "네 감사합니다. 근무 기간은 2년 3개월이에요"


@pytest.fixture()
def console(stack: Stack) -> Iterator[WebDriver]:
    """A second Chromium: the agent's."""
    add_staff("kim.seoul", PASSWORD, "agent", url=stack.settings.database_url)
    driver = launch_chromium(*DESKTOP)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver: WebDriver, condition: object, timeout: float = 30) -> object:
    # Pages reload themselves (queue) or navigate after a form: an element read mid-way
    # goes stale, which only means "look again".
    return WebDriverWait(
        driver, timeout, poll_frequency=0.2, ignored_exceptions=(StaleElementReferenceException,)
    ).until(condition)


def _shot(driver: WebDriver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / name))


def _text(driver: WebDriver) -> str:
    try:
        return str(driver.find_element(By.TAG_NAME, "main").text)
    except WebDriverException as error:
        # Chromium reports a node replaced mid-read (the page re-rendered or navigated) as
        # "does not belong to the document" rather than as a stale element: look again.
        if "does not belong to the document" in str(error) or isinstance(
            error, StaleElementReferenceException
        ):
            return ""
        raise


def _sign_in(driver: WebDriver, stack: Stack) -> None:
    driver.get(f"{stack.web_url}/console/inquiries")
    _wait(driver, lambda d: "/console/login" in d.current_url)
    driver.find_element(By.ID, "username").send_keys("kim.seoul")
    driver.find_element(By.ID, "password").send_keys(PASSWORD + Keys.ENTER)
    _wait(driver, lambda d: d.current_url.endswith("/console/inquiries"))


def test_agent_relabels_takes_over_talks_live_and_hands_back(
    stack: Stack,
    widget: WidgetPage,
    console: WebDriver,
) -> None:
    # A user describes a labor problem in the widget.
    widget.open()
    widget.wait_connected()
    assert any("노무 분야 전문가 상담" in m for m in widget.say(STORY))
    conversation = widget.session_id()

    # The agent signs in and finds that inquiry in the queue, triaged as the bot did.
    _sign_in(console, stack)
    row_css = f'#inquiries tr[data-conversation="{conversation}"]'
    _wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, row_css) or d.refresh())
    row = console.find_element(By.CSS_SELECTOR, row_css)
    assert STORY in row.text and "전문가 상담" in row.text and "노무" in row.text
    _shot(console, "console-inquiries.png")

    # …and relabels it: the story is about unpaid wages, but say staff file it under law.
    row.find_element(By.CSS_SELECTOR, "td.text a").click()
    _wait(console, lambda d: d.find_elements(By.ID, "relabel"))
    console.find_element(By.CSS_SELECTOR, '#relabel-field option[value="law"]').click()
    console.find_element(By.ID, "relabel-save").click()
    _wait(console, lambda d: "라벨을 고쳤습니다" in _text(d))
    assert "kim.seoul" in console.find_element(By.ID, "label").text
    _shot(console, "console-inquiry.png")

    # The user asks for a person: the conversation joins the handoff queue, first in line.
    assert any("대기 순서는 1번째" in m for m in widget.say("상담원 연결해 주세요"))
    console.get(f"{stack.web_url}/console/handoffs")
    take = (By.CSS_SELECTOR, "#handoff-queue button.take")
    _wait(console, lambda d: d.find_elements(*take))  # the page reloads itself when it arrives
    _shot(console, "console-handoffs.png")
    bot_before = len(widget.bot_messages())
    console.find_element(*take).click()
    _wait(console, lambda d: d.find_elements(By.ID, "agent-text"))
    widget.wait_for_text("상담원이 연결되었습니다")

    # What the agent types appears in the user's widget, live.
    console.find_element(By.ID, "agent-text").send_keys(AGENT_SAYS + Keys.ENTER)
    widget.wait_for_text(AGENT_SAYS, timeout=20)

    # The user answers; the bot stays silent; the agent sees the answer.
    widget.say(USER_SAYS, wait=False)
    _wait(console, lambda d: USER_SAYS in d.find_element(By.ID, "messages").text, 20)
    assert len(widget.bot_messages()) == bot_before + 2  # "connected" and the agent's message
    assert "language" in console.find_element(By.ID, "slots").text
    _shot(console, "console-handoff.png")

    # The agent hands back; the bot says so and answers the next message again.
    console.find_element(By.ID, "release").click()
    _wait(console, lambda d: "대화를 챗봇에게 돌려주었습니다" in _text(d))
    widget.wait_for_text("다시 챗봇이 도와드립니다")
    assert any("서울비즈콜" in m for m in widget.say("안녕하세요"))

    console.get(f"{stack.web_url}/console/dashboard")
    _wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "svg.chart"))
    _shot(console, "console-dashboard.png")
