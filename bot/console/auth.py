"""Staff accounts, login sessions, API tokens, CSRF tokens and the login rate limit.

Sessions are random 256-bit tokens; the database keeps only their SHA-256, so a copy of
the table cannot be replayed as a cookie. The CSRF token of a session is an HMAC of the
session token, so it needs no storage, differs per session and cannot be derived from
anything an attacker's page can read. Failed logins are counted in the database — per
username and per client address — so the limits hold across processes and restarts.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.clock import to_kst
from bot.console.models import ROLES, StaffSession, StaffUser
from bot.console.passwords import (
    dummy_hash,
    hash_password,
    needs_rehash,
    verify_password,
    weak_password_reason,
)
from bot.db.session import CommittedOutcome
from bot.ratelimit import Limit, delay_for, record_failure, retry_after
from bot.ratelimit import purge as purge_failures

SESSION_IDLE: Final = timedelta(hours=2)
"""A browser session ends after this long without a request."""
SESSION_MAX: Final = timedelta(hours=12)
"""…and after one working day at most, however active."""
LOGIN_WINDOW: Final = timedelta(minutes=15)
MAX_FAILURES_PER_USER: Final = 5
MAX_FAILURES_PER_IP: Final = 20
"""Higher than per user: an office shares one address, and the per-user limit already
stops guessing at one account."""
USER_SOURCE_LIMIT: Final = Limit("login_user_ip", MAX_FAILURES_PER_USER, LOGIN_WINDOW)
"""Blocks one account from one address: a stranger's failures elsewhere lock nobody out."""
IP_LIMIT: Final = Limit("login_ip", MAX_FAILURES_PER_IP, LOGIN_WINDOW)
USER_LIMIT: Final = Limit(
    "login_user", MAX_FAILURES_PER_USER, LOGIN_WINDOW, cap=timedelta(seconds=10)
)
"""Failures on one account from everywhere: past it each login waits (``delay_for``)."""
MIN_PASSWORD: Final = 10
_USERNAME: Final = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class AuthError(Exception):
    """A staff-account operation was refused; the message says why (in Korean)."""


class LoginFailed(AuthError, CommittedOutcome):
    """Unknown user, wrong password or disabled account — deliberately not told apart.

    A ``CommittedOutcome``: the unit of work commits the counted failure before the
    refusal reaches the caller, or guessing would cost nothing.
    """


class LoginBlocked(AuthError):
    """Too many failed logins; ``retry_after`` says how long to wait."""

    def __init__(self, retry_after: timedelta):
        super().__init__("로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Staff:
    """The signed-in staff member a request acts for."""

    id: int
    username: str
    role: str

    @property
    def is_admin(self) -> bool:
        """Admins may also change bookings and act on another agent's handoff."""
        return self.role == "admin"


@dataclass(frozen=True)
class Login:
    """A new browser session: the raw token goes into the cookie, never into the database."""

    token: str
    staff: Staff


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(session_token: str) -> str:
    """The CSRF token belonging to a session token (stable for the session's life)."""
    return hmac.new(session_token.encode(), b"bizcall-console-csrf", hashlib.sha256).hexdigest()


def csrf_ok(session_token: str, provided: str | None) -> bool:
    """True if ``provided`` is the CSRF token of ``session_token`` (constant-time)."""
    return bool(provided) and hmac.compare_digest(csrf_token(session_token), provided or "")


def check_username(username: str) -> str:
    """The username in lower case, or AuthError if it is not 2–64 of ``a-z 0-9 . _ -``."""
    name = (username or "").strip().lower()
    if not _USERNAME.match(name):
        raise AuthError("사용자 이름은 영문 소문자·숫자·. _ - 로 2~64자여야 합니다.")
    return name


def _check_password(password: str, username: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AuthError(f"비밀번호는 {MIN_PASSWORD}자 이상이어야 합니다.")
    reason = weak_password_reason(password, username)
    if reason:
        raise AuthError(reason)


def add_staff(*, session: Session, username: str, password: str, role: str, now: datetime) -> Staff:
    """Create an account; raises AuthError for a taken name, bad role or short password."""
    name = check_username(username)
    if role not in ROLES:
        raise AuthError(f"역할은 {', '.join(ROLES)} 가운데 하나여야 합니다.")
    _check_password(password, name)
    user = StaffUser(
        username=name,
        password_hash=hash_password(password),
        role=role,
        active=True,
        created_at=to_kst(now),
    )
    try:
        with session.begin_nested():
            session.add(user)
    except IntegrityError as exc:
        raise AuthError(f"이미 있는 사용자 이름입니다: {name}") from exc
    return Staff(id=user.id, username=user.username, role=user.role)


def _user(username: str, *, session: Session) -> StaffUser | None:
    found: StaffUser | None = session.execute(
        select(StaffUser).where(StaffUser.username == check_username(username))
    ).scalar_one_or_none()
    return found


def set_password(*, session: Session, username: str, password: str) -> None:
    """Replace a password and end every session of that account."""
    _check_password(password, username)
    user = _user(username, session=session)
    if user is None:
        raise AuthError(f"없는 사용자입니다: {username}")
    user.password_hash = hash_password(password)
    session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))


def set_active(*, session: Session, username: str, active: bool) -> None:
    """Enable or disable an account; disabling also ends its sessions and API tokens."""
    user = _user(username, session=session)
    if user is None:
        raise AuthError(f"없는 사용자입니다: {username}")
    user.active = active
    if not active:
        session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))


def list_staff(*, session: Session) -> list[tuple[str, str, bool]]:
    """``(username, role, active)`` of every account, by name."""
    rows = session.execute(
        select(StaffUser.username, StaffUser.role, StaffUser.active).order_by(StaffUser.username)
    ).all()
    return [(r.username, r.role, bool(r.active)) for r in rows]


def _new_token(
    user: StaffUser, *, session: Session, kind: str, at: datetime, expires_at: datetime
) -> str:
    """A fresh random token for ``user``, stored only as its digest (a leaked table opens
    no session), valid until ``expires_at``."""
    token = secrets.token_urlsafe(32)
    session.add(
        StaffSession(
            token_hash=_digest(token),
            user_id=user.id,
            kind=kind,
            created_at=at,
            last_seen_at=at,
            expires_at=expires_at,
        )
    )
    return token


def login(*, session: Session, username: str, password: str, ip: str, now: datetime) -> Login:
    """Check a password and open a browser session.

    The limits are checked before the password, so a right guess after too many wrong
    ones is refused too.

    Raises:
        LoginBlocked: too many failures from this address or on this account.
        LoginFailed: a ``CommittedOutcome``, so the unit of work keeps the failure counted.
    """
    at = to_kst(now)
    name = (username or "").strip().lower()[:64]
    buckets = [(USER_SOURCE_LIMIT, f"{name}|{ip[:64]}"), (IP_LIMIT, ip[:64])]
    wait = retry_after(buckets, now=at, session=session)
    if wait is not None:
        raise LoginBlocked(wait)
    delay = delay_for(USER_LIMIT, name, now=at, session=session)
    if delay:  # login runs in a worker thread (``run``): only this request waits
        time.sleep(delay)
    user = session.execute(select(StaffUser).where(StaffUser.username == name)).scalar_one_or_none()
    good = verify_password(password or "", user.password_hash if user else dummy_hash())
    if user is None or not good or not user.active:
        record_failure([*buckets, (USER_LIMIT, name)], now=at, session=session)
        raise LoginFailed("사용자 이름 또는 비밀번호가 맞지 않습니다.")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    token = _new_token(user, kind="browser", at=at, expires_at=at + SESSION_MAX, session=session)
    return Login(token=token, staff=Staff(id=user.id, username=user.username, role=user.role))


def issue_api_token(*, session: Session, username: str, days: int, now: datetime) -> str:
    """A bearer token for scripts calling the JSON API as ``username`` (shown once)."""
    at = to_kst(now)
    user = _user(username, session=session)
    if user is None or not user.active:
        raise AuthError(f"없거나 사용 중지된 사용자입니다: {username}")
    return _new_token(
        user, kind="api", at=at, expires_at=at + timedelta(days=days), session=session
    )


def authenticate(token: str | None, *, session: Session, kind: str, now: datetime) -> Staff | None:
    """The staff member a session cookie (``browser``) or bearer token (``api``) belongs to.

    Expired or idle sessions are deleted on sight; a live one has its idle clock reset.
    """
    if not token or len(token) > 200:
        return None
    at = to_kst(now)
    row = session.execute(
        select(StaffSession).where(
            StaffSession.token_hash == _digest(token), StaffSession.kind == kind
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    idle_out = kind == "browser" and row.last_seen_at + SESSION_IDLE < at
    if row.expires_at <= at or idle_out or not row.user.active:
        session.delete(row)
        return None
    if at - row.last_seen_at > timedelta(minutes=1):  # one write a minute, not per request
        row.last_seen_at = at
    return Staff(id=row.user.id, username=row.user.username, role=row.user.role)


def logout(token: str | None, *, session: Session) -> None:
    """End a browser session (no error if it is already gone)."""
    if token:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(token)))


def purge(*, session: Session, now: datetime) -> None:
    """Delete expired sessions and failed attempts too old to count (``bot.ratelimit``)."""
    at = to_kst(now)
    session.execute(delete(StaffSession).where(StaffSession.expires_at <= at))
    purge_failures(session=session, now=at)
