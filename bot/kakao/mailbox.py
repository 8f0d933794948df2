"""Where messages for a Kakao user wait until the user writes again.

A Kakao skill cannot message a user first: an agent's reply from the console, or an
answer that outlasted Open Builder's 5 seconds without a callback, waits here and goes
out with the user's next message.

Two kinds, one interface (``get``, ``put``, ``append``, ``pop``):

* ``MemoryMailbox`` (the embedded profile): per process, for the most recent users.
* ``RedisMailbox`` (with ``BIZCALL_REDIS_URL``, the scaled profile): shared by every
  replica. nginx sends a Kakao user's requests to the replica its Kakao id hashes to, but
  an agent's message arrives through ``/conversations/<conversation id>/``, which may
  hash to the other one; only a shared mailbox lets the message meet its user.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from typing import Any, Final, Generic, Protocol, TypeVar

import redis

logger = logging.getLogger(__name__)

Message = dict[str, Any]
REMEMBERED_USERS: Final = 10_000
KEEP_SECONDS: Final = 7 * 24 * 3600
"""How long a waiting message is kept in Redis for a user who does not come back."""


class Mailbox(Protocol):
    """Messages waiting per Kakao conversation."""

    def get(self, sender: str) -> list[Message] | None:
        """What waits for ``sender`` (kept)."""

    def append(self, sender: str, messages: list[Message]) -> None:
        """Add ``messages`` after what already waits."""

    def pop(self, sender: str) -> list[Message] | None:
        """Take everything that waits for ``sender``."""


V = TypeVar("V")


class Recent(Generic[V]):
    """A dict that forgets its least recently used senders past ``size``: memory per
    process stays bounded however many users come and never return."""

    def __init__(self, size: int = REMEMBERED_USERS) -> None:
        """Empty, for at most ``size`` senders."""
        self._items: OrderedDict[str, V] = OrderedDict()
        self._size = size

    def put(self, key: str, value: V) -> None:
        """Keep ``value`` for ``key`` as the most recent."""
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def get(self, key: str) -> V | None:
        """The value of ``key``, if still remembered."""
        return self._items.get(key)

    def pop(self, key: str) -> V | None:
        """Take the value of ``key``."""
        return self._items.pop(key, None)


class MemoryMailbox(Recent[list[Message]]):
    """Per process; forgets the least recently used senders past ``size``."""

    def append(self, sender: str, messages: list[Message]) -> None:
        """Add ``messages`` after what already waits."""
        self.put(sender, [*(self.get(sender) or []), *messages])


class RedisMailbox:
    """Shared by every replica through Redis: one list per sender, JSON per message.

    Redis being down costs the waiting messages, never the turn: errors are logged and
    the mailbox answers "empty" (the messages themselves are in the conversation's stored
    events, where the console shows them).
    """

    def __init__(self, url: str, prefix: str = "bizcall:kakao:mailbox:") -> None:
        """Connect lazily to ``url`` (``redis://host:port/db``)."""
        self._redis = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self._prefix = prefix

    def _key(self, sender: str) -> str:
        return self._prefix + sender

    def get(self, sender: str) -> list[Message] | None:
        """What waits for ``sender`` (kept)."""
        try:
            raw = self._redis.lrange(self._key(sender), 0, -1)
        except redis.RedisError as exc:
            logger.warning("Kakao mailbox unavailable: %s", exc)
            return None
        return [json.loads(item) for item in raw] or None

    def append(self, sender: str, messages: list[Message]) -> None:
        """Add ``messages`` after what already waits (kept ``KEEP_SECONDS``)."""
        if not messages:
            return
        key = self._key(sender)
        try:
            with self._redis.pipeline() as pipe:
                pipe.rpush(key, *(json.dumps(m, ensure_ascii=False) for m in messages))
                pipe.expire(key, KEEP_SECONDS)
                pipe.execute()
        except redis.RedisError as exc:
            logger.warning(
                "Kakao mailbox unavailable, %d message(s) not kept: %s", len(messages), exc
            )

    def pop(self, sender: str) -> list[Message] | None:
        """Take everything that waits for ``sender``, atomically (two replicas never both)."""
        key = self._key(sender)
        try:
            with self._redis.pipeline() as pipe:  # MULTI/EXEC: read and delete as one
                pipe.lrange(key, 0, -1)
                pipe.delete(key)
                raw, _ = pipe.execute()
        except redis.RedisError as exc:
            logger.warning("Kakao mailbox unavailable: %s", exc)
            return None
        return [json.loads(item) for item in raw] or None


def mailbox_for(redis_url: str) -> Mailbox:
    """The shared mailbox when Redis is configured, else the per-process one."""
    return RedisMailbox(redis_url) if redis_url else MemoryMailbox()
