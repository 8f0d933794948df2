"""What a Kakao i Open Builder skill response may hold, and a checker for it.

Open Builder drops a whole response it cannot draw (the user sees the block's fallback
text), so every response ``bot.kakao.response`` builds is checked here before it is sent,
and every Kakao test checks every response it gets with ``problems``. The numbers are the
ones the skill response documentation ("응답 타입별 JSON 포맷") gives for version 2.0.
"""

from __future__ import annotations

from typing import Any, Final

VERSION: Final = "2.0"
MAX_OUTPUTS: Final = 3
"""Outputs (speech bubbles) in one response."""
MAX_QUICK_REPLIES: Final = 10
MAX_TEXT: Final = 1000
"""Characters of a ``simpleText``; Kakao folds anything over 500 behind "전체보기"."""
MAX_CARD_TITLE: Final = 50
MAX_CARD_DESCRIPTION: Final = 230
"""Characters of a card's description (``basicCard``'s limit; ``textCard`` allows 400 alone,
230 keeps one rule for cards alone and in a carousel)."""
MAX_CARD_BUTTONS: Final = 3
MAX_CAROUSEL_ITEMS: Final = 10
MAX_LABEL: Final = 14
"""Characters of a button or quick reply label that KakaoTalk shows in full."""
MAX_CALLBACK_TEXT: Final = 1000
BUTTON_ACTIONS: Final = frozenset({"webLink", "message", "phone", "block", "share", "operator"})
QUICK_REPLY_ACTIONS: Final = frozenset({"message", "block"})
CARD_TYPES: Final = frozenset({"textCard", "basicCard"})


def _text(value: Any, limit: int, where: str, out: list[str], *, required: bool = True) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str) or (required and not value.strip()):
        out.append(f"{where}: a non-empty string is required")
    elif len(value) > limit:
        out.append(f"{where}: {len(value)} characters, at most {limit}")


NEEDS: Final = {
    "webLink": "webLinkUrl",
    "message": "messageText",
    "phone": "phoneNumber",
    "block": "blockId",
}
"""The field each action cannot do without."""


def _pressable(item: Any, where: str, out: list[str], actions: frozenset[str], kind: str) -> None:
    """A card button or a quick reply: a short label, a known action and what it needs."""
    if not isinstance(item, dict):
        out.append(f"{where}: not an object")
        return
    _text(item.get("label"), MAX_LABEL, f"{where}.label", out)
    action = item.get("action")
    if action not in actions:
        out.append(f"{where}.action: {action!r} is not a {kind} action")
    needed = NEEDS.get(str(action))
    if needed and not isinstance(item.get(needed), str):
        out.append(f"{where}: action {action} needs {needed}")
    if action == "webLink" and not str(item.get("webLinkUrl", "")).startswith(
        ("https://", "http://")
    ):
        out.append(f"{where}.webLinkUrl: not a web address")
    if "extra" in item and not isinstance(item["extra"], dict):
        out.append(f"{where}.extra: must be an object")


def _card(kind: str, card: Any, where: str, out: list[str]) -> None:
    if not isinstance(card, dict):
        out.append(f"{where}: not an object")
        return
    if kind == "basicCard" and not isinstance(card.get("thumbnail"), dict):
        out.append(f"{where}.thumbnail: a basicCard needs one")
    if card.get("title") is None and card.get("description") is None:
        out.append(f"{where}: a card needs a title or a description")
    _text(card.get("title"), MAX_CARD_TITLE, f"{where}.title", out, required=False)
    _text(
        card.get("description"), MAX_CARD_DESCRIPTION, f"{where}.description", out, required=False
    )
    buttons = card.get("buttons", [])
    if not isinstance(buttons, list) or len(buttons) > MAX_CARD_BUTTONS:
        out.append(f"{where}.buttons: at most {MAX_CARD_BUTTONS}")
        return
    for j, button in enumerate(buttons):
        _pressable(button, f"{where}.buttons[{j}]", out, BUTTON_ACTIONS, "button")


def _output(output: Any, where: str, out: list[str]) -> None:
    if not isinstance(output, dict) or len(output) != 1:
        out.append(f"{where}: one component per output")
        return
    [(kind, body)] = output.items()
    if kind == "simpleText":
        _text(
            body.get("text") if isinstance(body, dict) else None,
            MAX_TEXT,
            f"{where}.simpleText.text",
            out,
        )
    elif kind in CARD_TYPES:
        _card(kind, body, f"{where}.{kind}", out)
    elif kind == "carousel":
        if not isinstance(body, dict) or body.get("type") not in CARD_TYPES:
            out.append(f"{where}.carousel.type: one of {sorted(CARD_TYPES)}")
            return
        items = body.get("items")
        if not isinstance(items, list) or not 1 <= len(items) <= MAX_CAROUSEL_ITEMS:
            out.append(f"{where}.carousel.items: 1 to {MAX_CAROUSEL_ITEMS}")
            return
        for j, item in enumerate(items):
            _card(body["type"], item, f"{where}.carousel.items[{j}]", out)
    else:
        out.append(f"{where}: {kind!r} is not a component this skill sends")


def problems(response: Any) -> list[str]:
    """Everything in ``response`` that Open Builder would refuse; empty when it is valid.

    Accepts both shapes a skill sends: a template response and the immediate
    ``useCallback`` answer.
    """
    out: list[str] = []
    if not isinstance(response, dict) or response.get("version") != VERSION:
        return ['version: must be "2.0"']
    if response.get("useCallback") is True:
        data = response.get("data")
        if data is not None:
            _text(
                data.get("text") if isinstance(data, dict) else None,
                MAX_CALLBACK_TEXT,
                "data.text",
                out,
            )
        if "template" in response:
            out.append("template: the immediate callback answer carries none")
        return out
    template = response.get("template")
    if not isinstance(template, dict):
        return ["template: required"]
    outputs = template.get("outputs")
    if not isinstance(outputs, list) or not 1 <= len(outputs) <= MAX_OUTPUTS:
        out.append(f"template.outputs: 1 to {MAX_OUTPUTS}")
    else:
        for i, output in enumerate(outputs):
            _output(output, f"template.outputs[{i}]", out)
    replies = template.get("quickReplies", [])
    if not isinstance(replies, list) or len(replies) > MAX_QUICK_REPLIES:
        out.append(f"template.quickReplies: at most {MAX_QUICK_REPLIES}")
    else:
        for i, reply in enumerate(replies):
            _pressable(
                reply, f"template.quickReplies[{i}]", out, QUICK_REPLY_ACTIONS, "quick reply"
            )
    return out
