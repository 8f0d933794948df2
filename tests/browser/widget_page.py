"""A page object for the chat widget: what a person does and sees, in a few verbs.

Tests say ``widget.say("청년취업사관학교 …")`` and ``widget.cards()`` instead of CSS
selectors and waits, so a change of markup is fixed here once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from bot.runner import Stack

REPLY_TIMEOUT = 60.0  # a first answer may wait for the action server's first database query
SETTLE = 0.4  # a turn's messages arrive within milliseconds of each other


@dataclass
class Card:
    """A card as the user sees it."""

    type: str
    title: str
    rows: dict[str, str] = field(default_factory=dict)
    code: str = ""
    kicker: str = ""


class WidgetPage:
    """The demo page with the bizcall widget, in one browser, against one stack."""

    def __init__(self, browser: WebDriver, stack: Stack) -> None:
        self.browser = browser
        self.stack = stack

    # ---- navigation ---------------------------------------------------------------------

    def open(self, path: str = "/") -> WidgetPage:
        """Load the demo page and open the chat with its launcher; wait for the greeting."""
        self.browser.get(f"{self.stack.web_url}{path}")
        self._wait_drawn()
        if not self.is_open():
            self.wait(lambda d: self._find(".bzc-launcher").is_displayed())
            self._find(".bzc-launcher").click()
        self.wait(lambda d: self.is_open() and self.bot_messages())
        return self

    def reload(self) -> None:
        """Reload the page and wait until the widget has drawn its history again."""
        self.browser.refresh()
        self._wait_drawn()
        self.wait(lambda d: self.bot_messages())

    def is_open(self) -> bool:
        """Whether the chat panel is shown."""
        panel = self._find(".bzc-panel")
        return panel is not None and panel.is_displayed()

    # ---- acting -------------------------------------------------------------------------

    @property
    def input(self) -> WebElement:
        """The message field."""
        found = self._find(".bzc-input")
        assert found is not None, "the widget has no message field"
        return found

    def type(self, text: str) -> None:
        """Type into the message field without sending."""
        self.input.send_keys(text)

    def say(self, text: str, *, wait: bool = True) -> list[str]:
        """Type ``text`` and press Enter; return the bot's new messages (waits for them)."""
        before = len(self.bot_messages())
        self.input.send_keys(text)
        self.input.send_keys(Keys.ENTER)
        return self.wait_reply(before) if wait else []

    def click_button(self, title: str, *, wait: bool = True) -> list[str]:
        """Click the quick-reply button labelled ``title``; return the bot's new messages."""
        before = len(self.bot_messages())
        buttons = [b for b in self._find_all(".bzc-reply") if b.text.strip() == title]
        assert buttons, f"no button {title!r}; buttons: {self.buttons()}"
        buttons[-1].click()
        return self.wait_reply(before) if wait else []

    # ---- waiting ------------------------------------------------------------------------

    def wait(self, condition: Any, timeout: float = REPLY_TIMEOUT) -> Any:
        """Wait until ``condition(driver)`` is truthy; its value."""
        return WebDriverWait(self.browser, timeout, poll_frequency=0.1).until(condition)

    def wait_reply(self, before: int) -> list[str]:
        """Wait for bot messages after the first ``before`` ones, until they stop coming."""
        self.wait(lambda d: len(self.bot_messages()) > before)
        count = len(self.bot_messages())
        while True:
            time.sleep(SETTLE)
            now = len(self.bot_messages())
            if now == count:
                return self.bot_messages()[before:]
            count = now

    def wait_connected(self, timeout: float = 30) -> None:
        """Wait until Rasa has confirmed the widget's session (replies can reach it)."""
        self.wait(lambda d: self._root_attr("data-connection") == "online", timeout)

    def session_id(self) -> str:
        """The conversation id the widget keeps in localStorage (Rasa's sender id)."""
        return str(
            self.browser.execute_script(
                "return JSON.parse(localStorage.getItem('bizcall:session'));"
            )
        )

    def wait_for_text(self, text: str, timeout: float = REPLY_TIMEOUT) -> None:
        """Wait until ``text`` shows anywhere in the conversation."""
        self.wait(lambda d: text in self.conversation_text(), timeout)

    # ---- reading ------------------------------------------------------------------------

    def bot_messages(self) -> list[str]:
        """Texts of the bot's bubbles, the greeting first."""
        return [e.text for e in self._find_all(".bzc-msg--bot .bzc-msg__text")]

    def user_messages(self) -> list[str]:
        """Texts of the user's bubbles."""
        return [e.text for e in self._find_all(".bzc-msg--user .bzc-msg__text")]

    def buttons(self) -> list[str]:
        """Titles of the quick replies on screen."""
        return [b.text.strip() for b in self._find_all(".bzc-reply")]

    def cards(self) -> list[Card]:
        """Program, booking and recommendation cards, in order."""
        cards = []
        for node in self._find_all(".bzc-card"):
            classes = node.get_attribute("class") or ""
            kind = next(
                (k for k in ("booking", "recommendation") if f"bzc-card--{k}" in classes), "program"
            )
            terms = [e.text for e in node.find_elements(By.CSS_SELECTOR, "dt")]
            values = [e.text for e in node.find_elements(By.CSS_SELECTOR, "dd")]
            codes = node.find_elements(By.CSS_SELECTOR, ".bzc-card__code-value")
            cards.append(
                Card(
                    type=kind,
                    title=node.find_element(By.CSS_SELECTOR, ".bzc-card__title").text,
                    rows=dict(zip(terms, values, strict=True)),
                    code=codes[0].text if codes else "",
                    kicker=node.find_element(By.CSS_SELECTOR, ".bzc-card__kicker").text,
                )
            )
        return cards

    def conversation_text(self) -> str:
        """Everything the conversation shows, as text."""
        log = self._find(".bzc-log")
        return str(log.get_attribute("textContent")) if log is not None else ""

    def typing_visible(self) -> bool:
        """Whether the typing indicator is on screen now."""
        node = self._find(".bzc-typing")
        return node is not None and node.is_displayed()

    # ---- helpers ------------------------------------------------------------------------

    def _wait_drawn(self) -> None:
        # The widget shows itself once its stylesheet has loaded; open or closed is
        # settled by then.
        def drawn(driver: WebDriver) -> bool:
            root = self._find(".bzc-root")
            return root is not None and root.is_displayed()

        self.wait(drawn, timeout=20)

    def _root_attr(self, name: str) -> str | None:
        root = self._find(".bzc-root")
        return root.get_attribute(name) if root is not None else None

    def _find(self, css: str) -> WebElement | None:
        found = self.browser.find_elements(By.CSS_SELECTOR, css)
        return found[0] if found else None

    def _find_all(self, css: str) -> list[WebElement]:
        return self.browser.find_elements(By.CSS_SELECTOR, css)
