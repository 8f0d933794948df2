"""Network helpers for tests that start real servers on loopback."""

from __future__ import annotations

from bot.runner import free_port

__all__ = ["free_port"]
