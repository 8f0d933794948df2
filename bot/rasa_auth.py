"""How this stack's own processes prove themselves to Rasa's HTTP API, with nothing in a URL.

Rasa accepts either ``?token=`` (which lands in access logs, proxy logs and shell history)
or a JWT in the ``Authorization`` header (``--jwt-secret``). bizcall uses only the header:
Rasa runs with ``--jwt-secret`` set from ``BIZCALL_RASA_TOKEN`` inside its own process (so
``ps`` never shows it) and no ``--auth-token``; each caller signs a short-lived admin token
per request. A copied header stops working after ``LIFETIME``; the secret never travels.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

import jwt

from bot import clock

METHOD: Final = "HS256"
LIFETIME: Final = timedelta(minutes=2)
CALLER: Final = "bizcall-web"
"""The user name in the token; Rasa only checks the role ('admin': every conversation)."""


def rasa_jwt_args(secret: str) -> list[str]:
    """``rasa run`` options that make its HTTP API accept tokens signed with ``secret``.

    Joined with ``=`` because ``token_urlsafe`` may start with ``-``, which argparse would
    read as an unknown option.
    """
    return [f"--jwt-secret={secret}", f"--jwt-method={METHOD}"]


def rasa_token(secret: str) -> str:
    """A signed admin token for Rasa's HTTP API, valid for ``LIFETIME`` from now.

    The time is the machine's real clock (``clock.wall_now``), not a pinned demo time:
    Rasa checks the expiry against its own real clock.
    """
    issued = clock.wall_now()
    claims = {
        "user": {"username": CALLER, "role": "admin"},
        "iat": int(issued.timestamp()),
        "exp": int((issued + LIFETIME).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=METHOD)


def rasa_headers(secret: str) -> dict[str, str]:
    """``Authorization`` header for one call to Rasa's HTTP API ({} without a secret)."""
    return {"Authorization": f"Bearer {rasa_token(secret)}"} if secret else {}
