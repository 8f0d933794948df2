"""Read what a user types inside the booking forms: yes/no, stop, a channel, a field, a name.

Inside a form every message is taken as text for the slot being asked (``from_text``), so
the NLU intent of "전화" or "010-1234-5678" does not matter. The few control words that
must work at any point — 취소, 그만, 나중에 (leave the form) and 상담원 (ask for a person) —
are recognised here by pattern, with the NLU intent as a second signal, because a form
that cannot be left is the worst failure a booking flow can have.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Final

from bot.booking.channels import CHANNELS
from bot.clock import SEOUL
from bot.fields import FIELD_NAMES, FIELD_NAMES_EN, normalise_field
from bot.text import clean, fold, has_words

_CHANNEL_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "chat": ("채팅", "챗", "메신저", "카톡", "문자", "chat", "chatting", "message", "text"),
    "phone": ("전화", "통화", "폰", "유선", "phone", "phonecall", "callme", "telephone"),
    "video": (
        "화상",
        "비디오",
        "영상",
        "줌",
        "zoom",
        "video",
        "webex",
        "teams",
        "online",
        "videocall",
    ),
    "visit": (
        "방문",
        "대면",
        "직접",
        "찾아",
        "오프라인",
        "만나",
        "visit",
        "inperson",
        "offline",
        "face",
    ),
}


def _any_case(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled to ignore case: the English words may come as "OK" or "Cancel"."""
    return re.compile(pattern, re.IGNORECASE)


_STOP: Final = _any_case(
    r"^(?:(?:예약|상담|신청)\s*)?(?:취소|그만|중단|중지|나중에|다음에|안\s*할래|안\s*할게|됐어|됐습니다|"
    r"필요\s*없|관둘|관둘게|스톱)[가-힣\s.!~ㅠㅜ]*$"
    r"|^(?:cancel|stop|quit|exit|never\s*mind|later|forget\s*it)\b[\w\s.!]*$"
)
_HANDOFF: Final = _any_case(
    r"상담원|상담사\s*(?:연결|바꿔|불러)|사람\s*(?:이랑|하고|과)?\s*(?:연결|통화|얘기|이야기|대화)|"
    r"직원\s*(?:연결|바꿔)|담당자\s*(?:연결|바꿔)|\b(?:agent|human|real person|operator)\b"
)
_YES: Final = _any_case(
    r"^(?:네|넵|넹|예|응|웅|어|좋아요|좋습니다|좋아|맞아요|맞습니다|맞아|그래요|그렇게\s*해\s*주세요|"
    r"확정|예약\s*확정|예약할게요|예약해\s*주세요|진행(?:해\s*주세요|할게요)?|ㅇㅇ|ㅇㅋ|오케이|"
    r"yes|yeah|yep|sure|ok|okay|confirm|correct|please do)(?:[\s,.!~요]|$)"
)
_NO: Final = _any_case(
    r"^(?:아니요|아니오|아뇨|아니|노|ㄴㄴ|싫어요|괜찮아요|괜찮습니다|no|nope|not now|no thanks)"
    r"(?:[\s,.!~요]|$)"
)
_RESTART: Final = _any_case(
    r"^(?:처음부터|다시\s*(?:할게요|입력|작성)|수정|고칠게요|start over|edit)"
)
_NONE: Final = _any_case(
    r"^(?:없(?:어요|습니다|음|다)?|없는데요|안\s*쓸게요|건너뛰기|건너뛸게요|패스|스킵|생략|-|"
    r"none|no|skip|n/?a)[\s.!]*$"
)
_PRE_FOUNDER: Final = _any_case(
    r"예비\s*창업|아직\s*(?:사업자|등록)|사업자\s*(?:등록\s*)?(?:없|전|안)|not\s+registered|pre-?founder"
)
_SLOT_PAYLOAD: Final = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})\s*$")
_DIGIT: Final = re.compile(r"\d")


def intent_of(parse: dict[str, Any] | None) -> tuple[str, float]:
    """The NLU intent name and confidence of a parse (empty name if none)."""
    intent = (parse or {}).get("intent") or {}
    return str(intent.get("name") or ""), float(intent.get("confidence") or 0.0)


def wants_to_stop(text: str, parse: dict[str, Any] | None = None) -> bool:
    """True for "취소", "그만할래요", "나중에 할게요", "cancel": leave the form now."""
    text = clean(text)
    if _STOP.match(text):
        return True
    name, confidence = intent_of(parse)
    return name == "stop" and confidence >= 0.8 and len(text) <= 20


def wants_person(text: str, parse: dict[str, Any] | None = None) -> bool:
    """True for "상담원 연결해 주세요", "사람이랑 얘기할래요", "agent please": ask for a person."""
    text = clean(text)
    if _HANDOFF.search(text):
        return True
    name, confidence = intent_of(parse)
    return name == "human_handoff" and confidence >= 0.9 and not _DIGIT.search(text)


def is_yes(text: str) -> bool:
    """A short agreement: 네, 예약 확정, 좋아요, yes."""
    return bool(_YES.match(clean(text)))


def is_no(text: str) -> bool:
    """A short refusal: 아니요, 괜찮아요, no."""
    return bool(_NO.match(clean(text)))


def wants_restart(text: str) -> bool:
    """True for "처음부터 다시", "수정할게요": fill the booking form again."""
    return bool(_RESTART.match(clean(text)))


def means_none(text: str) -> bool:
    """True for "없어요", "건너뛰기", "skip": an optional value left out."""
    return bool(_NONE.match(clean(text)))


def is_pre_founder(text: str) -> bool:
    """True for "예비창업자라 사업자 없어요": no 사업자등록번호 yet (서울비즈콜 serves them)."""
    return bool(_PRE_FOUNDER.search(clean(text)))


def parse_channel(text: str) -> str | None:
    """The channel code named in ``text`` (전화 → phone, 줌 → video), or None."""
    key = fold(text).replace("상담", " ")  # "전화상담" must not read as 화상
    found = {code for code, words in _CHANNEL_WORDS.items() if any(w in key for w in words)}
    found &= set(CHANNELS)
    return found.pop() if len(found) == 1 else None


def channel_words(code: str) -> set[str]:
    """Every folded everyday word for channel ``code`` (전화, 통화, phone ...)."""
    return {fold(w) for w in _CHANNEL_WORDS.get(code, ())}


def parse_field_choice(text: str, current: str | None) -> str | None:
    """The field chosen: "네" confirms ``current``, a field name or code picks that one."""
    if current and is_yes(text):
        return current
    direct = normalise_field(text)
    if direct:
        return direct
    key = fold(text)
    named = {
        code
        for code, name in FIELD_NAMES.items()
        if fold(name) in key or any(fold(part) in key for part in name.split("·"))
    }
    named |= {
        code
        for code, name in FIELD_NAMES_EN.items()
        if any(len(part) > 2 and fold(part) in key for part in name.split(" & "))
    }
    return named.pop() if len(named) == 1 else None


def parse_slot_payload(text: str) -> datetime | None:
    """A time button's payload ("2026-12-03 14:00") as an aware Asia/Seoul datetime."""
    m = _SLOT_PAYLOAD.match(text or "")
    if not m:
        return None
    try:
        year, month, day, hour, minute = (int(g) for g in m.groups())
        return datetime(year, month, day, hour, minute, tzinfo=SEOUL)
    except ValueError:
        return None


def slot_payload(moment: datetime) -> str:
    """The payload a time button sends back (see ``parse_slot_payload``)."""
    return moment.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M")


def clean_name(text: str, *, max_chars: int) -> str | None:
    """A company or person name: trimmed, with letters, no phone-like digit runs, not too long."""
    text = clean(text)
    if not text or len(text) > max_chars or not has_words(text):
        return None
    if re.search(r"\d{4,}", text) or ("<" in text and ">" in text):
        return None
    return text


def clean_person_name(text: str) -> str | None:
    """A contact name: 2–30 characters of letters (홍길동, Jane Doe), optionally with a title."""
    name = clean_name(text, max_chars=30)
    if name is None or _DIGIT.search(name) or len(name.replace(" ", "")) < 2:
        return None
    return name


def clean_summary(text: str, *, max_chars: int = 200) -> str | None:
    """A one-line summary of the need, cut at a word boundary if long."""
    text = clean(text).replace("\n", " ")
    if not has_words(text) or len(text) < 2:
        return None
    if len(text) > max_chars:
        cut = text[:max_chars].rsplit(" ", 1)[0]
        text = (cut if len(cut) > max_chars // 2 else text[:max_chars]) + "…"
    return text
