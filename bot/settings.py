"""Runtime configuration, read from the environment once.

Every knob is an environment variable with a ``BIZCALL_`` prefix so that the
same code runs embedded (SQLite under ``var/``) and at scale (PostgreSQL,
several processes) without code changes.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""Repository root: the folder holding ``domain.yml`` and ``catalog/``."""


@dataclass(frozen=True)
class Settings:
    """Resolved configuration of one bizcall process."""

    database_url: str
    catalog_dir: Path
    var_dir: Path
    host: str
    rasa_port: int
    actions_port: int
    web_port: int
    model_path: Path
    log_level: str
    rasa_token: str = ""
    """Secret that signs calls to Rasa's HTTP API (``bot.rasa_auth``); per run if unset."""
    secure_cookies: bool = False
    """Mark staff console cookies ``Secure`` (set when the console is served over HTTPS)."""
    db_write_seconds: int = 10
    """Longest a booking write waits for the database (locked or unreachable) before the
    turn fails cleanly and says so (``bot.db.uow``); nothing is half-written."""
    handoff_wait_minutes: int = 10
    """How long a request for a person waits for an agent before the bot takes the
    conversation back and says so (0: wait until staff act)."""
    max_message_chars: int = 2000
    """Longest chat message processed; a longer one gets a polite reply and no processing."""
    notices_url: str = ""
    """Where SBA publishes current calls and notices; program answers point there (the
    catalogue's facts are dated, so every answer says where to check what holds now)."""
    staff_hours: str = "09:00-18:00"
    """Daily hours (Asia/Seoul, weekdays that are not public holidays) when agents answer
    handoffs; outside them a request for a person is told so and offered a booking."""


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:  # a clear message beats a traceback deep in a server
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from exc


def _staff_hours(raw: str) -> str:
    from bot.booking.calendar import format_interval, parse_interval

    if not raw:
        return "09:00-18:00"
    try:
        return format_interval(parse_interval(raw))
    except ValueError as exc:
        raise SystemExit(f"BIZCALL_STAFF_HOURS must be HH:MM-HH:MM, got {raw!r}") from exc


def load_settings() -> Settings:
    """Build settings from the current environment (no caching; see ``get_settings``)."""
    var_dir = Path(os.environ.get("BIZCALL_VAR_DIR", ROOT / "var")).resolve()
    default_db = f"sqlite:///{var_dir / 'bizcall.db'}"
    return Settings(
        database_url=os.environ.get("BIZCALL_DATABASE_URL", "").strip() or default_db,
        catalog_dir=Path(os.environ.get("BIZCALL_CATALOG_DIR", ROOT / "catalog")).resolve(),
        var_dir=var_dir,
        host=os.environ.get("BIZCALL_HOST", "127.0.0.1"),
        rasa_port=_int("BIZCALL_RASA_PORT", 5005),
        actions_port=_int("BIZCALL_ACTIONS_PORT", 5055),
        web_port=_int("BIZCALL_WEB_PORT", 8000),
        model_path=Path(os.environ.get("BIZCALL_MODEL", ROOT / "models" / "bizcall.tar.gz")),
        log_level=os.environ.get("BIZCALL_LOG_LEVEL", "INFO").upper(),
        rasa_token=os.environ.get("BIZCALL_RASA_TOKEN", "").strip(),
        secure_cookies=os.environ.get("BIZCALL_SECURE_COOKIES", "").strip().lower()
        in ("1", "true", "yes"),
        db_write_seconds=max(1, _int("BIZCALL_DB_WRITE_SECONDS", 10)),
        handoff_wait_minutes=max(0, _int("BIZCALL_HANDOFF_WAIT_MINUTES", 10)),
        max_message_chars=max(1, _int("BIZCALL_MAX_MESSAGE_CHARS", 2000)),
        notices_url=os.environ.get("BIZCALL_NOTICES_URL", "").strip(),
        staff_hours=_staff_hours(os.environ.get("BIZCALL_STAFF_HOURS", "").strip()),
    )


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings of this process, read on first use and then kept."""
    return load_settings()
