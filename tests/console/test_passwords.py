"""Staff passwords: scrypt with a per-user salt, self-describing, constant-time checks."""

from __future__ import annotations

import pytest

from bot.console import passwords
from bot.console.passwords import hash_password, needs_rehash, verify_password


def test_production_cost_is_32_mib_of_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the conftest lowers the cost for the other tests
    assert 128 * passwords.R * passwords.N == 32 * 1024 * 1024
    assert hash_password("a long passphrase").startswith("scrypt$32768$8$1$")


def test_hash_verifies_only_the_right_password() -> None:
    stored = hash_password("비밀번호는길게-2026")
    assert stored.startswith(f"scrypt${passwords.N}$8$1$")
    assert verify_password("비밀번호는길게-2026", stored)
    assert not verify_password("비밀번호는길게-2025", stored)
    assert "비밀번호" not in stored


def test_same_password_gets_a_different_salt_each_time() -> None:
    assert hash_password("same password") != hash_password("same password")


def test_garbage_and_foreign_hashes_never_verify_nor_raise() -> None:
    for stored in ("", "plain", "pbkdf2$1$2$3$4$5", "scrypt$x$8$1$AAAA$AAAA", "scrypt$1$2"):
        assert not verify_password("anything", stored)


def test_old_parameters_ask_for_a_rehash() -> None:
    assert not needs_rehash(hash_password("x" * 12))
    assert needs_rehash("scrypt$16384$8$1$c2FsdA$a2V5")
