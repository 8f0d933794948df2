"""A company profile read from what the user wrote: who they are, where, how old the
business is, what trade it is in and what they need. Unknown stays unknown.

Rules, not a model: every value comes from words the user typed, so the matcher's reasons
can quote them back ("성수동에 계셔서", "창업 2년차라서").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from bot.text import clean

_KINDS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (kind, re.compile(pattern, re.I)) for kind, pattern in (
        ("예비창업자", r"예비\s?창업|창업\s?(을\s)?(준비|예정|하려|할까)|아직\s?(창업|사업자)|"
                      r"pre-?founder|planning to (start|found)|before (starting|founding)"),
        ("창업기업", r"스타트업|창업\s?\d+\s?년|창업한\s?지|초기\s?기업|start-?up|founded"),
        ("중소기업", r"중소\s?기업|소기업|법인|"
                    r"(?<!다니던\s)(?<!다니던)(?<!전\s)회사(?!\s?(그만|퇴사|다니|생활|원|에서\s?(일|근무)))|"
                    r"기업|제조|공장|사업체|대표(입니다|예요|이에요|이고|인데)|\bSMEs?\b|company|firm|"
                    r"agency|manufactur"),
        ("소상공인·소공인", r"소상공인|소공인|가게|매장|식당|반찬|카페|공방|봉제|수선|"
                          r"자영업|shop|store|restaurant"),
        ("구직자·재직자", r"취업|구직|취준|일자리\s?(찾|구)|이직|재직|직장인|신입|지망생|교육생|"
                        r"job\s?seeker|looking for (a )?job|employee"),
        ("대학생", r"대학생|대학교\s?\d|학부생|university student|college student"),
        ("1인 크리에이터", r"유튜브|유튜버|크리에이터|1인\s?미디어|스트리머|틱톡|creator|"
                         r"youtuber|streamer"),
        ("콘텐츠·게임 기업", r"게임|애니|웹툰|콘텐츠|영상\s?제작|미디어|캐릭터|"
                           r"animation|game|content|webtoon"),
        ("외국인 투자자·기업", r"외국인|외국\s?(기업|회사|계)|해외\s?본사|외투|"
                             r"foreign|headquarter|subsidiary|branch|parent (company)?|"
                             r"(set up|open|establish|incorporat)\w* .{0,30}(seoul|korea)|"
                             r"invest\w* .{0,20}(seoul|korea)|expand\w* (in)?to (seoul|korea)|"
                             r"family office|sovereign|(venture|private equity) (fund|firm)|"
                             r"(?<![-\w])(japanese|german|french|american|u\.?s\.?|chinese|"
                             r"singapore\w*|indian|vietnamese|british|uk|dutch|swiss|swedish|"
                             r"canadian|australian|taiwanese|israeli|emirati|saudi|"
                             r"middle eastern)(?![-\w])(?=(\s[\w-]+){0,3}\s(company|firm|startup|"
                             r"group|investors?|fund|parent|headquarters|corporation|corp|"
                             r"subsidiary|conglomerate|maker|manufacturer|publisher|brand|bank))|"
                             r"\bfrom (japan|germany|france|the us|the u\.s\.|america|"
                             r"china|singapore|india|vietnam|the uk|britain|taiwan|israel|"
                             r"the uae|dubai)\b"),
        ("대·중견기업", r"대기업|중견\s?기업|large (company|corporation)|conglomerate"),
    ))
FOREIGN: Final = "외국인 투자자·기업"
_KOREAN_OWNED: Final = re.compile(r"\bkorean[- ](company|startup|start-up|founders?|firm|sme|"
                                  r"hardware|owned|team)|we are korean|한국\s?(기업|회사)", re.I)
_GIVES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (give, re.compile(pattern, re.I)) for give, pattern in (
        ("자금", r"자금|지원금|보조금|대출|융자|돈이|비용\s?지원|funding|grant|loan"),
        ("투자", r"투자\s?(유치|받|자)|\bVC\b|벤처캐피|IR|investor|raise (money|funds|capital)"),
        ("공간", r"사무실|공간|입주|작업실|스튜디오|오피스|장비|office|space|studio|desk"),
        ("판로·수출", r"판로|판매|팔고|팔리|매출|수출|해외\s?(진출|시장|바이어)|온라인\s?(판매|몰)|"
                    r"쇼핑몰|스마트스토어|바이어|유통|export|sales|sell|buyer|market"),
        ("교육·인력", r"교육|배우|코딩|강의|훈련|역량|인재\s?양성|training|course|learn|coding"),
        ("R&D", r"R\s?&\s?D|연구\s?개발|기술\s?개발|시제품|실증|테스트베드|research|prototype"),
        ("IP", r"특허|상표|지식\s?재산|디자인권|\bIP\b|patent|trademark"),
        ("인증", r"인증|신뢰도|certif"),
        ("컨설팅", r"컨설팅|자문|상담|규제|디지털\s?전환|클라우드|DX|consult|advice|regulat|cloud"),
        ("행사·전시", r"전시|박람회|행사|대회|페어|쇼케이스|exhibition|fair|trade show"),
        ("네트워킹", r"네트워킹|교류|협업|오픈\s?이노베이션|파트너|networking|partner"),
        ("채용·고용", r"채용|직원\s?(뽑|구)|구인|인력\s?(구|채)|hire|hiring|recruit"),
        ("복지", r"복지|건강|워케이션|welfare|wellbeing"),
    ))
_DISTRICTS: Final[dict[str, str]] = {
    **{gu: gu for gu in ("종로", "중구", "용산", "성동", "광진", "동대문", "중랑", "성북", "강북",
                         "도봉", "노원", "은평", "서대문", "마포", "양천", "강서", "구로", "금천",
                         "영등포", "동작", "관악", "서초", "강남", "송파", "강동")},
    "성수": "성동", "창동": "도봉", "공덕": "마포", "상암": "마포", "DMC": "마포", "마곡": "강서",
    "가산": "금천", "독산": "금천", "구로디지털": "구로", "G밸리": "구로", "홍대": "마포",
    "여의도": "영등포", "문래": "영등포", "을지로": "중구", "동대문시장": "중구", "성내": "강동",
    "Seongsu": "성동", "Gangnam": "강남", "Mapo": "마포", "Gangseo": "강서", "Guro": "구로",
    "Geumcheon": "금천", "Jongno": "종로", "Yeouido": "영등포", "Magok": "강서",
}
_PLACES: Final = tuple(
    (re.compile(re.escape(word) + r"\w*", re.I if word.isascii() else 0), gu)
    for word, gu in sorted(_DISTRICTS.items(), key=lambda kv: -len(kv[0])))
"""Place words, longest first ("구로디지털" before "구로"), compiled once."""
_OUTSIDE: Final = re.compile(r"부산|대구|인천|광주|대전|울산|세종|경기|수원|성남|판교|고양|"
                             r"용인|강원|충북|충남|전북|전남|경북|경남|제주|Busan|Incheon|"
                             r"Gyeonggi|Pangyo")
_LOCATED_OUTSIDE: Final = re.compile(
    rf"(?:{_OUTSIDE.pattern})[\w\s]{{0,14}}?(?:에\s?있|에서\s|소재|에\s?위치|에\s?본사)|"
    r"based in (Busan|Incheon|Gyeonggi|Pangyo)", re.I)
"""Where the company is, when that is outside Seoul; a Seoul place named in the same
message is then where it wants to go, not where it is."""
_INDUSTRY_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "뷰티": ("뷰티", "화장품", "코스메틱", "미용", "네일", "헤어", "beauty", "cosmetic"),
    "패션": ("패션", "의류", "옷", "봉제", "fashion", "apparel", "clothing", "garment"),
    "의류 제조": ("의류 제조", "봉제", "옷 만드", "의류 공장", "garment"),
    "콘텐츠": ("콘텐츠", "영상", "드라마", "방송", "content"),
    "게임": ("게임", "game"), "e스포츠": ("e스포츠", "이스포츠", "esports"),
    "애니메이션": ("애니", "animation"), "웹툰": ("웹툰", "만화", "webtoon", "comic"),
    "1인 미디어": ("유튜브", "크리에이터", "1인 미디어", "creator", "youtube"),
    "식품": ("식품", "반찬", "음식", "베이커리", "food"), "화장품": ("화장품", "cosmetic"),
    "제조": ("제조", "공장", "생산", "가공", "manufactur", "factory"),
    "기계금속": ("기계금속", "금속", "정밀가공", "기계 가공", "기계가공", "기계 부품",
                 "기계부품", "machining", "metal"),
    "인쇄": ("인쇄", "printing"), "주얼리": ("주얼리", "귀금속", "jewel"),
    "수제화": ("수제화", "구두", "shoe"),
    "AI": ("AI", "인공지능", "머신러닝", "딥러닝", "artificial intelligence"),
    "인공지능": ("AI", "인공지능"), "빅데이터": ("빅데이터", "데이터", "big data", "data"),
    "ESG": ("ESG", "친환경", "탄소", "재활용", "업사이클", "eco", "sustainab"),
    "XR": ("XR", "VR", "AR", "메타버스", "metaverse"), "로봇": ("로봇", "robot"),
    "바이오·의료": ("바이오", "의료", "헬스케어", "bio", "medical", "health"),
    "핀테크·블록체인": ("핀테크", "블록체인", "fintech", "blockchain"),
    "SW": ("소프트웨어", "SW", "앱 개발", "software", "SaaS"), "IT": ("IT", "소프트웨어", "앱"),
    "관광": ("관광", "여행", "tour"), "하드웨어": ("하드웨어", "기기", "디바이스", "hardware"),
    "자율주행": ("자율주행", "모빌리티", "autonomous", "mobility"),
    "전기·전자": ("전자", "전기", "반도체", "electronic"),
    "유통·물류": ("유통", "물류", "배송", "logistics"), "프롭테크": ("프롭테크", "부동산 기술"),
}
_YEARS: Final = (
    re.compile(r"(?:업력|창업(?:한\s?지)?|사업\s?(?:한\s?지)?|운영\s?(?:한\s?지)?|된\s?지)\s*"
               r"(\d{1,2})\s?년"),
    re.compile(r"(\d{1,2})\s?년\s?(?:차|째|된|됐|정도\s?(?:됐|된))"),
    re.compile(r"(\d{1,2})\s?years?\s?(?:old|in business|since)", re.I),
)
_UNDER: Final = re.compile(r"\s?(미만|이하|안\s?(됐|된|되))")
_FOUNDED: Final = re.compile(r"(?:founded|since|설립|사업자\s?등록|창업)\s*(?:in\s|연도\s?)?"
                             r"(20\d\d|19\d\d)", re.I)
_AGE: Final = re.compile(r"(?:나이\s?|만\s?)?(?<!\d)(\d{2})\s?(?:살|세)(?![가-힣]?대)|"
                         r"(?:aged?|I'?m)\s(\d{2})\b", re.I)
_DECADE: Final = re.compile(r"(\d)0\s?대")
_HEADCOUNT: Final = re.compile(r"(\d{1,4})\s?(?:명|인)\s?(?:규모|회사|스튜디오|기업|직원|팀)?|"
                               r"(\d{1,4})\s?(?:employees|people|staff)", re.I)


@dataclass(frozen=True)
class Profile:
    """What the user said about themselves; ``None`` or empty where they said nothing."""

    text: str = ""
    language: str = "ko"
    kinds: frozenset[str] = frozenset()
    years: float | None = None
    age: int | None = None
    seoul: bool | None = None
    district: str | None = None
    place_word: str | None = None
    """The word the district came from ("성수동"), for reasons in the user's own terms."""
    industries: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    headcount: int | None = None
    said: dict[str, str] = field(default_factory=dict)
    """The user's words behind each value (kind, need, industry → matched text)."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape (``bizcall recommend``, ``POST /api/recommend``)."""
        return {"kinds": sorted(self.kinds), "years": self.years, "age": self.age,
                "seoul": self.seoul, "district": self.district,
                "industries": sorted(self.industries), "needs": sorted(self.needs),
                "headcount": self.headcount, "language": self.language}


_ENDING: Final = re.compile(r"(을|를|은|는|이|가|의|에서|에|으로|로|와|과|도|만|이에요|예요|입니다|"
                           r"이고|인데|이라서|라서|이라|하는|해요|합니다)$")


def _whole_word(text: str, hit: str) -> str:
    """The user's whole word around a keyword ("애니" → "애니메이션"), without a particle,
    so reasons quote what they typed."""
    if hit.isascii():
        return hit
    start = text.find(hit)
    if start < 0:
        return hit
    end = start + len(hit)
    while end < len(text) and ("가" <= text[end] <= "힣"):
        end += 1
    word = text[start:end]
    stripped = _ENDING.sub("", word)
    return stripped if len(stripped) >= len(hit) else word


_WANT: Final = re.compile(r"\s?\w{0,3}\s?(필요|구하|구해|찾|빌리|빌릴|원해|싶|늘리|받고|need|want|"
                          r"looking)", re.I)
_MODIFIER: Final = re.compile(r"^[가-힣]{2,4}$")
_NOT_MODIFIER: Final = re.compile(r"(는|은|인데|이고|고|서|데|요|다|을|를|이|가|에|의|도)$")


def _need_phrase(text: str, pattern: re.Pattern[str]) -> str | None:
    """The words that state a need, as the user put them ("작업 공간"), or ``None``.

    Of several matches the one followed by a verb of wanting wins ("3인 스튜디오인데 작업
    공간이 필요해요" needs space; the studio is who they are); a plain noun just before it
    is kept with it.
    """
    matches = [m for m in pattern.finditer(text) if not _negated(text, m)]
    if not matches:
        return None
    found = next((m for m in matches if _WANT.match(text, m.end()) or
                  _WANT.match(text, m.end() + 1)), matches[0])
    word = _whole_word(text[found.start():], found.group(0))
    before = text[:found.start()].split()
    if (before and text[found.start() - 1:found.start()].isspace()
            and _MODIFIER.match(before[-1]) and not _NOT_MODIFIER.search(before[-1])):
        return f"{before[-1]} {word}"
    return word


_NOT_AFTER: Final = re.compile(r"\s?(같은\s?(건|것은?|거는?)\s?)?(은|는|도)?\s?(전혀\s?|아직\s?)?"
                               r"(안\s?(해|합|하|함)|하지\s?않|안\s?\w*\s?(해요|합니다)|없|필요\s?없)")
_NOT_BEFORE: Final = re.compile(r"(don't|do not|doesn't|does not|not|never|no)\s+(yet\s+)?"
                                r"(\w+\s+)?$", re.I)


def _negated(text: str, found: re.Match[str]) -> bool:
    """Whether the user said the opposite ("수출 같은 건 전혀 안 합니다", "We don't export")."""
    return bool(_NOT_AFTER.match(text, found.end())
                or _NOT_BEFORE.search(text[max(0, found.start() - 24):found.start()]))


def _affirmed(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``text`` that is not negated."""
    return next((m for m in pattern.finditer(text) if not _negated(text, m)), None)


def _hangul_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("가" <= c <= "힣" for c in letters) / len(letters) if letters else 1.0


WORKER_KINDS: Final = frozenset({"구직자·재직자", "구직자", "재직자"})
"""Someone who works or seeks work (which one, when they said): a person, not a company."""
_SOMEONE_ELSES: Final = re.compile(
    r"\S*(기업|회사)(에|으로|이랑|과|하고|를|을)\s?(재)?(취업|입사|취직|연결|매칭|들어가|소개)\w*|"
    r"청년\s?취업\s?사관\s?학교|invest\w*\s+in\s+[\w\s-]{0,40}?(startups?|companies|firms)",
    re.I)
"""Companies the user wants to join, be matched with or invest in ("중소기업에 재취업하고
싶어요", "invest in Seoul-based startups"), and a program whose name holds a kind word
(청년취업사관학교): none of them says who the user is."""
_SEEKING: Final = re.compile(
    r"구직|취준|취업\s?준비|취업하고|취업\s?(하려|할\s?수|시켜)|일자리\s?(를\s)?(찾|구)|"
    r"그만\s?(뒀|두었|둔)|퇴사(했|하고|한)|퇴직(했|하고|한)|희망퇴직|실직|백수|졸업\s?(했|하고|예정)|"
    r"지망생|교육생|job\s?seeker|looking for (a )?job|unemployed|laid off|quit my job", re.I)
"""Someone looking for work (the report's 구직자 programs)."""
_WORKING: Final = re.compile(
    r"재직\s?(중|하고)|직장인|(회사|직장)\s?(에\s?)?다니(고|는)|근무\s?중|일하고\s?있|"
    r"(?<!new )employee|i work (at|for)|currently working", re.I)
"""Someone in a job now (the report's 재직자 programs)."""
_EXPORTS: Final = re.compile(
    r"수출|해외\s?(판로|진출|시장|바이어|매출|고객)|export|overseas (sales|market|buyers?)",
    re.I)
"""A business that exports or means to: the report's 수출기업."""


def read_profile(text: str, *, now_year: int, previous: Profile | None = None) -> Profile:
    """The profile in ``text``; values the user states again override ``previous``.

    Args:
        text: what the user wrote.
        now_year: the current year (for "founded in 2021").
        previous: the profile gathered so far in the conversation.
    """
    text = clean(text or "")[:2000]
    said: dict[str, str] = dict(previous.said) if previous else {}
    kinds = set(previous.kinds) if previous else set()
    about_me = _SOMEONE_ELSES.sub(" ", text)
    for kind, pattern in _KINDS:
        if found := pattern.search(about_me):
            kinds.add(kind)
            said[kind] = found.group(0)
    if FOREIGN in kinds and _KOREAN_OWNED.search(text) and not re.match(
            r"from|invest|family|sovereign|venture|private", said.get(FOREIGN, ""), re.I):
        kinds.discard(FOREIGN)  # "a Korean startup in Seoul" is not a foreign investor;
        # "we're from Singapore and invest in Korean startups" still is
    if "예비창업자" in kinds and "창업기업" in kinds and re.search(r"예비|준비|planning", text):
        kinds.discard("창업기업")
    if kinds & WORKER_KINDS:
        # Which of the two ("영업하다가 그만뒀어 … 취업까지"); only for someone who spoke of
        # work at all: "희망퇴직했습니다" alone may as well be a founder-to-be.
        seeking, working = _SEEKING.search(text), _WORKING.search(text)
        if seeking and not working:
            kinds = (kinds - {"재직자"}) | {"구직자·재직자", "구직자"}
            said["구직자"] = seeking.group(0)
        elif working and not seeking:
            kinds = (kinds - {"구직자"}) | {"구직자·재직자", "재직자"}
            said["재직자"] = working.group(0)
    if found := _affirmed(_EXPORTS, text):
        kinds.add("수출기업")
        said["수출기업"] = found.group(0)
    needs = set(previous.needs) if previous else set()
    for give, pattern in _GIVES:
        if phrase := _need_phrase(text, pattern):
            needs.add(give)
            said[give] = phrase
    industries = set(previous.industries) if previous else set()
    lowered = text.lower()
    for industry, words in _INDUSTRY_WORDS.items():
        hit = next((w for w in words if (w.lower() in lowered if w.isascii() and len(w) > 3
                                         else w in text)), None)
        if hit:
            industries.add(industry)
            said[industry] = _whole_word(text, hit)
    years = previous.years if previous else None
    for pattern in _YEARS:
        if found := pattern.search(text):
            years = float(found.group(1))
            if _UNDER.match(text, found.end()):  # "창업 7년 미만": somewhere below seven
                years = max(0.0, years - 0.5)
            said["years"] = found.group(0)
            break
    if (founded := _FOUNDED.search(text)) and years is None:
        years = float(max(0, now_year - int(founded.group(1))))
        said["years"] = founded.group(0)
    if "예비창업자" in kinds and years is None:
        years = 0.0
    age = previous.age if previous else None
    if found := _AGE.search(text):
        age = int(found.group(1) or found.group(2))
    elif found := _DECADE.search(text):
        age = int(found.group(1)) * 10 + 5
    district, place_word = (previous.district, previous.place_word) if previous else (None, None)
    for pattern, gu in _PLACES:
        if found := pattern.search(text):
            district, place_word = gu, found.group(0)
            break
    seoul = previous.seoul if previous else None
    if _LOCATED_OUTSIDE.search(text):  # "경기도 김포에 있는 … 마곡에 있는 대기업들이랑"
        seoul, district, place_word = False, None, None
    elif district or re.search(r"서울|seoul", text, re.I):
        seoul = True
    elif _OUTSIDE.search(text):
        seoul = False
    headcount = previous.headcount if previous else None
    if found := _HEADCOUNT.search(text):
        headcount = int(found.group(1) or found.group(2))
    language = "en" if _hangul_share(text) < 0.3 else "ko"
    return Profile(text=text, language=language, kinds=frozenset(kinds), years=years, age=age,
                   seoul=seoul, district=district, place_word=place_word,
                   industries=frozenset(industries), needs=frozenset(needs),
                   headcount=headcount, said=said)


def describes_company(text: str, *, now_year: int) -> bool:
    """Whether ``text`` says who the company is and what it needs ("성수동에서 반찬 가게
    하는데 온라인 판매를 늘리고 싶어요"): enough to offer recommendations beside an answer."""
    profile = read_profile(text, now_year=now_year)
    # Advice is what every consultation asks for, and "employee" is who the question is
    # about: neither says the company wants support from a program.
    return bool(profile.kinds - WORKER_KINDS or profile.industries) and bool(
        profile.needs - {"컨설팅"})

