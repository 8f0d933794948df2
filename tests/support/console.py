"""Console accounts for tests that drive a running stack (end-to-end and browser tests)."""

from __future__ import annotations

from bot import clock
from bot.console import auth
from tests.support.booking import call


def add_staff(username: str, password: str, role: str, *, url: str | None = None) -> auth.Staff:
    """Create a console account as ``bizcall staff add`` does: one unit of work, now."""
    return call(
        auth.add_staff, username=username, password=password, role=role, now=clock.now(), url=url
    )
