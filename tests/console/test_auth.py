"""Staff accounts, sessions stored hashed, CSRF tokens, and the login rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.console import auth
from bot.console.models import StaffSession
from bot.db.models import FailedAttempt
from bot.db.session import session_scope
from tests.console.conftest import NOW, PASSWORD
from tests.support.booking import call


def test_accounts_need_a_valid_name_role_and_long_password(console_db: str) -> None:
    call(auth.add_staff, username="Kim.Agent", password=PASSWORD, role="agent", now=NOW)
    assert call(auth.list_staff) == [("kim.agent", "agent", True)]
    for kwargs in (
        {"username": "kim.agent"},
        {"username": "x"},
        {"username": "김상담"},
        {"role": "owner"},
        {"password": "short"},
    ):
        args = {"username": "new", "password": PASSWORD, "role": "agent", **kwargs}
        with pytest.raises(auth.AuthError):
            call(auth.add_staff, now=NOW, **args)


def test_login_opens_a_session_whose_token_is_stored_only_hashed(staff: dict) -> None:
    done = call(auth.login, username="KIM", password=PASSWORD, ip="10.0.0.1", now=NOW)
    assert done.staff.username == "kim" and len(done.token) >= 40
    with session_scope() as session:
        [row] = session.execute(select(StaffSession)).scalars()
        assert row.token_hash != done.token and done.token not in row.token_hash
    assert call(auth.authenticate, token=done.token, kind="browser", now=NOW) == done.staff
    assert (
        call(auth.authenticate, token=done.token, kind="api", now=NOW) is None
    )  # not a bearer token
    assert call(auth.authenticate, token="forged", kind="browser", now=NOW) is None


def test_sessions_end_when_idle_at_the_latest_after_a_day_and_on_logout(staff: dict) -> None:
    token = call(auth.login, username="kim", password=PASSWORD, ip="ip", now=NOW).token
    assert call(
        auth.authenticate, token=token, kind="browser", now=NOW + timedelta(hours=1, minutes=50)
    )
    assert call(
        auth.authenticate, token=token, kind="browser", now=NOW + timedelta(hours=3, minutes=40)
    )
    assert (
        call(auth.authenticate, token=token, kind="browser", now=NOW + timedelta(hours=6)) is None
    )

    busy = call(auth.login, username="kim", password=PASSWORD, ip="ip", now=NOW).token
    for hour in range(1, 12):
        assert call(auth.authenticate, token=busy, kind="browser", now=NOW + timedelta(hours=hour))
    assert (
        call(auth.authenticate, token=busy, kind="browser", now=NOW + timedelta(hours=12)) is None
    )

    gone = call(auth.login, username="kim", password=PASSWORD, ip="ip", now=NOW).token
    call(auth.logout, token=gone)
    assert call(auth.authenticate, token=gone, kind="browser", now=NOW) is None


def test_wrong_unknown_and_disabled_accounts_get_the_same_refusal(staff: dict) -> None:
    messages = set()
    for username, password in (("kim", "wrong password"), ("nobody", PASSWORD)):
        with pytest.raises(auth.LoginFailed) as failed:
            call(auth.login, username=username, password=password, ip="ip", now=NOW)
        messages.add(str(failed.value))
    token = call(auth.login, username="lee", password=PASSWORD, ip="ip", now=NOW).token
    call(auth.set_active, username="lee", active=False)
    assert call(auth.authenticate, token=token, kind="browser", now=NOW) is None  # sessions ended
    with pytest.raises(auth.LoginFailed) as failed:
        call(auth.login, username="lee", password=PASSWORD, ip="ip", now=NOW)
    messages.add(str(failed.value))
    assert len(messages) == 1


def test_five_failures_from_one_address_block_that_account_there_only(staff: dict) -> None:
    for i in range(auth.MAX_FAILURES_PER_USER):
        with pytest.raises(auth.LoginFailed):
            call(
                auth.login,
                username="kim",
                password="guess",
                ip="10.0.0.66",
                now=NOW + timedelta(minutes=i),
            )
    with pytest.raises(auth.LoginBlocked) as blocked:
        call(
            auth.login,
            username="kim",
            password=PASSWORD,
            ip="10.0.0.66",
            now=NOW + timedelta(minutes=5),
        )
    assert blocked.value.retry_after == timedelta(minutes=10)  # first failure leaves at 15'
    later = NOW + timedelta(minutes=15, seconds=1)  # the oldest failure has left the window
    assert call(auth.login, username="kim", password=PASSWORD, ip="10.0.0.66", now=later).token


def test_strangers_failing_elsewhere_slow_the_owner_down_but_never_lock_them_out(
    staff: dict,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waited: list[float] = []
    monkeypatch.setattr(auth.time, "sleep", waited.append)
    for i in range(auth.MAX_FAILURES_PER_USER + 1):
        with pytest.raises(auth.LoginFailed):
            call(
                auth.login,
                username="kim",
                password="guess",
                ip=f"10.0.0.{i}",
                now=NOW + timedelta(minutes=i),
            )
    assert waited == [1.0]  # the sixth try waited: five failures on the account already
    token = call(
        auth.login, username="kim", password=PASSWORD, ip="10.9.9.9", now=NOW + timedelta(minutes=7)
    ).token
    assert token and waited == [1.0, 2.0]


def test_one_address_guessing_many_names_is_blocked(staff: dict) -> None:
    for i in range(auth.MAX_FAILURES_PER_IP):
        with pytest.raises(auth.LoginFailed):
            call(auth.login, username=f"user{i}", password="guess", ip="203.0.113.7", now=NOW)
    with pytest.raises(auth.LoginBlocked):
        call(auth.login, username="kim", password=PASSWORD, ip="203.0.113.7", now=NOW)
    assert call(auth.login, username="kim", password=PASSWORD, ip="198.51.100.1", now=NOW).token
    with session_scope() as session:
        kinds = session.execute(select(FailedAttempt.kind)).scalars().all()
        assert kinds.count("login_ip") == auth.MAX_FAILURES_PER_IP
        keys = " ".join(session.execute(select(FailedAttempt.key)).scalars())
        assert "203.0.113.7" not in keys and "user0" not in keys  # stored as digests


def test_csrf_token_belongs_to_one_session() -> None:
    first, second = "session-token-one", "session-token-two"
    assert auth.csrf_ok(first, auth.csrf_token(first))
    assert not auth.csrf_ok(first, auth.csrf_token(second))
    assert not auth.csrf_ok(first, None) and not auth.csrf_ok(first, "")
    assert auth.csrf_token(first) != first


def test_api_tokens_are_bearer_only_and_expire(staff: dict) -> None:
    token = call(auth.issue_api_token, username="park", days=30, now=NOW)
    assert (
        call(auth.authenticate, token=token, kind="api", now=NOW + timedelta(days=29)).role
        == "admin"
    )
    assert call(auth.authenticate, token=token, kind="browser", now=NOW) is None
    assert call(auth.authenticate, token=token, kind="api", now=NOW + timedelta(days=30)) is None


def test_new_password_ends_every_session(staff: dict) -> None:
    token = call(auth.login, username="kim", password=PASSWORD, ip="ip", now=NOW).token
    call(auth.set_password, username="kim", password="a brand new passphrase")
    assert call(auth.authenticate, token=token, kind="browser", now=NOW) is None
    with pytest.raises(auth.LoginFailed):
        call(auth.login, username="kim", password=PASSWORD, ip="ip", now=NOW)
    assert call(auth.login, username="kim", password="a brand new passphrase", ip="ip", now=NOW)


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("aaaaaaaaaa", "같은 글자"),
        ("kim.seoul-2026", "사용자 이름"),
        ("1234567890", "순서대로"),
        ("qwertyuiop", "순서대로"),
        ("password12", "널리 쓰이는"),
        ("abcabcabcabc", "되풀이"),
        ("iloveyou!!", "널리 쓰이는"),
    ],
)
def test_easily_guessed_passwords_are_refused(console_db: str, password: str, why: str) -> None:
    with pytest.raises(auth.AuthError) as refused:
        call(auth.add_staff, username="kim.seoul", password=password, role="agent", now=NOW)
    assert why in str(refused.value)
    assert (
        call(
            auth.add_staff,
            username="kim.seoul",
            password="봄날 한강 자전거 2026",
            role="agent",
            now=NOW,
        ).username
        == "kim.seoul"
    )
