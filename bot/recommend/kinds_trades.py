"""How kinds of applicant and trades relate: which kinds a kind also counts as (a startup
is an SME) and which trades suit one another (애니메이션 ~ 웹툰, 제조 over 봉제).

Apart from ``bot.recommend.matcher`` so that the tables the matcher and the result cards
share sit by themselves, with the three small functions that read them.
"""

from __future__ import annotations

from typing import Final

from bot.recommend.profile import Profile
from bot.recommend.profile_words import FOREIGN, MANUFACTURING

STARTUP_YEARS: Final = 7
"""A company younger than this is a 창업기업 (중소기업창업 지원법: 창업 후 7년이 지나지 아니한
기업), whether or not it calls itself a startup; a shop or a small maker (소상공인·소공인)
is not read so, since the report's startup programs are for ventures, nor a foreign company,
whose age in Korea says nothing of it."""
IMPLIED: Final[dict[str, tuple[str, ...]]] = {
    "창업기업": ("중소기업",),
    "소상공인·소공인": ("중소기업",),
    "콘텐츠·게임 기업": ("중소기업",),
    "1인 크리에이터": ("시민",),
    "구직자·재직자": ("시민",),
    "구직자": ("구직자·재직자", "시민"),
    "재직자": ("구직자·재직자", "시민"),
    "대학생": ("시민", "구직자·재직자", "구직자"),
    "고등학생": ("시민",),
    "예비창업자": ("시민",),
    "수출기업": ("중소기업",),
}
"""A kind of applicant also counts as these (a startup is an SME). A creator is not a
content company: the report names the two apart ("1인 미디어 창작자 및 기업", "콘텐츠산업
전반 기업 및 창작자", L1174), and its content-company programs are for companies (맞춤형
일자리: "콘텐츠 산업 유망 중소기업들이 양질의 일자리 창출", L1156; 투자 협의회: "100여개사",
L1155); a creator who also runs a studio or production company says so and is read as one."""
PEOPLE: Final = frozenset(
    {"시민", "구직자", "재직자", "구직자·재직자", "대학생", "고등학생", "예비창업자"}
    | {"1인 크리에이터"}
)
"""Kinds that are people, not companies: a program's age limits are theirs."""
WORKERS: Final = frozenset({"구직자", "재직자"})
"""Someone who said only "취업·직장" counts as both until they say which."""
FAMILIES: Final = (
    {"애니메이션", "웹툰", "웹소설", "캐릭터"},
    {"게임", "e스포츠"},
    {"1인 미디어", "미디어콘텐츠", "스마트미디어"},
    {"콘텐츠", "K-콘텐츠", "문화"},
    {"의류 제조", "봉제"},
    {"뷰티", "화장품", "이미용", "뷰티테크"},
    {"AI", "인공지능", "빅데이터", "SW", "IT", "ICT 융복합", "테크"},
)
"""Trades close enough that a program for one suits the others (애니메이션 ~ 웹툰)."""
UMBRELLAS: Final[dict[str, frozenset[str]]] = {
    "제조": MANUFACTURING,
    "B2C 소비재": frozenset({"식품", "뷰티", "화장품", "패션", "주얼리", "수제화", "유통·물류"}),
    "패션": frozenset({"의류 제조", "봉제", "주얼리", "수제화"}),
    "콘텐츠": frozenset(
        {
            "애니메이션",
            "웹툰",
            "웹소설",
            "캐릭터",
            "게임",
            "e스포츠",
            "1인 미디어",
            "미디어콘텐츠",
            "스마트미디어",
            "K-콘텐츠",
            "영상",
        }
    ),
}
"""A broad trade and the trades under it: related to each of them, which are not related to
each other (a B2C program suits a food maker and a beauty brand; a beauty program does not
suit the food maker; a 패션 program suits a 봉제 workshop and a shoemaker, the 도시제조업
programs the report gives to 수제화 do not suit the 봉제 workshop; a game program does not
suit a webtoon studio)."""


def kinds_of(profile: Profile) -> set[str]:
    """The profile's kinds of applicant and every kind they also count as (``IMPLIED``)."""
    kinds = set(profile.kinds)
    if "구직자·재직자" in kinds and not kinds & WORKERS:
        kinds |= WORKERS
    for kind in list(kinds):
        kinds.update(IMPLIED.get(kind, ()))
    if (
        "중소기업" in profile.kinds
        and not profile.kinds & {"소상공인·소공인", FOREIGN}
        and profile.years is not None
        and profile.years < STARTUP_YEARS
    ):
        kinds.add("창업기업")  # "AI 물류 솔루션 만드는 2년차 법인": a startup by law
    return kinds


def trades_of(profile: Profile) -> set[str]:
    """The profile's trades, a broad one dropped when a trade under it is named (봉제공장:
    의류 제조, not every kind of 제조)."""
    named = set(profile.industries)
    return {t for t in named if not UMBRELLAS.get(t, frozenset()) & named}


def related(a: str, b: str) -> bool:
    """Whether a program for trade ``a`` suits trade ``b``: the same, one within the other,
    one family (``FAMILIES``) or an umbrella and a trade under it (``UMBRELLAS``)."""
    return (
        a == b
        or a in b
        or b in a
        or any(a in f and b in f for f in FAMILIES)
        or b in UMBRELLAS.get(a, ())
        or a in UMBRELLAS.get(b, ())
    )
