"""Password hashing for staff accounts: scrypt from the standard library, per-user salt.

scrypt is memory-hard (32 MiB per hash at these parameters), so a stolen table costs an
attacker memory as well as time per guess; hashes carry their parameters, so the cost can
be raised later and old hashes still verify (``needs_rehash`` says which to upgrade).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Final

N = 2**15
R = 8
P = 1
SALT_BYTES: Final = 16
KEY_BYTES: Final = 32
_MAXMEM: Final = 64 * 1024 * 1024
_PREFIX: Final = "scrypt"


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=KEY_BYTES
    )


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$key`` for ``password``, with a fresh random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, N, R, P)
    return f"{_PREFIX}${N}${R}${P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """True if ``password`` matches ``stored``; compares in constant time, never raises."""
    try:
        prefix, n, r, p, salt, key = stored.split("$")
        if prefix != _PREFIX:
            return False
        derived = _derive(password, _unb64(salt), int(n), int(r), int(p))
        return hmac.compare_digest(derived, _unb64(key))
    except (ValueError, TypeError):
        return False


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with other parameters than today's."""
    return not stored.startswith(f"{_PREFIX}${N}${R}${P}$")


def dummy_hash() -> str:
    """A hash to verify against for unknown usernames, so that a login takes as long
    whether or not the name exists."""
    return f"{_PREFIX}${N}${R}${P}${_b64(b'0' * SALT_BYTES)}${_b64(b'0' * KEY_BYTES)}"


_COMMON: Final = frozenset(
    """
password passw0rd p@ssw0rd qwerty qwertyuiop asdfghjkl zxcvbnm iloveyou welcome letmein
admin administrator root master monkey dragon sunshine princess football baseball
changeme secret default guest login abc123 trustno1 superman batman starwars
seoul sba bizcall korea hangul sarang saranghae
""".split()
)
_SEQUENCES: Final = (
    "0123456789012",
    "9876543210987",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "1q2w3e4r5t6y7u8i9o0p",
)


def weak_password_reason(password: str, username: str) -> str | None:
    """Why ``password`` is too easy to guess for ``username``, in Korean; None if it is not.

    Long enough is not enough: "aaaaaaaaaa", "1234567890", "password12" and a password
    that contains the user name are the first things a guesser tries.
    """
    lowered = password.lower()
    folded = "".join(ch for ch in lowered if ch.isalnum())
    if len(set(password)) <= 3:
        return "같은 글자를 되풀이한 비밀번호는 쓸 수 없습니다."
    name = username.lower().strip()
    if len(name) >= 3 and (name in lowered or lowered in name):
        return "사용자 이름이 들어간 비밀번호는 쓸 수 없습니다."
    for size in range(1, len(folded) // 2 + 1):  # "abcabcabca", "1212121212"
        if len(folded) >= 2 * size and (folded[:size] * len(folded))[: len(folded)] == folded:
            return "짧은 글자 묶음을 되풀이한 비밀번호는 쓸 수 없습니다."
    if any(folded and folded in seq for seq in _SEQUENCES):
        return "키보드나 숫자 순서대로 이어진 비밀번호는 쓸 수 없습니다."
    stem = folded.rstrip("0123456789!@#$%^&*")
    if (
        stem in _COMMON
        or folded in _COMMON
        or any(folded.startswith(w) and len(w) >= 6 and len(folded) - len(w) <= 4 for w in _COMMON)
    ):
        return "널리 쓰이는 비밀번호는 쓸 수 없습니다."
    return None
