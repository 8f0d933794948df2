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
    jvm_heap_mb: int = 128
    """Java heap for KoNLPy (the search's Okt analyser). 128 MB keeps the action server's JVM
    at about 255 MB resident at full speed (docs/performance.md); a process that also runs
    the optional Komoran tokenizer needs 384."""
    staff_hours: str = "09:00-18:00"
    """Daily hours (Asia/Seoul, weekdays that are not public holidays) when agents answer
    handoffs; outside them a request for a person is told so and offered a booking."""
    kakao_skill_token: str = ""
    """Shared secret Open Builder sends in the ``X-Bizcall-Skill-Token`` header (set in the
    skill's header values); empty: the Kakao webhook takes requests without it."""
    kakao_id_secret: str = ""
    """HMAC key turning Kakao user ids into conversation ids (``bot.kakao.request``); empty:
    a random key kept in ``var/kakao-id.key``."""
    kakao_answer_seconds: float = 3.5
    """How long a Kakao request waits for Rasa before answering "wait" and sending the real
    answer to the callback URL (Open Builder gives a skill 5 seconds)."""
    kakao_callback_hosts: tuple[str, ...] = ("kakao.com", "kakaoi.ai")
    """Hosts (and their subdomains) a Kakao callback URL may point to; anything else is
    never called, so a forged request cannot make the server POST elsewhere."""
    kakao_operator: bool = False
    """The Kakao channel has 상담톡: offer Kakao's ``operator`` button on a request for a person."""
    kakao_block_id: str = ""
    """Open Builder block that quick replies call (``action: block``); empty: ``message``."""
    redis_url: str = ""
    """Redis shared by every Rasa replica (``redis://host:port/db``): Rasa's lock store and
    the socket.io message bus, so a push from the console reaches whichever replica holds
    the user's socket. Empty: one process, in-memory lock store (the embedded default)."""
    rasa_replicas: int = 2
    """Rasa servers the scaled profile starts, on ``rasa_port``, ``rasa_port + 1`` … (the
    embedded profile always runs one)."""
    action_servers: int = 2
    """Action servers the scaled profile starts, on ``actions_port``, ``actions_port + 1`` …"""
    public_port: int = 8080
    """Where nginx serves everything in the scaled profile (chat page, widget, console,
    REST, socket.io, Kakao)."""
    actions_url: str = ""
    """Base URL Rasa calls for actions (``http://nginx:8055``, a Kubernetes Service); empty:
    the one action server on ``actions_port``."""
    actions_proxy_port: int = 8055
    """nginx's internal listener that spreads action calls over the action servers."""
    public_url: str = ""
    """The address browsers use for Rasa (the widget's ``rasaUrl``); empty: Rasa's own
    port. The scaled profile sets it to nginx."""
    local_postgres_port: int = 55432
    """Port of the PostgreSQL cluster ``make run-scaled`` starts when no PostgreSQL
    ``BIZCALL_DATABASE_URL`` is given."""
    local_redis_port: int = 56379
    """Port of the Redis server ``make run-scaled`` starts when no ``BIZCALL_REDIS_URL``
    is given."""
    lock_lifetime_seconds: int = 20
    """How long Rasa's conversation lock lives (``TICKET_LOCK_LIFETIME``): a replica killed
    mid-turn holds its lock this long at most. Longer than the slowest legitimate turn
    (a booking write waits ``db_write_seconds``), far shorter than Rasa's 60 s default."""


def _number(name: str, default: float, kind: type[float], what: str) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError as exc:  # a clear message beats a traceback deep in a server
        raise SystemExit(f"{name} must be {what}, got {raw!r}") from exc


def _int(name: str, default: int) -> int:
    return int(_number(name, default, int, "a whole number"))


def _float(name: str, default: float) -> float:
    return _number(name, default, float, "a number")


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes")


def _hosts(raw: str) -> tuple[str, ...]:
    hosts = tuple(h.strip().lower().lstrip(".") for h in raw.split(",") if h.strip())
    return hosts or ("kakao.com", "kakaoi.ai")


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
        secure_cookies=_flag("BIZCALL_SECURE_COOKIES"),
        db_write_seconds=max(1, _int("BIZCALL_DB_WRITE_SECONDS", 10)),
        handoff_wait_minutes=max(0, _int("BIZCALL_HANDOFF_WAIT_MINUTES", 10)),
        max_message_chars=max(1, _int("BIZCALL_MAX_MESSAGE_CHARS", 2000)),
        notices_url=os.environ.get("BIZCALL_NOTICES_URL", "").strip(),
        staff_hours=_staff_hours(os.environ.get("BIZCALL_STAFF_HOURS", "").strip()),
        jvm_heap_mb=max(64, _int("BIZCALL_JVM_HEAP_MB", 128)),
        kakao_skill_token=os.environ.get("BIZCALL_KAKAO_SKILL_TOKEN", "").strip(),
        kakao_id_secret=os.environ.get("BIZCALL_KAKAO_ID_SECRET", "").strip(),
        kakao_answer_seconds=min(4.0, max(0.0, _float("BIZCALL_KAKAO_ANSWER_SECONDS", 3.5))),
        kakao_callback_hosts=_hosts(os.environ.get("BIZCALL_KAKAO_CALLBACK_HOSTS", "")),
        kakao_operator=_flag("BIZCALL_KAKAO_OPERATOR"),
        kakao_block_id=os.environ.get("BIZCALL_KAKAO_BLOCK_ID", "").strip(),
        redis_url=os.environ.get("BIZCALL_REDIS_URL", "").strip(),
        rasa_replicas=min(16, max(1, _int("BIZCALL_RASA_REPLICAS", 2))),
        action_servers=min(16, max(1, _int("BIZCALL_ACTION_SERVERS", 2))),
        public_port=_int("BIZCALL_PUBLIC_PORT", 8080),
        actions_url=os.environ.get("BIZCALL_ACTIONS_URL", "").strip().rstrip("/"),
        actions_proxy_port=_int("BIZCALL_ACTIONS_PROXY_PORT", 8055),
        public_url=os.environ.get("BIZCALL_PUBLIC_URL", "").strip().rstrip("/"),
        local_postgres_port=_int("BIZCALL_LOCAL_POSTGRES_PORT", 55432),
        local_redis_port=_int("BIZCALL_LOCAL_REDIS_PORT", 56379),
        lock_lifetime_seconds=max(5, _int("BIZCALL_LOCK_LIFETIME_SECONDS", 20)),
    )


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings of this process, read on first use and then kept."""
    return load_settings()
