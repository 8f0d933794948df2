"""A background round in the web app that ends handoffs nobody took in time.

``action_handoff`` pauses the bot until an agent answers. Outside office hours, or when
every agent is busy, that could leave a user with a silent chat for hours; after
``BIZCALL_HANDOFF_WAIT_MINUTES`` the bot takes the conversation back and says so
(``ops.expire_unanswered``). The round runs in the web app because that is the process
that already talks to Rasa's HTTP API for the console; with several web processes each
runs it, and the conditional update in ``expire_waiting`` lets exactly one close a row.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any, Final

from sanic import Sanic

from bot.web.console import ops
from bot.web.console.security import app_config

logger = logging.getLogger(__name__)

EVERY_SECONDS: Final = 30.0
"""How often the queue is checked: a user waits at most this much past the limit."""


async def sweep_forever(app: Sanic, wait: timedelta, every: float = EVERY_SECONDS) -> None:
    """Expire unanswered handoffs now and then every ``every`` seconds, until cancelled."""
    while True:
        try:
            done = await ops.expire_unanswered(app_config(app), wait=wait)
            if done:
                logger.info("gave %d unanswered handoff(s) back to the bot", len(done))
        except Exception:  # a bad round (database down) must not end the loop
            logger.exception("could not expire unanswered handoffs")
        await asyncio.sleep(every)


def install(app: Sanic, wait_minutes: int, every: float = EVERY_SECONDS) -> None:
    """Run ``sweep_forever`` while ``app`` serves; nothing when ``wait_minutes`` is 0."""
    if wait_minutes <= 0:
        return
    wait = timedelta(minutes=wait_minutes)

    async def start(app: Sanic, _loop: Any) -> None:
        app.ctx.handoff_expiry = asyncio.get_running_loop().create_task(
            sweep_forever(app, wait, every)
        )

    async def stop(app: Sanic, _loop: Any) -> None:
        task = getattr(app.ctx, "handoff_expiry", None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app.register_listener(start, "after_server_start")
    app.register_listener(stop, "before_server_stop")
