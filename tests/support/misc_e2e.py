"""Talking to a running stack's webhooks over plain HTTP, as a channel does, for e2e tests."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any


def post_json(url: str, body: Any, *, timeout: float = 60) -> tuple[int, Any, float]:
    """POST ``body`` to ``url``: bytes as they are (a malformed body), anything else as JSON.

    Returns the status, the decoded reply (``None`` for an empty one) and the seconds it
    took, for an error status too: the tests check both what the edge says and how fast.
    """
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null"), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null"), time.monotonic() - started
