"""The Kakao mailbox: per process, and shared by replicas through a real Redis server."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.kakao.mailbox import KEEP_SECONDS, MemoryMailbox, RedisMailbox, mailbox_for
from bot.scaled import servers
from tests.support.net import free_port

REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(REDIS).exists():
        if os.environ.get("BIZCALL_REQUIRE_SERVICES"):
            pytest.fail("redis-server missing although make test-services ran")
        pytest.skip("Redis is not installed (make test-services installs it)")
    port = free_port()
    spec, url = servers.redis_spec(tmp_path_factory.mktemp("redis"), port)  # as run-scaled
    proc = subprocess.Popen(spec.args, stdout=subprocess.DEVNULL)
    import redis

    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_memory_mailbox_keeps_order_and_forgets_the_oldest_sender() -> None:
    box = MemoryMailbox(size=2)
    box.append("a", [{"text": "1"}])
    box.append("a", [{"text": "2"}])
    box.append("b", [{"text": "x"}])
    box.append("c", [{"text": "y"}])  # "a" is the least recently used: forgotten
    assert box.get("a") is None
    assert box.pop("b") == [{"text": "x"}]
    assert box.pop("b") is None
    assert box.get("c") == [{"text": "y"}]


def test_a_message_left_on_one_replica_is_collected_on_the_other(redis_url: str) -> None:
    left, right = RedisMailbox(redis_url), RedisMailbox(redis_url)
    left.append(
        "kakao-user-1",
        [{"text": "상담원입니다. 확인해 보겠습니다.", "metadata": {"agent": "김상담"}}],
    )
    left.append("kakao-user-1", [{"text": "두 번째 메시지"}])
    assert right.get("kakao-user-1") == [
        {"text": "상담원입니다. 확인해 보겠습니다.", "metadata": {"agent": "김상담"}},
        {"text": "두 번째 메시지"},
    ]
    assert right.pop("kakao-user-1") == [
        {"text": "상담원입니다. 확인해 보겠습니다.", "metadata": {"agent": "김상담"}},
        {"text": "두 번째 메시지"},
    ]
    assert left.pop("kakao-user-1") is None  # taken once, never delivered twice


def test_waiting_messages_expire(redis_url: str) -> None:
    import redis

    box = RedisMailbox(redis_url)
    box.append("kakao-user-2", [{"text": "hi"}])
    ttl = redis.Redis.from_url(redis_url).ttl("bizcall:kakao:mailbox:kakao-user-2")
    assert 0 < ttl <= KEEP_SECONDS
    assert box.pop("kakao-user-2") == [{"text": "hi"}]


def test_redis_down_costs_the_waiting_messages_not_the_turn() -> None:
    box = RedisMailbox(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    box.append("kakao-user-3", [{"text": "lost"}])
    assert box.get("kakao-user-3") is None
    assert box.pop("kakao-user-3") is None


def test_the_kind_follows_the_setting(redis_url: str) -> None:
    assert isinstance(mailbox_for(""), MemoryMailbox)
    assert isinstance(mailbox_for(redis_url), RedisMailbox)
