"""bot/web/channel.py: Rasa's socket.io channel as the widget needs it.

A card reaches the browser as ``{"custom": card}`` (Rasa's own channel raises TypeError on
it), a bot message stays one message, and a session request joins the session's room.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import AsyncMock

import pytest
from rasa.core.channels.channel import UserMessage

from bot.web.channel import WidgetSocketIOInput, WidgetSocketIOOutput, session_id_from

CARD = {"type": "booking", "code": "BZ-7K3Q", "field": "labor", "status": "예약됨"}


class FakeServer:
    """Records what would be emitted."""

    def __init__(self) -> None:
        self.emitted: list[tuple[str, Any, str | None]] = []

    async def emit(
        self, event: str, data: Any = None, room: str | None = None, **kwargs: Any
    ) -> None:
        self.emitted.append((event, data, room))


@pytest.fixture()
def output() -> tuple[WidgetSocketIOOutput, FakeServer]:
    server = FakeServer()
    return WidgetSocketIOOutput(server, "bot_uttered"), server  # type: ignore[arg-type]


async def test_a_card_is_sent_under_custom(output: tuple[WidgetSocketIOOutput, FakeServer]) -> None:
    channel, server = output
    await channel.send_response("s1", {"text": "예약이 완료되었습니다.", "custom": dict(CARD)})
    assert server.emitted == [
        ("bot_uttered", {"text": "예약이 완료되었습니다."}, "s1"),
        ("bot_uttered", {"custom": CARD}, "s1"),
    ]


async def test_text_with_blank_lines_stays_one_message(
    output: tuple[WidgetSocketIOOutput, FakeServer],
) -> None:
    channel, server = output
    await channel.send_text_message("s1", "첫 문단\n\n둘째 문단\n")
    assert server.emitted == [("bot_uttered", {"text": "첫 문단\n\n둘째 문단"}, "s1")]


async def test_buttons_come_with_their_text(
    output: tuple[WidgetSocketIOOutput, FakeServer],
) -> None:
    channel, server = output
    await channel.send_text_with_buttons(
        "s1", "예약할까요?\n\n네 또는 아니요", [{"title": "네, 예약할게요", "payload": "/affirm"}]
    )
    assert server.emitted == [
        (
            "bot_uttered",
            {
                "text": "예약할까요?\n\n네 또는 아니요",
                "quick_replies": [
                    {"content_type": "text", "title": "네, 예약할게요", "payload": "/affirm"}
                ],
            },
            "s1",
        )
    ]


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        ({"session_id": "0123456789abcdef0123456789abcdef"}, True),
        ({"session_id": "web-ab12cd34"}, True),
        ({"session_id": "short"}, False),
        ({"session_id": "../../etc/passwd"}, False),
        ({"session_id": "<script>alert(1)</script>"}, False),
        ({"session_id": 42}, False),
        ({}, False),
        (None, False),
    ],
)
def test_session_ids_are_plain(data: Any, kept: bool) -> None:
    got = session_id_from(data)
    assert (got == data["session_id"]) if kept else (len(got) == 32 and got.isalnum())


async def test_session_request_joins_the_room_and_messages_use_our_output() -> None:
    received: list[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)

    channel = WidgetSocketIOInput(session_persistence=True)
    channel.blueprint(on_new_message)
    sio = channel.sio
    assert sio is not None
    sio.enter_room = AsyncMock()  # type: ignore[method-assign]
    sio.emit = AsyncMock()  # type: ignore[method-assign]
    handlers = sio.handlers["/"]

    await handlers["session_request"]("sid-1", {"session_id": "0123456789abcdef"})
    sio.enter_room.assert_awaited_once_with("sid-1", "0123456789abcdef")
    sio.emit.assert_awaited_once_with("session_confirm", "0123456789abcdef", room="sid-1")

    await handlers["user_uttered"](
        "sid-1", {"message": "안녕하세요", "session_id": "0123456789abcdef"}
    )
    assert received[0].sender_id == "0123456789abcdef"
    assert isinstance(received[0].output_channel, WidgetSocketIOOutput)
    assert isinstance(channel.get_output_channel(), WidgetSocketIOOutput)
