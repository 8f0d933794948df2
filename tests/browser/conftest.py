"""Browser tests: Debian's headless Chromium, driven by Selenium, against a running stack.

Nothing is downloaded at test time: the browser and its driver are the Debian packages
``chromium`` and ``chromium-driver`` (``scripts/test-services.sh`` installs them, and
``make test`` runs that first). Without them these tests fail and say so; they are part of
the suite, not optional extras.

Fixtures (the names are stable; other browser test modules use them):

``stack`` (module scope)
    One running bizcall stack — action server, Rasa with the trained model, web app — on
    free ports over a fresh SQLite database holding the catalogue and the expert roster
    (``tests.support.stack``). Rasa takes ~20 s to load, so each module shares one.
    ``stack.web_url`` is the web app, ``stack.rasa_url`` Rasa.
``browser`` (function scope)
    A fresh headless Chromium (empty profile: no localStorage) with a 1280x900 viewport.
``mobile_browser`` (function scope)
    The same at a phone's 390x844, with mobile viewport handling.
``widget`` (function scope)
    A :class:`tests.browser.widget_page.WidgetPage` on ``browser`` for ``stack``:
    ``open()``, ``say(text)``, ``click_button(title)``, ``wait_for_text(text)``,
    ``bot_messages()``, ``user_messages()``, ``buttons()``, ``cards()``, ``reload()``.
    For the phone size build one: ``WidgetPage(mobile_browser, stack)``.

Mark test modules with ``pytestmark = pytest.mark.browser``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

from bot.runner import Stack
from tests.browser.widget_page import WidgetPage

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DESKTOP = (1280, 900)
MOBILE = (390, 844)


def launch_chromium(width: int, height: int, *, mobile: bool = False) -> WebDriver:
    """Start headless Chromium with a viewport of exactly ``width`` x ``height`` CSS pixels."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(
            f"browser tests need Debian's Chromium; missing {', '.join(missing)}. "
            "Install with `make test-services` (apt-get install chromium chromium-driver).",
            pytrace=False,
        )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",  # the tests run as root in containers and CI
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--lang=ko-KR",
        f"--window-size={width},{height}",
        # Nothing but the stack under test: no update checks, sync or field trials.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    # The window size includes browser chrome; pin the page's viewport itself.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": height,
            "deviceScaleFactor": 1,
            "mobile": mobile,
        },
    )
    return driver


@contextlib.contextmanager
def chromium(width: int, height: int, *, mobile: bool = False) -> Iterator[WebDriver]:
    """``launch_chromium``, quit on exit."""
    driver = launch_chromium(width, height, mobile=mobile)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture()
def stack(day_stack: Stack) -> Stack:
    """The session's Tuesday-morning stack (``tests/conftest.py``), shared with the REST tests."""
    return day_stack


@pytest.fixture()
def browser() -> Iterator[WebDriver]:
    """Headless Chromium, 1280x900, fresh profile."""
    with chromium(*DESKTOP) as driver:
        yield driver


@pytest.fixture()
def mobile_browser() -> Iterator[WebDriver]:
    """Headless Chromium at phone size (390x844), fresh profile."""
    with chromium(*MOBILE, mobile=True) as driver:
        yield driver


@pytest.fixture()
def widget(browser: WebDriver, stack: Stack) -> WidgetPage:
    """The demo page's chat widget in ``browser`` (call ``open()`` first)."""
    return WidgetPage(browser, stack)
