"""Bot messages of one turn → one Open Builder skill response (version 2.0), within limits.

Rasa hands a channel a list of messages: texts (some with buttons) and cards as custom
JSON (``program``, ``recommendation``, ``booking``, the same ones the web widget draws).
KakaoTalk takes at most three speech bubbles per answer, 1,000 characters of text per
bubble, cards of 230 characters, ten quick replies; a response over any limit is not shown
at all. So:

* consecutive texts share one ``simpleText`` while they fit; a text over 1,000 characters
  is split at paragraph, line or sentence ends;
* each card becomes a ``textCard`` (``basicCard`` needs a picture, and there is none);
  several cards in a row become one ``carousel`` (at most 10);
* buttons become ``quickReplies`` whose label is the button's title (shortened to the 14
  characters KakaoTalk shows) and whose ``extra`` carries the payload, which comes back
  as ``action.clientExtra`` (``bot.kakao.request``);
* what does not fit in three bubbles is kept (``Reply.rest``) behind a "더 보기" quick reply;
* a request for a person gets Kakao's ``operator`` button when the channel has Kakao's
  상담톡 (setting ``BIZCALL_KAKAO_OPERATOR``); otherwise the console handoff goes on as on
  the web.

Labels are in the language of the messages (Hangul in them: Korean), as in the widget.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from bot.catalog.answers import program_button
from bot.kakao import limits
from bot.kakao.request import MORE

HANDOFF_RESPONSES: Final = frozenset({"utter_handoff_waiting", "utter_handoff_fallback"})
HANGUL: Final = re.compile(r"[\uac00-\ud7a3]")
LABELS: Final = {
    "ko": {
        "target": "지원 대상",
        "schedule": "일정",
        "contact": "문의",
        "reasons": "맞는 이유",
        "check": "확인할 점",
        "apply": "신청 방법",
        "code": "예약번호",
        "field": "분야",
        "channel": "방식",
        "when": "일시",
        "expert": "전문가",
        "status": "상태",
        "booking": "상담 예약 안내",
        "details": "자세히 보기",
        "notices": "공고 확인",
        "more": "더 보기",
        "operator": "상담직원 연결",
        "operator_text": "카카오톡 상담톡으로 상담직원과 바로 이야기하실 수 있습니다.",
        "empty": "메시지를 받았습니다. 상담원의 답변은 다음에 말씀하실 때 함께 전해 드립니다.",
    },
    "en": {
        "target": "Who can apply",
        "schedule": "Schedule",
        "contact": "Contact",
        "reasons": "Why it fits",
        "check": "To check",
        "apply": "How to apply",
        "code": "Booking code",
        "field": "Field",
        "channel": "Channel",
        "when": "Time",
        "expert": "Expert",
        "status": "Status",
        "booking": "Your consultation",
        "details": "Details",
        "notices": "See notices",
        "more": "Show more",
        "operator": "Talk to staff",
        "operator_text": "You can talk to our staff directly in KakaoTalk chat.",
        "empty": "Message received. An agent's reply will come with your next message.",
    },
}
BOOKING_HEADINGS: Final = {
    "예약됨": "상담 예약이 확정되었습니다",
    "변경됨": "상담 예약이 변경되었습니다",
    "취소됨": "상담 예약이 취소되었습니다",
    "완료": "상담이 완료되었습니다",
    "booked": "Your consultation is booked",
    "rescheduled": "Your consultation was rescheduled",
    "cancelled": "Your consultation was cancelled",
    "completed": "Your consultation is completed",
}


@dataclass(frozen=True)
class Options:
    """Per-installation choices (``bot.settings``)."""

    operator: bool = False
    """Offer Kakao's ``operator`` button (the channel has 상담톡) on a request for a person."""
    notices_url: str = ""
    """Where current calls are published: a ``webLink`` button on program cards."""
    block_id: str = ""
    """Open Builder block to send quick replies to (``action: block``); empty: ``message``."""


@dataclass
class Reply:
    """A response, and what did not fit in it (shown by "더 보기")."""

    response: dict[str, Any]
    rest: list[dict[str, Any]] = field(default_factory=list)
    quick_replies: list[dict[str, Any]] = field(default_factory=list)
    offered: dict[str, str] = field(default_factory=dict)
    """messageText → payload of every quick reply and button offered (``bot.web.kakao``)."""


def language_of(messages: Sequence[dict[str, Any]]) -> str:
    """``ko`` when any text or card value holds Hangul, else ``en`` when any has letters."""
    joined = " ".join(str(v) for m in messages for v in _values(m))
    return "ko" if HANGUL.search(joined) or not re.search(r"[A-Za-z]", joined) else "en"


SHOWN_FIELDS: Final = (
    "name",
    "target",
    "schedule",
    "contact",
    "status_label",
    "apply",
    "field_name",
    "channel_name",
    "status",
)
"""Card fields read to tell the language (as the widget does): not ids, dates or sources."""


def _values(message: dict[str, Any]) -> list[Any]:
    custom = message.get("custom")
    shown = [custom.get(k) or "" for k in SHOWN_FIELDS] if isinstance(custom, dict) else []
    return [message.get("text") or "", *shown]


def fit(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut at a sentence or line end if one is near."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    stop = max(cut.rfind("다."), cut.rfind(". "), cut.rfind("\n"))
    kept = cut[: stop + 1] if stop > limit // 2 else cut
    return kept.rstrip() + "…"


def split_text(text: str, limit: int = limits.MAX_TEXT) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, broken at the largest natural gap:
    a blank line, a line end, a sentence end, a space, or (nothing else) anywhere."""
    text = text.strip()
    pieces: list[str] = []
    while len(text) > limit:
        window = text[: limit + 1]
        for gap in ("\n\n", "\n", "다. ", ". ", " "):
            at = window.rfind(gap)
            if at > limit // 3:
                end = at + len(gap.rstrip()) if gap.strip() else at
                break
        else:
            end = limit
        pieces.append(text[:end].strip())
        text = text[end:].strip()
    return [*pieces, text] if text else pieces


def label(title: str) -> str:
    """A button title in the 14 characters KakaoTalk shows: a weekday in brackets or in
    front goes first ("12월 9일(수) 오후 3:00" → "12월 9일 오후 3:00"), then the tail."""
    title = " ".join(title.split())
    if len(title) > limits.MAX_LABEL:
        title = " ".join(re.sub(r"\([^)]*\)", "", title).split())
    if len(title) > limits.MAX_LABEL:
        title = re.sub(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), ", "", title)
    return fit(title, limits.MAX_LABEL)


def quick_reply(title: str, payload: str, options: Options) -> dict[str, Any]:
    """A button as a quick reply: the label shows, the payload travels in ``extra``."""
    reply: dict[str, Any] = {
        "label": label(title),
        "action": "message",
        "messageText": title,
        "extra": {"payload": payload},
    }
    if options.block_id:
        reply.update(action="block", blockId=options.block_id)
    return reply


def _lines(rows: Sequence[tuple[str, Any]]) -> str:
    out = []
    for term, value in rows:
        if isinstance(value, list):
            value = " · ".join(str(v) for v in value if v)
        if value:
            out.append(f"{term}: {value}")
    return "\n".join(out)


def _program_card(card: dict[str, Any], words: dict[str, str], options: Options) -> dict[str, Any]:
    rows = [
        (words["target"], card.get("target")),
        (words["contact"], card.get("contact")),
        (words["schedule"], card.get("schedule")),
    ]
    result: dict[str, Any] = {
        "title": fit(str(card.get("name") or ""), limits.MAX_CARD_TITLE),
        "description": fit(_lines(rows), limits.MAX_CARD_DESCRIPTION),
    }
    if options.notices_url.startswith(("https://", "http://")):
        result["buttons"] = [
            {"label": words["notices"], "action": "webLink", "webLinkUrl": options.notices_url}
        ]
    return result


def _recommendation_card(card: dict[str, Any], words: dict[str, str]) -> dict[str, Any]:
    head = " · ".join(str(p) for p in (card.get("position"), card.get("status_label")) if p)
    rows = [
        (words["reasons"], card.get("reasons")),
        (words["check"], card.get("to_check")),
        (words["apply"], card.get("apply")),
    ]
    description = "\n".join(p for p in (head, _lines(rows)) if p)
    result: dict[str, Any] = {
        "title": fit(str(card.get("name") or ""), limits.MAX_CARD_TITLE),
        "description": fit(description, limits.MAX_CARD_DESCRIPTION),
    }
    if card.get("id") and card.get("name"):
        button = program_button(str(card["id"]), str(card["name"]))
        result["buttons"] = [
            {
                "label": words["details"],
                "action": "message",
                "messageText": button["title"],
                "extra": {"payload": button["payload"]},
            }
        ]
    return result


def _booking_card(card: dict[str, Any], words: dict[str, str]) -> dict[str, Any]:
    rows = [
        (words["code"], card.get("code")),
        (words["field"], card.get("field_name")),
        (words["channel"], card.get("channel_name")),
        (words["when"], card.get("when")),
        (words["expert"], card.get("expert_name")),
        (words["status"], card.get("status")),
    ]
    title = BOOKING_HEADINGS.get(str(card.get("status")), words["booking"])
    return {"title": title, "description": fit(_lines(rows), limits.MAX_CARD_DESCRIPTION)}


def text_card(
    card: dict[str, Any], words: dict[str, str], options: Options
) -> dict[str, Any] | None:
    """A widget card as a Kakao ``textCard`` body, or None for a kind Kakao is not sent."""
    kind = card.get("type")
    if kind == "program":
        return _program_card(card, words, options)
    if kind == "recommendation":
        return _recommendation_card(card, words)
    if kind == "booking":
        return _booking_card(card, words)
    return None


def _add_card(outputs: list[dict[str, Any]], body: dict[str, Any], kind: str) -> None:
    """Append a card: beside a card of the same kind it joins (or starts) a carousel."""
    last = outputs[-1] if outputs else {}
    carousel = last.get("carousel")
    if (
        carousel is not None
        and carousel["_kind"] == kind
        and len(carousel["items"]) < limits.MAX_CAROUSEL_ITEMS
    ):
        carousel["items"].append(body)
    elif last.get("_card") == kind:
        first = last.pop("textCard")
        del last["_card"]
        last["carousel"] = {"type": "textCard", "items": [first, body], "_kind": kind}
    else:
        outputs.append({"textCard": body, "_card": kind})


def _outputs(
    messages: Sequence[dict[str, Any]], words: dict[str, str], options: Options
) -> list[dict[str, Any]]:
    outputs: list[dict[str, Any]] = []
    for message in messages:
        text = str(message.get("text") or "").strip()
        for piece in split_text(text) if text else ():
            last = outputs[-1].get("simpleText") if outputs else None
            joined = f"{last['text']}\n\n{piece}" if last else ""
            if last is not None and len(joined) <= limits.MAX_TEXT:
                last["text"] = joined
            else:
                outputs.append({"simpleText": {"text": piece}})
        if options.operator and message.get("utter_action") in HANDOFF_RESPONSES:
            outputs.append(
                {
                    "textCard": {
                        "description": words["operator_text"],
                        "buttons": [{"label": words["operator"], "action": "operator"}],
                    }
                }
            )
        custom = message.get("custom")
        if not isinstance(custom, dict):
            continue
        body = text_card(custom, words, options)
        if body is not None:
            _add_card(outputs, body, str(custom.get("type")))
    for output in outputs:
        output.pop("_card", None)
        if "carousel" in output:
            output["carousel"].pop("_kind", None)
    return outputs


def _quick_replies(messages: Sequence[dict[str, Any]], options: Options) -> list[dict[str, Any]]:
    seen: set[str] = set()
    replies = []
    for message in messages:
        for button in message.get("buttons") or ():
            title, payload = str(button.get("title") or ""), str(button.get("payload") or "")
            if not title or not payload or payload in seen:
                continue
            seen.add(payload)
            replies.append(quick_reply(title, payload, options))
    return replies


def offered_payloads(response: dict[str, Any]) -> dict[str, str]:
    """The ``messageText`` → payload of everything in ``response`` a user can press."""
    template = response.get("template") or {}
    found: dict[str, str] = {}
    buttons = list(template.get("quickReplies") or ())
    for output in template.get("outputs") or ():
        for body in output.values():
            cards = body.get("items", []) if "items" in body else [body]
            buttons.extend(b for card in cards for b in card.get("buttons") or ())
    for button in buttons:
        payload = (button.get("extra") or {}).get("payload")
        if isinstance(payload, str) and isinstance(button.get("messageText"), str):
            found[button["messageText"]] = payload
    return found


def page(
    outputs: list[dict[str, Any]], replies: list[dict[str, Any]], language: str, options: Options
) -> Reply:
    """The first three ``outputs`` with ``replies``; the others behind a "더 보기" reply."""
    words = LABELS[language]
    shown, rest = outputs[: limits.MAX_OUTPUTS], outputs[limits.MAX_OUTPUTS :]
    if not shown:
        shown = [{"simpleText": {"text": words["empty"]}}]
    quick = list(replies)
    if rest:
        more = {
            "label": words["more"],
            "action": "message",
            "messageText": words["more"],
            "extra": {MORE: True},
        }
        if options.block_id:
            more.update(action="block", blockId=options.block_id)
        quick = [more, *quick[: limits.MAX_QUICK_REPLIES - 1]]
    template: dict[str, Any] = {"outputs": shown}
    if quick:
        template["quickReplies"] = quick[: limits.MAX_QUICK_REPLIES]
    response = {"version": limits.VERSION, "template": template}
    return Reply(
        response=response,
        rest=rest,
        quick_replies=list(replies),
        offered=offered_payloads(response),
    )


def to_reply(messages: Sequence[dict[str, Any]], options: Options | None = None) -> Reply:
    """The Kakao response for one turn's bot messages (Rasa's collected message dicts)."""
    options = options or Options()
    language = language_of(messages)
    outputs = _outputs(messages, LABELS[language], options)
    return page(outputs, _quick_replies(messages, options), language, options)


def to_response(
    messages: Sequence[dict[str, Any]], options: Options | None = None
) -> dict[str, Any]:
    """``to_reply``'s response alone (tests, callbacks)."""
    return to_reply(messages, options).response


def text_response(text: str) -> dict[str, Any]:
    """A response of one short text (edge replies, errors)."""
    return {
        "version": limits.VERSION,
        "template": {"outputs": [{"simpleText": {"text": fit(text, limits.MAX_TEXT)}}]},
    }


def callback_wait(language: str) -> dict[str, Any]:
    """The immediate answer when the real one will come through the callback URL."""
    text = (
        "Let me look that up. The answer will follow in a moment."
        if language == "en"
        else "답변을 준비하고 있습니다. 잠시만 기다려 주세요."
    )
    return {"version": limits.VERSION, "useCallback": True, "data": {"text": text}}
