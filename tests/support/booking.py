"""Call the booking and console APIs as the edges do: each call in its own unit of work.

Booking and console functions take the caller's session (bot/booking/, bot/console/);
actions, web handlers and the CLI open it. Tests that exercise one call at a time use these two
helpers instead of repeating the scope around every call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from bot.db import session_scope
from bot.db.uow import run_write_unit

T = TypeVar("T")


def write(fn: Callable[..., T], /, *, url: str | None = None, **kwargs: Any) -> T:
    """``fn(session=…, **kwargs)`` in a write unit, retried on a lost race (``run_write_unit``)."""
    return run_write_unit(lambda session: fn(session=session, **kwargs), url=url)


def call(fn: Callable[..., T], /, *, url: str | None = None, **kwargs: Any) -> T:
    """``fn(session=…, **kwargs)`` in a plain unit of work (``session_scope``)."""
    with session_scope(url) as session:
        return fn(session=session, **kwargs)
