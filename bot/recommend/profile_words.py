"""The words a company profile is read from: the kinds of applicant, needs, trades and the
phrases for ages, years, headcounts and denials (places: ``bot.recommend.place_words``).

Apart from ``bot.recommend.profile`` so that the reader's logic fits on a few screens and
the word lists can grow without burying it; every pattern here is compiled once, at import.
"""

from __future__ import annotations

import re
from typing import Final

from bot.recommend.place_words import ABROAD_HOME, UNIVERSITY

KINDS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (
            "예비창업자",
            r"예비\s?창업|창업\s?(을\s)?(준비|예정|하려|할까)|창업\s?(하기\s?)?전에|아직\s?(창업|사업자)|"
            r"pre-?founder|planning to (start|found)|before (starting|founding)",
        ),
        ("창업기업", r"스타트업|창업\s?\d+\s?년|창업한\s?지|초기\s?기업|start-?up|founded"),
        (
            "중소기업",
            r"중소\s?기업|소기업|법인|"
            r"(?<!다니던\s)(?<!다니던)(?<!전\s)회사(?!\s?(그만|퇴사|다니|생활|원|에서\s?(일|근무)))|"
            r"기업|제조|공장|사업체|기획사|대표(입니다|예요|이에요|이고|인데)|\bSMEs?\b|company|firm|"
            r"agency|manufactur",
        ),
        (
            "소상공인·소공인",
            r"소상공인|소공인|가게|매장|식당|반찬|카페|공방|봉제|수선|인쇄소|인쇄업|"
            r"자영업|사장(임|입니다|이에요|예요|인데|이고)|shop|store|restaurant",
        ),
        (
            "구직자·재직자",
            r"취업|구직|취준|일자리\s?(찾|구)|이직|재직|직장인|직원(입니다|이에요|예요|이고|인데)|"
            r"신입|지망생|교육생|경력\s?단절|경단녀|(작가|디자이너|개발자|기획자)\s?(가\s)?되고\s?싶|"
            r"job\s?seeker|looking for (a )?job|employee",
        ),
        (
            "대학생",
            r"대학생|대학교\s?\d|학부생|university student|college student|" + UNIVERSITY.pattern,
        ),
        ("고등학생", r"고등학생|고딩|(?<![가-힣])고[1-3](?![0-9년개명])|high school"),
        (
            "1인 크리에이터",
            r"유튜브|유튜버|크리에이터|1인\s?미디어|스트리머|틱톡|creator|" r"youtuber|streamer",
        ),
        (
            "콘텐츠·게임 기업",
            r"게임|애니|웹툰|콘텐츠|영상\s?제작|영화\s?(감독|제작)|제작사|프로덕션|미디어|캐릭터|"
            r"animation|game|content|webtoon|film\s?maker|film\s?(studio|production)",
        ),
        (
            "외국인 투자자·기업",
            r"외국인|외국\s?(기업|회사|계)|해외\s?본사|외투|"
            r"foreign|headquarter|subsidiary|branch|parent (company)?|"
            r"(set up|open|establish|incorporat)\w* .{0,30}(seoul|korea)|"
            r"invest\w* .{0,20}(seoul|korea)|expand\w* (in)?to (seoul|korea)|"
            r"family office|sovereign|(venture|private equity) (fund|firm)|"
            r"(?<![-\w])(japanese|german|french|american|u\.?s\.?|chinese|"
            r"singapore\w*|indian|vietnamese|british|uk|dutch|swiss|swedish|"
            r"canadian|australian|taiwanese|israeli|emirati|saudi|"
            r"middle eastern)(?![-\w])(?=(\s[\w-]+){0,4}\s(company|firm|startup|"
            r"group|investors?|fund|parent|headquarters|corporation|corp|"
            r"subsidiary|conglomerate|maker|manufacturer|publisher|brand|bank))|"
            r"(evaluat|consider|choos)\w* (between )?(seoul|korea)|" + ABROAD_HOME.pattern,
        ),
        ("대·중견기업", r"대기업|중견\s?기업|large (company|corporation)|conglomerate"),
    )
)
FOREIGN: Final = "외국인 투자자·기업"
KOREAN_OWNED: Final = re.compile(
    r"(?<!in a )(?<!in )(?<!with a )(?<!with )"
    r"\bkorean[- ](company|startup|start-up|founders?|firm|sme|hardware|owned|team)|"
    r"we are korean|한국\s?(기업|회사)|\bdomestic\b|headquartered in (seoul|korea)",
    re.I,
)
"""The user's own company is Korean ("a Korean startup"), not one they would invest in or
work with ("invest in a Korean company")."""
GIVES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (give, re.compile(pattern, re.I))
    for give, pattern in (
        ("자금", r"자금|지원금|보조금|대출|융자|돈이|비용\s?지원|funding|grant|loan"),
        (
            "투자",
            r"투자\s?(유치|받|자)|\bVC\b|벤처캐피|(?<![a-z])IR(?![a-z])|investor|"
            r"raise (money|funds|capital)",
        ),
        ("공간", r"사무실|공간|입주|작업실|스튜디오|오피스|장비|office|space|studio|desk"),
        # "매출 120억" is the company's size, "매출을 늘리고" a need
        (
            "판로·수출",
            r"판로|판매|팔고|팔리|팔아|입점|"
            r"매출(?!\s?(액|규모)?\s?(은|이|는)?\s?(약\s?)?\d)|수출|해외\s?(진출|시장|바이어)|"
            r"온라인\s?(판매|몰)|"
            r"쇼핑몰|스마트스토어|바이어|유통|export|sales|sell|buyer|market",
        ),
        (
            "교육·인력",
            r"교육|배우|코딩|강의|훈련|역량|인재\s?양성|멘토링|training|course|learn|coding|mentor",
        ),
        ("R&D", r"R\s?&\s?D|연구\s?개발|기술\s?개발|시제품|실증|테스트베드|research|prototype"),
        ("IP", r"특허|상표|지식\s?재산|디자인권|\bIP\b|patent|trademark"),
        ("인증", r"인증|신뢰도|certif"),
        (
            "컨설팅",
            r"컨설팅|자문|상담|규제|디지털\s?전환|클라우드|(?<![a-z])DX(?![a-z])|consult|advice|"
            r"regulat|cloud",
        ),
        ("행사·전시", r"전시|박람회|행사|대회|페어|쇼케이스|exhibition|fair|trade show"),
        ("네트워킹", r"네트워킹|교류|협업|오픈\s?이노베이션|파트너|networking|partner"),
        (
            "채용·고용",
            r"채용(?!했|하였)|직원\s?(뽑|구)(?!했|았)|구인|인력\s?(구|채)|일자리\s?창출|"
            r"\bhire\b|hiring|recruit|job[- ]creation",
        ),
        ("복지", r"복지|건강|워케이션|welfare|wellbeing"),
    )
)
INDUSTRY_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "뷰티": (
        *("뷰티", "화장품", "코스메틱", "스킨케어", "미용", "네일", "헤어"),
        *("beauty", "cosmetic", "skincare", "skin care"),
    ),
    "패션": ("패션", "의류", "옷", "봉제", "fashion", "apparel", "clothing", "garment"),
    "의류 제조": ("의류 제조", "봉제", "옷 만드", "의류 공장", "garment"),
    "콘텐츠": ("콘텐츠", "content"),
    "영상": ("영상", "드라마", "방송", "영화", "film", "movie"),
    "게임": ("게임", "game"),
    "e스포츠": ("e스포츠", "이스포츠", "esports", "프로게이머", "pro gamer"),
    "애니메이션": ("애니", "animation"),
    "웹툰": ("웹툰", "만화", "webtoon", "comic"),
    "1인 미디어": (
        "유튜브",
        "유튜버",
        "크리에이터",
        "스트리머",
        "틱톡",
        "1인 미디어",
        "creator",
        "youtube",
        "streamer",
        "tiktok",
    ),
    "식품": ("식품", "반찬", "음식", "베이커리", "food"),
    "화장품": ("화장품", "스킨케어", "cosmetic", "skincare", "skin care"),
    "제조": ("제조", "공장", "생산", "가공", "manufactur", "factory"),
    "기계금속": (
        "기계금속",
        "금속",
        "정밀가공",
        "기계 가공",
        "기계가공",
        "기계 부품",
        "기계부품",
        "machining",
        "metal",
    ),
    "인쇄": ("인쇄", "printing"),
    "주얼리": ("주얼리", "귀금속", "jewel"),
    "수제화": ("수제화", "구두", "shoe"),
    "AI": ("AI", "인공지능", "머신러닝", "딥러닝", "artificial intelligence"),
    "인공지능": ("AI", "인공지능"),
    "빅데이터": ("빅데이터", "데이터", "big data", "data"),
    "ESG": (
        "ESG",
        "친환경",
        "탄소",
        "재활용",
        "업사이클",
        "폐플라스틱",
        "폐기물",
        "자원순환",
        "eco",
        "sustainab",
        "recycl",
    ),
    "XR": ("XR", "VR", "AR", "메타버스", "metaverse"),
    "로봇": ("로봇", "robot"),
    "바이오·의료": ("바이오", "의료", "헬스케어", "bio", "medical", "health"),
    "핀테크·블록체인": ("핀테크", "블록체인", "fintech", "blockchain"),
    "SW": ("소프트웨어", "SW", "앱 개발", "software", "SaaS"),
    "IT": ("IT", "소프트웨어", "앱"),
    "관광": ("관광", "여행", "tour"),
    "하드웨어": ("하드웨어", "기기", "디바이스", "hardware"),
    "자율주행": ("자율주행", "모빌리티", "autonomous", "mobility"),
    "전기·전자": ("전자", "전기", "반도체", "electronic"),
    "유통·물류": ("유통", "물류", "배송", "logistics"),
    "프롭테크": ("프롭테크", "부동산 기술"),
    "뉴미디어 커머스": (
        "라이브커머스",
        "라이브 커머스",
        "미디어 커머스",
        "live commerce",
        "live-commerce",
    ),
    "도시문제해결": ("도시문제", "도시 문제", "스마트시티", "스마트 시티", "smart city"),
}
YEARS: Final = (
    re.compile(
        r"(?:업력|창업(?:한\s?지)?|사업\s?(?:한\s?지)?|운영\s?(?:한\s?지)?|된\s?지)\s*"
        r"(\d{1,2})\s?년"
    ),
    re.compile(r"(\d{1,2})\s?년\s?(?:차|째|된|됐|정도\s?(?:됐|된))"),
    re.compile(r"(\d{1,2})\s?years?\s?(?:old|in business|since)", re.I),
)
UNDER: Final = re.compile(r"\s?(미만|이하|안\s?(됐|된|되))")
FOUNDED: Final = re.compile(
    r"(?:founded|since|설립|사업자\s?등록|창업)\s*(?:in\s|연도\s?)?" r"(20\d\d|19\d\d)", re.I
)
AGE: Final = re.compile(
    r"(?:나이\s?|만\s?)?(?<!\d)(\d{2})\s?(?:살|세)(?![가-힣]?대)|" r"(?:aged?|I'?m)\s(\d{2})\b",
    re.I,
)
DECADE: Final = re.compile(r"(\d)0\s?대")
HEADCOUNT: Final = re.compile(
    r"(?<![가-힣])(\d{1,4})\s?(?:명|인(?![가-힣]))\s?"
    r"(?:규모|회사|스튜디오|기업|직원|팀)?|"
    r"(\d{1,4})\s?(?:employees|people|staff)",
    re.I,
)
ENDING: Final = re.compile(
    r"(을|를|은|는|이|가|의|에서|에|으로|로|와|과|도|만|이에요|예요|입니다|"
    r"이고|인데|이라서|라서|이라|하는|해요|합니다)$"
)
WANT: Final = re.compile(
    r"\s?\w{0,3}\s?(필요|구하|구해|찾|빌리|빌릴|원해|싶|늘리|받고|need|want|" r"looking)", re.I
)
MODIFIER: Final = re.compile(r"^[가-힣]{2,4}$")
NOT_MODIFIER: Final = re.compile(r"(는|은|인데|이고|고|서|데|요|다|을|를|이|가|에|의|도)$")
NOT_AFTER: Final = re.compile(
    r"\s?((같은|이런|그런)\s?(건|것은?|거는?)\s?)?(은|는|도)?\s?(전혀\s?|아직\s?|한\s?번도\s?)?"
    r"(안\s?(해|합|하|함)|하지\s?않|안\s?\w*\s?(해요|합니다)|없|필요\s?없|"
    r"(생각|계획|예정|관심)\s?(은|이|도)?\s?(전혀\s?)?없|0\s?(원|건|달러|%)|"
    r"아직(이|입니다|이에요|예요|인데))|"
    r"\s?([^\s.?!]+\s){0,2}[^\s.?!]*?(아니라|아니고|아닌데|아니에요|아닙니다)"
)
NOT_BEFORE: Final = re.compile(
    r"(don't|do not|doesn't|does not|not|never|no)\s+(yet\s+)?(\w+\s+)?$|"
    r"\b(not|never|no)\s+(\w+\s+){1,3}(or|nor)\s+$",  # "not raising money or investing"
    re.I,
)
COMMISSIONED: Final = re.compile(
    r"(홍보|광고|마케팅|promo\w*|marketing|advertising)\s?(영상|콘텐츠|videos?|content)\w*"
    r"(?!\s?(제작사|제작\s?(회사|업체|스튜디오)|만드는|찍는|제작하는))",
    re.I,
)
"""Content the user wants made for the business ("가게 홍보 영상"): not its trade."""
WORKER_KINDS: Final = frozenset({"구직자·재직자", "구직자", "재직자"})
"""Someone who works or seeks work (which one, when they said): a person, not a company."""
SOMEONE_ELSES: Final = re.compile(
    r"\S*(기업|회사)(에|으로|이랑|랑|과|하고|를|을)\s?(재)?(취업|입사|취직|연결|매칭|들어가|소개|"
    r"협업|콜라보|협력)\w*|"
    r"(유튜버|크리에이터|인플루언서|creators?|youtubers?|influencers?)(들)?(이랑|랑|과|와|하고|를|을)?"
    r"\s?(연결|매칭|소개|협업|콜라보|협력|섭외|collab\w*)\w*|" + COMMISSIONED.pattern + r"|"
    r"(좋은|다른|우수한?|여러)\s?(중소)?(기업|회사)(들)?(의)?\s?(제품|상품)|"
    r"\S*(매장|점포|마트|백화점|편의점|면세점|드러그스토어|stores?|shops?)(에|으로|에서|in)?\s?(\S+\s)?"
    r"(입점|납품|진열|진출|stock\w*|listed)\w*|"
    r"청년\s?취업\s?사관\s?학교|invest\w*\s+in\s+[\w\s-]{0,40}?(startups?|companies|firms)",
    re.I,
)
"""Companies the user wants to join, be matched with or invest in ("중소기업에 재취업하고
싶어요", "invest in Seoul-based startups"), creators they want to work with ("유튜버랑
콜라보"), content they want made for them ("가게 홍보 영상"), stores they want to sell in
("현지 매장에 입점"), and a program whose name holds a kind word (청년취업사관학교): none of
them says who the user is or what trade it is in."""
SEEKING: Final = re.compile(
    r"구직|취준|취업\s?준비|취업하고|취업\s?(하려|할\s?수|시켜)|일자리\s?(를\s)?(찾|구)|"
    r"그만\s?(뒀|두었|둔)|퇴사(했|하고|한)|퇴직(했|하고|한)|희망퇴직|실직|백수|졸업\s?(했|하고|예정)|"
    r"지망생|교육생|경력\s?단절|경단녀|졸업한|(작가|디자이너|개발자|기획자)\s?(가\s)?되고\s?싶|"
    r"job\s?seeker|looking for (a )?job|unemployed|laid off|quit my job",
    re.I,
)
"""Someone looking for work (the report's 구직자 programs)."""
WORKING: Final = re.compile(
    r"재직\s?(중|하고)|직원(입니다|이에요|예요|이고|인데)|직장인|(회사|직장)\s?(에\s?)?다니(고|는)|근무\s?중|일하고\s?있|"
    r"(?<!new )employee|i work (at|for)|currently working",
    re.I,
)
"""Someone in a job now (the report's 재직자 programs)."""
EXPORTS: Final = re.compile(
    r"수출|해외\s?(판로|진출|시장|바이어|매출|고객|판매|납품|쪽)|export|"
    r"해외(는|도)?(?=\s?(아직\s?|전혀\s?)?(생각|관심|계획))|"
    r"overseas (sales|market|buyers?)",
    re.I,
)
"""A business that exports or means to: the report's 수출기업."""
DOMESTIC_ONLY: Final = re.compile(
    r"국내(에서)?(에)?만|국내\s?(판매|납품|유통)만|"
    r"only (sell |supply )?(in|to) (korea|the domestic)|"
    r"domestic(ally)? only|only domestic",
    re.I,
)
"""A business that says it sells at home only ("지금은 국내에만 납품합니다"): no exporter."""
MANUFACTURING: Final = frozenset(
    {
        "기계금속",
        "인쇄",
        "하드웨어",
        "전기·전자",
        "로봇",
        "의류 제조",
        "봉제",
        "수제화",
        "주얼리",
        "식품",
        "화장품",
    }
)
"""The trades that are making things (under the umbrella trade 제조)."""
SOGONGIN_HEADCOUNT: Final = 10
"""A maker with fewer people than this is a 소공인: the report never defines the word, so
this is the legal one (소공인 특별지원법: 상시근로자 10명 미만 제조업), our reading."""
STAYS: Final = re.compile(
    r"(떠날|옮길|이전할|이사할|나갈|벗어날|이전|이사)\s?(생각|계획|의향|예정)(은|이|도)?\s?(전혀\s?)?없|"
    r"(no|not) (plans?|planning|intention) to (move|relocate)|won'?t (move|relocate)|"
    r"(집|회사|사무실)\s?(이랑\s?|에서\s?)?(가까운|근처)|near (my|our) (home|house|office)|"
    r"(이사|이전)(는|은|를|을)?\s?(못|어렵|힘들)|can'?t (move|relocate)|"
    r"(쪽은|쪽으론|쪽으로는|까지는|까진)\s?(좀\s?|진짜\s?|너무\s?|도저히\s?)?(못\s?가|힘들)",
    re.I,
)
"""A company that says it will not move ("성수를 떠날 생각이 없어요", "강서 쪽은 너무 멀어서
이사는 못할 것 같아요") or wants something near home ("집 근처에"): a program tied to another
district is then not for it."""
SETTING_UP: Final = re.compile(
    r"(plan\w*|want\w*|intend\w*|looking|hope|hoping|going|consider\w*|will|next year)"
    r"[\w\s,']{0,30}?\b(set up|setting up|establish\w*|open\w*|incorporat\w*|enter\w*|"
    r"launch\w*|expand\w*)\b[\w\s,']{0,40}?\b(seoul|korea)|"
    r"(서울|한국)에\s?(법인|지사|사무소)\w*\s?(을|를)?\s?(설립|세우|열|내)\w*\s?(예정|계획|하려|하고\s?싶)",
    re.I,
)
"""A foreign company that means to come to Seoul: not a Seoul company yet."""
NO_COMPANY: Final = re.compile(
    r"(법인|사업자|회사)\w*\s?(\S+\s)?(은|는|도)?\s?(아직\s?)?"
    r"(없어|없습|없고|없는데|전이|전인|전입|안\s?(냈|했))"
)
"""A founder-to-be who says there is no company yet ("아직 사업자등록 전인데요")."""
EMPLOYER: Final = re.compile(
    r"대표|사장|인사\s?(팀|담당)|채용\s?담당|(저희|우리)\s?(회사|직원)|직원\s?\d+\s?명|"
    r"\bHR\b|\bCEO\b|owner|we (have )?hired",
    re.I,
)
"""Words that say the user employs people: their hiring words are about others (``HIRES``)."""
HIRES: Final = re.compile(
    r"구직자(들)?\s?(랑|와|과|를|을|에게|한테|하고|매칭)|뽑는\s?쪽|"
    r"신입(\s?사원|\s?직원)?(들)?\s?(\d+\s?명|적응|채용|온보딩|교육)|"
    r"(개발자|직원|인력|사람|인재)\s?(을\s?|를\s?)?(\d+\s?명\s?)?(뽑|채용하|구하)|"
    r"\d+\s?명\s?(을\s?|를\s?)?(뽑|채용)|"
    r"(new|fresh)\s(hires|graduates|recruits|employees)|hired \d+",
    re.I,
)
"""An employer's words for the people it hires ("신입 5명 뽑았는데", "구직자랑 매칭해 주는"):
not the user looking for work, so no 구직자 programs for them."""
COMPANY_SELF: Final = re.compile(
    r"회사|기업|스튜디오|법인|사업자|창업|대표|제작사|개발사|" r"company|studio|startup|firm", re.I
)
"""Words that say the user runs a business; a student without them is a person."""
CLAUSE: Final = re.compile(
    r"[^.?!,\n]+?(?:[.?!,\n]+|(?<=고)\s|(?<=고요)\s|(?<=는데)\s|(?<=지만)\s|$)"
)
DENIED_CLAUSE: Final = re.compile(
    r"(안\s?(하려|할\s?(거|생각|계획|예정))|(은|는)\s?아직(이고|이에요|입니다|예요|인데|임)|"
    r"(생각|관심|계획|문제|필요|상관)(은|는|이|가|도)?\s?(딱히\s?|전혀\s?|별로\s?|아직\s?)?"
    r"없(?!어서|으니|는데\s?(필요|구하|찾))|아니(라|고|에요|예요|요)|"
    r"\b(not (interested|needed|relevant)|no (need|interest|plans?))\b)",
    re.I,
)
"""A clause, and the words that make one say what the user does not want or need."""
INVESTING: Final = re.compile(
    r"\b(like|want|hope|looking|plan\w*|intend\w*)\sto\s[^.?!]{0,40}?\binvest|"
    r"투자(하고|하려|할\s?계획)",
    re.I,
)
"""A user who means to invest in Korea ("we'd like to invest in Seoul startups"): a foreign
investor even without an office here, or while living in Seoul."""
