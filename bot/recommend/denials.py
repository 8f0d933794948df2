"""What the user says no to: a condition they lack, selling abroad.

A program the user plainly does not qualify for or does not want is left out, not ranked low
(``matcher._assess``); these are the readings of such denials that need the program's
criteria, where ``profile`` reads the ones that need only the user's words.
"""

from __future__ import annotations

import re
from typing import Final

from bot.recommend.criteria import Eligibility
from bot.recommend.profile import Profile, affirmed
from bot.recommend.profile_words import EXPORTS

ABROAD: Final = re.compile(
    r"해외|수출|바이어|현지|글로벌|global|overseas|abroad|export|international|foreign market",
    re.I,
)
"""Words of selling abroad. A program whose example needs mostly say them (해외 판로, 수출
상담) answers "판로" only for a user who speaks of going abroad: a 반찬 가게 that wants more
online sales asks for 판로 at home."""
_DENIAL: Final = re.compile(
    r"[^.?!\n]{0,12}?(아직\s?)?(없|안\s?(받|했|됐)|아니|못\s?받)|"
    r"[^.?!\n]{0,12}?\b(not|don't have|haven't)\b",
    re.I,
)


_DENIED_BEFORE: Final = re.compile(
    r"\b(don'?t|do not|doesn'?t|does not|no|not|never|without)\b[^.?!]{0,40}$", re.I
)
CONDITION_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "하이서울기업": ("하이서울기업", "하이서울 인증", "hi seoul", "hi-seoul"),
    "규제특례": ("규제특례", "실증특례", "규제 샌드박스", "규제샌드박스", "규제", "regulat"),
}
"""The names a user may give a required condition (by the condition's first words), in Korean
and English: "규제 문제는 딱히 없고요" denies 규제특례(실증특례 등) 승인."""


def denied(text: str, condition: str) -> bool:
    """Whether the user says they lack ``condition``: its first word (하이서울기업) or another
    name of it, then a denial within a few words ("인증은 아직 없어요"), or an English denial
    before it ("we don't have any certifications like Hi Seoul")."""
    word = condition.split()[0]
    names = next((n for key, n in CONDITION_NAMES.items() if condition.startswith(key)), (word,))
    lowered = text.lower()
    for name in names:
        at = lowered.find(name.lower())
        if at >= 0 and (
            _DENIAL.match(text, at + len(name)) or _DENIED_BEFORE.search(text[max(0, at - 60) : at])
        ):
            return True
    return False


def abroad_program(crit: Eligibility) -> bool:
    """Whether most of the program's example needs are about selling abroad (``ABROAD``)."""
    return 2 * sum(bool(ABROAD.search(need)) for need in crit.needs) > len(crit.needs)


def wants_abroad(profile: Profile) -> bool:
    """Whether the user exports or speaks of markets abroad (and has not denied it)."""
    return bool(profile.exports) or (profile.exports is None and bool(ABROAD.search(profile.text)))


def denies_abroad(profile: Profile) -> bool:
    """Whether the user says no to selling abroad ("해외 판매는 생각 없어요"), not only that
    they sell at home now ("지금은 국내에만 납품합니다. 내년에 미국 진출하려고")."""
    return (
        profile.exports is False
        and EXPORTS.search(profile.text) is not None
        and affirmed(EXPORTS, profile.text) is None
    )
