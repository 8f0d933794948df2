"""Where the user is: Seoul's districts and the neighbourhoods people name, places outside
Seoul, the countries a foreign company comes from, and Seoul's universities.

Apart from ``bot.recommend.profile_words`` because a place list grows by itself (a new
neighbourhood, a new country) while the phrase patterns change with the reader's logic.
"""

from __future__ import annotations

import re
from typing import Final

UNIVERSITIES: Final[dict[str, str]] = {
    "건국대": "건국대",
    "건대": "건국대",
    "숙명여대": "숙명여대",
    "숙대": "숙명여대",
    "동국대": "동국대",
    "한양대": "한양대",
    "한성대": "한성대",
    "중앙대": "중앙대",
    "경희대": "경희대",
    "숭실대": "숭실대",
    "연세대": "연세대",
    "연대": "연세대",
    "홍익대": "홍익대",
    "홍대": "홍익대",
    "고려대": "고려대",
    "고대": "고려대",
    "서울대": "서울대",
    "성균관대": "성균관대",
    "서강대": "서강대",
    "이화여대": "이화여대",
    "이대": "이화여대",
    "국민대": "국민대",
    "세종대": "세종대",
    "광운대": "광운대",
    "서울시립대": "서울시립대",
    "시립대": "서울시립대",
    "명지대": "명지대",
    "상명대": "상명대",
    "덕성여대": "덕성여대",
    "동덕여대": "동덕여대",
    "성신여대": "성신여대",
    "삼육대": "삼육대",
    "서울과기대": "서울과학기술대",
    "외대": "한국외대",
    "한국외대": "한국외대",
}
"""Seoul universities as students name them ("홍대", "연대"), to the report's names (the
캠퍼스 CEO and 새싹클래스 participant lists, L721-L722)."""
UNIVERSITY_WORDS: Final = tuple(sorted(UNIVERSITIES, key=len, reverse=True))
UNIVERSITY: Final = re.compile(
    r"(?<![가-힣])(" + "|".join(UNIVERSITY_WORDS) + r")"
    r"(?:학교|학생|\s?\S*\s?(?:\d\s?학년|재학|학부|다니|생))"
)
"""A university the user studies at: its name, then a year, 재학 or 학생 ("연세대 컴공
2학년", "홍대 재학 중"), so "홍대 앞 카페" stays a place."""
DISTRICTS: Final[dict[str, str]] = {
    **{
        gu: gu
        for gu in (
            "종로",
            "중구",
            "용산",
            "성동",
            "광진",
            "동대문",
            "중랑",
            "성북",
            "강북",
            "도봉",
            "노원",
            "은평",
            "서대문",
            "마포",
            "양천",
            "강서",
            "구로",
            "금천",
            "영등포",
            "동작",
            "관악",
            "서초",
            "강남",
            "송파",
            "강동",
        )
    },
    "성수": "성동",
    "창동": "도봉",
    "공덕": "마포",
    "상암": "마포",
    "DMC": "마포",
    "마곡": "강서",
    "가산": "금천",
    "독산": "금천",
    "구로디지털": "구로",
    "G밸리": "구로",
    "홍대": "마포",
    "여의도": "영등포",
    "문래": "영등포",
    "을지로": "중구",
    "동대문시장": "중구",
    "성내": "강동",
    "Seongsu": "성동",
    "Gangnam": "강남",
    "Mapo": "마포",
    "Gangseo": "강서",
    "Guro": "구로",
    "Geumcheon": "금천",
    "Jongno": "종로",
    "Yeouido": "영등포",
    "Magok": "강서",
}
PLACES: Final = tuple(
    (re.compile(re.escape(word) + r"\w*", re.I if word.isascii() else 0), gu)
    for word, gu in sorted(DISTRICTS.items(), key=lambda kv: -len(kv[0]))
)
"""Place words, longest first ("구로디지털" before "구로"), compiled once."""
OUTSIDE: Final = re.compile(
    r"부산|대구|인천|광주|대전|울산|세종|경기|수원|성남|판교|고양|"
    r"용인|김포|부천|안양|안산|화성|평택|파주|의정부|남양주|하남|광명|"
    r"시흥|구리|과천|일산|분당|천안|청주|전주|창원|포항|강원|충북|충남|"
    r"전북|전남|경북|경남|제주|Busan|Incheon|Gyeonggi|Pangyo|Gimpo|"
    r"Suwon|Seongnam|Bucheon|Daegu|Daejeon|Jeju"
)
LOCATED_OUTSIDE: Final = re.compile(
    rf"(?:{OUTSIDE.pattern})[\w\s]{{0,14}}?(?:에\s?있|에서\s|소재|에\s?위치|에\s?본사)|"
    rf"(?:based|located|is|are) in (?:{OUTSIDE.pattern})|\(?not (?:in )?Seoul\b|"
    r"서울(이|은|에\s?있는\s?게?)\s?아니|서울\s?밖",
    re.I,
)
"""Where the company is, when that is outside Seoul; a Seoul place named in the same
message is then where it wants to go, not where it is."""
AT: Final = re.compile(r"\w*?\s?(에\s?(있|위치|입주)|에서\s|소재|근처|기반|based)")
"""Words after a place that say the company is there ("성수동 소재", "마포에 있는")."""
TO: Final = re.compile(
    r"\w*?\s?((으로|로)\s?(옮|이전|이사|가고|가려)|(도|지원도)\s?알아|"
    r"(쪽은|은|는)\s?(너무\s?)?멀)"
)
"""Words after a place that say it is elsewhere, where the user might go or will not ("G밸리로
옮길", "마곡 쪽은 너무 멀어서")."""
COUNTRIES: Final = (
    r"japan|germany|france|the us|the u\.s\.|america|china|singapore|india|vietnam|the uk|"
    r"britain|taiwan|israel|the uae|dubai|hong kong|netherlands|sweden|switzerland|canada|"
    r"australia|tokyo|shanghai|beijing|berlin|paris|london|new york|silicon valley"
)
"""Countries and cities a foreign company names as its home ("based in Singapore")."""
ABROAD_HOME: Final = re.compile(
    rf"\bfrom ({COUNTRIES})\b|"
    rf"\b(based|located|headquartered|incorporated|registered) in ({COUNTRIES})\b|"
    rf"\b(company|firm|startup)\b(?! (sells|exports))( [\w-]+){{0,4}} in ({COUNTRIES})\b",
    re.I,
)
"""Words that put the user's company abroad: it would come to Seoul, it is not here yet."""
RESIDENT: Final = re.compile(
    r"\b(living|lived|live|residing|resident|settled)( here)? in (seoul|korea)\b|"
    r"\bregistered (\w+ ){0,3}(here|in (seoul|korea))\b",
    re.I,
)
"""Words of a foreigner who lives and does business in Seoul already ("a game dev from Canada
living in Seoul"): a resident, not an investor to bring in, unless they say they invest."""
