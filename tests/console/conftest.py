"""Console fixtures: a migrated database with catalogue and roster, conversations stored by
Rasa's own (redacting) SQL tracker store, staff accounts, and the web app over ASGI.

Conversations are written through ``RedactingSQLTrackerStore`` — the class the running
Rasa server uses — from real Rasa event objects, so the console reads exactly the rows a
live conversation leaves behind. Rasa itself is replaced by ``FakeRasa`` only for the
HTTP calls the console makes (the browser test uses the real server).
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pytest

from bot import clock
from bot.booking.roster import load_roster, read_roster
from bot.console import auth, handoff, inquiries
from bot.db import session as db_session
from bot.settings import ROOT, load_settings
from tests.support.asgi import AsgiClient, Lifespan, Response
from tests.support.booking import call
from tests.support.console_rasa import parse

if TYPE_CHECKING:
    from bot.web.console.security import ConsoleConfig

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=clock.SEOUL)
_STARTED = time.monotonic()


def conversation_time() -> float:
    """A timestamp shortly before ``NOW`` that still increases between calls.

    The app under test sees ``clock.now() == NOW``; stored conversations must sit before it
    (a dashboard window ends at "now") whatever the real date of the test run is.
    """
    return NOW.timestamp() - 3600 + (time.monotonic() - _STARTED)


PASSWORD = "correct horse battery"


def enqueue(conversation_id: str, **overrides: Any) -> handoff.HandoffRecord:
    """Ask for a person in ``conversation_id``, as ``action_handoff`` does (a unit of its own):
    a request in Korean at ``NOW`` unless ``overrides`` (``reason``, ``language``, ``now``,
    ``url``) say otherwise."""
    usual = {"reason": "requested", "language": "ko", "now": NOW}
    return call(handoff.request_handoff, conversation_id=conversation_id, **usual | overrides)


def relabel(
    inquiry_id: int,
    topic: str,
    field: str | None = None,
    program: str | None = None,
    **overrides: Any,
) -> dict[str, Any] | None:
    """A staff correction of an inquiry's labels, in a unit of work of its own: by ``kim`` at
    ``NOW`` unless ``overrides`` (``by``, ``now``) say otherwise."""
    labels = {"topic": topic, "field": field, "program": program}
    usual = {"by": "kim", "now": NOW}
    return call(inquiries.relabel, inquiry_id=inquiry_id, **labels, **usual | overrides)


def listed(*, url: str | None = None, **filters: Any) -> inquiries.Page:
    """Sync, then list inquiries: the two units of work a console listing runs."""
    call(inquiries.sync, url=url)
    return call(inquiries.list_inquiries, url=url, **filters)


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at 1/32 of the production cost: these tests are about the logic, and
    ``test_passwords`` checks the production parameters."""
    from bot.console import passwords

    monkeypatch.setattr(passwords, "N", 2**10)


@pytest.fixture(scope="session")
def rasa_domain() -> Any:
    """The assistant's domain as Rasa loads it (slots for rebuilding trackers)."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture()
def console_db(loaded_db: str) -> str:
    """Catalogue plus expert roster; console tables empty."""
    with db_session.session_scope(loaded_db) as session:
        load_roster(read_roster(ROOT / "catalog" / "experts.yml"), session=session)
    return loaded_db


def user_turn(text: str, intent: str, *args: Any, **kwargs: Any) -> tuple[str, str, dict[str, Any]]:
    """A user turn for ``store_conversation``: ``text`` and its parse (``parse``'s arguments)."""
    return ("user", text, parse(text, intent, *args, **kwargs))


def labor_question(text: str, confidence: float, law: float) -> list[tuple[Any, ...]]:
    """A labour question and the bot's offer of a labour consultation, for ``store_conversation``.

    The model reads ``text`` as ``consult_labor`` at ``confidence``, ``consult_law`` next at
    ``law``.
    """
    return [
        user_turn(
            text,
            "consult_labor",
            confidence,
            ranking=[("consult_labor", confidence), ("consult_law", law)],
        ),
        ("bot", "노무 분야 전문가 상담이 필요하신 것으로 …", "utter_offer_booking"),
    ]


@pytest.fixture()
def store_conversation(console_db: str, rasa_domain: Any) -> Callable[..., Any]:
    """Save a conversation through Rasa's tracker store; returns an awaitable.

    ``turns`` are ``("user", text, parse)`` (see ``user_turn``), ``("bot", text[, response])``,
    ``("slot", name, value)``, ``("action", name)`` or ``("pause",)``.
    """
    from rasa.shared.core.events import (
        ActionExecuted,
        BotUttered,
        ConversationPaused,
        SlotSet,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.tracker_store import RedactingSQLTrackerStore

    store = RedactingSQLTrackerStore(domain=rasa_domain, host=console_db)
    trackers: dict[str, Any] = {}

    async def save(
        sender: str,
        turns: list[tuple[Any, ...]],
        at: float | None = None,
        channel: str = "socketio",
    ) -> Any:
        tracker = trackers.setdefault(sender, DialogueStateTracker(sender, rasa_domain.slots))
        stamp = at or conversation_time()
        for turn in turns:
            kind = turn[0]
            if kind == "user":
                tracker.update(ActionExecuted("action_listen", timestamp=stamp))
                tracker.update(
                    UserUttered(
                        turn[1],
                        intent=turn[2]["intent"],
                        parse_data=turn[2],
                        input_channel=channel,
                        timestamp=stamp,
                    )
                )
            elif kind == "bot":
                meta = {"utter_action": turn[2]} if len(turn) > 2 else {}
                tracker.update(BotUttered(turn[1], metadata=meta, timestamp=stamp))
            elif kind == "slot":
                tracker.update(SlotSet(turn[1], turn[2], timestamp=stamp))
            elif kind == "action":
                tracker.update(ActionExecuted(turn[1], timestamp=stamp))
            elif kind == "pause":
                tracker.update(ConversationPaused(timestamp=stamp))
            stamp += 0.001
        await store.save(tracker)
        return tracker

    yield save
    store.engine.dispose()


@pytest.fixture()
def staff(console_db: str) -> dict[str, auth.Staff]:
    """An agent ``kim`` and an admin ``park`` (password ``PASSWORD``)."""
    return {
        name: call(auth.add_staff, username=name, password=PASSWORD, role=role, now=NOW)
        for name, role in (("kim", "agent"), ("park", "admin"), ("lee", "agent"))
    }


class FakeRasa:
    """Records what the console asks of Rasa's HTTP API; answers like Rasa would."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Any]] = []
        self.parses: dict[str, dict[str, Any]] = {}
        self.down = False

    def _check(self) -> None:
        from bot.console.rasa import RasaError

        if self.down:
            raise RasaError("Rasa unreachable (test)")

    async def parse(self, text: str) -> dict[str, Any]:
        self._check()
        self.calls.append(("parse", text, None))
        return self.parses.get(text) or parse(text, "out_of_scope", 0.5)

    async def tracker(self, conversation_id: str) -> dict[str, Any]:
        self._check()
        self.calls.append(("tracker", conversation_id, None))
        return {"sender_id": conversation_id, "slots": {"language": "ko"}, "paused": True}

    async def append(self, conversation_id: str, events: list[dict[str, Any]]) -> None:
        self._check()
        self.calls.append(("append", conversation_id, events))

    async def say(self, conversation_id: str, text: str, *, agent: str) -> None:
        await self.append(
            conversation_id, [{"event": "bot", "text": text, "metadata": {"agent": agent}}]
        )

    async def resume(self, conversation_id: str, text: str | None) -> None:
        await self.append(
            conversation_id,
            [
                {"event": "resume"},
                {"event": "action", "name": "action_listen"},
                {"event": "bot", "text": text},
            ],
        )

    def appended(self) -> list[dict[str, Any]]:
        return [e for kind, _, events in self.calls if kind == "append" for e in events]


@pytest.fixture()
def fake_rasa() -> FakeRasa:
    return FakeRasa()


def console_config(database_url: str, rasa: FakeRasa) -> ConsoleConfig:
    """The console's settings (plain HTTP) with Rasa's HTTP API faked by ``rasa``."""
    from bot.web.console.security import ConsoleConfig

    return ConsoleConfig(database_url=database_url, rasa=rasa, secure=False)  # type: ignore[arg-type]


@contextlib.asynccontextmanager
async def serving(
    console_db: str, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Any]:
    """The real web app (``create_app``), started at ``NOW``, with Rasa's HTTP API faked.

    Settings are read from the environment as the app starts, so a test sets any
    ``BIZCALL_*`` variable it needs before entering.
    """
    from sanic import Sanic

    from bot.web.app import create_app

    monkeypatch.setattr(clock, "now", lambda: NOW)
    # Sanic rewrites its protocol class at start-up; in test mode it keeps the original,
    # so a second app in the same process can start (what sanic-testing does).
    monkeypatch.setattr(Sanic, "test_mode", True)
    web = create_app(load_settings(), "http://127.0.0.1:1")
    web.ctx.console_config = console_config(console_db, fake_rasa)
    lifespan = Lifespan(web)
    await lifespan.start()
    try:
        yield web
    finally:
        await lifespan.stop()


@pytest.fixture()
async def app(
    console_db: str, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Any]:
    """The real web app, serving for the length of the test (see ``serving``)."""
    async with serving(console_db, fake_rasa, monkeypatch) as web:
        yield web


@pytest.fixture()
def client(app: Any) -> AsgiClient:
    """A browser on the console (its own cookie jar)."""
    return AsgiClient(app)


LOGIN_CSRF = re.compile(r'name="login_csrf" value="([^"]+)"')
CSRF = re.compile(r'name="csrf-token" content="([^"]*)"')


async def post_login(
    client: AsgiClient, username: str, password: str = PASSWORD, next_page: str | None = None
) -> Response:
    """Fill in and send the sign-in form as a browser does, its double-submit token included."""
    form = await client.get("/console/login")
    token = LOGIN_CSRF.search(form.text)
    assert token, form.text
    fields = {"username": username, "password": password, "login_csrf": token.group(1)}
    if next_page is not None:
        fields["next"] = next_page
    return await client.post("/console/login", form=fields)


async def login(client: AsgiClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the form; returns the session's CSRF token ('' if refused)."""
    done = await post_login(client, username, password, "/console/inquiries")
    if done.status != 302:
        return ""
    page = await client.get("/console/inquiries")
    found = CSRF.search(page.text)
    return found.group(1) if found else ""


@pytest.fixture()
def clients(app: Any) -> Callable[[], AsgiClient]:
    """Fresh browsers (each with its own cookie jar) for multi-user tests."""
    return lambda: AsgiClient(app)
