"""Profiles read from what users type: every value from their words, nothing invented."""

from __future__ import annotations

import pytest

from bot.recommend.profile import describes_company, read_profile, refused_needs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "저희는 업력 2년차 식품제조 소기업이고 서울 성동구에 있어요",
            {
                "kinds": ["중소기업"],
                "years": 2.0,
                "seoul": True,
                "district": "성동",
                "industries": ["식품", "제조"],
                "needs": [],
            },
        ),
        (
            "성수동에서 반찬 가게 하는데 온라인 판매를 늘리고 싶어요",
            {
                "kinds": ["소상공인·소공인"],
                "years": None,
                "seoul": True,
                "district": "성동",
                "industries": ["식품"],
                "needs": ["판로·수출"],
            },
        ),
        (
            "애니메이션 만드는 3인 스튜디오인데 작업 공간이 필요해요",
            {
                "kinds": ["콘텐츠·게임 기업"],
                "years": None,
                "seoul": None,
                "district": None,
                "industries": ["애니메이션"],
                "needs": ["공간"],
            },
        ),
        # not in Seoul yet: a program for Seoul companies (하이서울기업 인증) is not for it
        (
            "We are a German robotics company planning to set up an office in Seoul",
            {
                "kinds": ["외국인 투자자·기업", "중소기업"],
                "years": None,
                "seoul": False,
                "district": None,
                "industries": ["로봇"],
                "needs": ["공간"],
            },
        ),
        (
            "부산에서 수제화 공방 운영한 지 10년 됐어요",
            {
                "kinds": ["소상공인·소공인"],
                "years": 10.0,
                "seoul": False,
                "district": None,
                "industries": ["수제화"],
                "needs": [],
            },
        ),
        (
            "우리 회사에 맞는 지원사업 좀 추천해주세요",
            {
                "kinds": ["중소기업"],
                "years": None,
                "seoul": None,
                "district": None,
                "industries": [],
                "needs": [],
            },
        ),
    ],
)
def test_profile_values_come_from_the_words(text: str, expected: dict) -> None:
    profile = read_profile(text, now_year=2026).as_dict()
    assert {k: profile[k] for k in expected} == expected


def test_a_pre_founder_has_no_business_years_yet_and_age_is_read() -> None:
    profile = read_profile("예비창업자인데 창업 준비 중이에요 29살", now_year=2026)
    assert (sorted(profile.kinds), profile.years, profile.age) == (["예비창업자"], 0.0, 29)


def test_a_korean_startup_writing_in_english_is_not_a_foreign_investor() -> None:
    profile = read_profile(
        "We're a Korean startup in Seoul looking to expand to Japan", now_year=2026
    )
    assert "외국인 투자자·기업" not in profile.kinds and profile.language == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("성수동에서 반찬 가게 하는데 온라인 판매를 늘리고 싶어요", True),
        ("애니메이션 스튜디오인데 작업 공간이 필요해요", True),
        ("직원이 갑자기 그만뒀는데 퇴직금을 줘야 하나요", False),
        ("Our Korean subsidiary needs advice on severance pay for a leaving employee", False),
        ("부가세 신고를 처음 해 보는데 뭘 준비해야 할지 모르겠어요", False),
    ],
)
def test_a_company_and_a_need_are_told_from_a_plain_question(text: str, expected: bool) -> None:
    assert describes_company(text, now_year=2026) is expected


def test_under_n_years_is_below_n() -> None:
    assert read_profile("창업 7년 미만 기업이에요", now_year=2026).years == 6.5
    assert read_profile("창업 3년 됐어요", now_year=2026).years == 3.0


@pytest.mark.parametrize(
    ("text", "kinds", "age"),
    [
        ("다니던 회사 그만두고 창업 준비 중인 29살입니다", ["예비창업자"], 29),
        ("저는 올해 52살이고 희망퇴직했습니다", [], 52),
        ("30세대 아파트 관리 사무소예요", [], None),
        ("I'm the Korean-American co-founder of a startup based in Seoul", ["창업기업"], None),
        ("We're a Seoul medical device SME and need patents in the US", ["중소기업"], None),
        # The startups are the ones they invest in, not who they are.
        ("We're from Singapore and invest in Korean startups", ["외국인 투자자·기업"], None),
        (
            "a Japanese game publisher opening a studio",
            ["외국인 투자자·기업", "콘텐츠·게임 기업"],
            None,
        ),
        # The stores are where they want to sell, not their own shop.
        ("수제 그래놀라 브랜드인데 일본 현지 매장에 입점하고 싶어요", [], None),
        # Someone looking for work who names a trade and the companies they want to meet.
        (
            "게임 기획자 지망생 24살인데 게임 회사랑 연결해 주는 교육 있어요?",
            ["구직자", "구직자·재직자"],
            24,
        ),
        ("취준생인데 스타트업 인턴 경험 쌓을 수 있는 곳 있나요", ["구직자", "구직자·재직자"], None),
        # No business registered yet and "before founding": a founder-to-be.
        (
            "회사 다니면서 사업자등록도 안 했는데 창업하기 전에 특허부터 내고 싶어요",
            ["예비창업자"],
            None,
        ),
        ("경력단절 주부인데 다시 일하고 싶어요", ["구직자", "구직자·재직자"], None),
        ("만화 전공 졸업한 24살인데 웹툰 작가가 되고 싶어요", ["구직자", "구직자·재직자"], 24),
        # "headquartered in Seoul" and "domestic" say Korean, not foreign-invested.
        ("We're a domestic logistics SME headquartered in Seoul", ["중소기업"], None),
        # A maker with under ten people is a 소공인 (the legal definition; see profile_words).
        ("직원 5명인 금속 가공 공장입니다", ["소상공인·소공인", "중소기업"], None),
        # Not at a company yet, beyond the size of a 소상공인, promotion wanted on a channel.
        ("청년취업사관학교 교육생이에요. 회사는 아직 안 다녀요", ["구직자", "구직자·재직자"], None),
        ("소상공인 규모는 넘어요. 주방용품 제조하는 중소기업입니다", ["중소기업"], None),
        ("반려동물 박람회 주최사인데 라이브커머스나 유튜브 홍보 지원 있나요", [], None),
        # No branch abroad is still a company at home.
        ("AI 스타트업 2년차예요. 해외 법인도 없어요", ["창업기업"], None),
        # A large company is the partner or the comparison, unless the user says they are one.
        ("대기업이랑 PoC 해보고 싶은 2년차 AI 스타트업이에요", ["중소기업", "창업기업"], None),
        ("대기업처럼 복지를 못 해줘서 고민인 직원 30명 회사 대표입니다", ["중소기업"], None),
        ("저희는 중견기업입니다", ["대·중견기업"], None),
        # An employee says so about themselves; the employer is still a company.
        (
            "물류회사 영업팀 직원이에요. 퇴근 후 들을 데이터 교육 찾아요",
            ["구직자·재직자", "재직자", "중소기업"],
            None,
        ),
    ],
)
def test_who_the_user_is_not_what_they_mention(
    text: str, kinds: list[str], age: int | None
) -> None:
    """An employer left, a market abroad, a heritage: none of them is the user's company."""
    profile = read_profile(text, now_year=2026)
    assert (sorted(profile.kinds), profile.age) == (kinds, age)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("작년에 퇴사하고 취업 준비 중인 27살이에요", {"구직자·재직자", "구직자"}),
        ("회사 다니는 직장인인데 주말에 배울 수 있는 교육 있나요", {"구직자·재직자", "재직자"}),
        ("이직을 고민하는 직장인입니다", {"구직자·재직자", "재직자"}),
        ("취업이랑 재직자 교육 둘 다 궁금해요", {"구직자·재직자"}),
        ("We export cosmetics to Vietnam", {"수출기업"}),
        # An employer's hiring words are about the people it hires, not about the user.
        (
            "직원 12명 핀테크 회사 대표입니다. 구직자랑 매칭해주는 채용관 같은거 있나요?",
            {"중소기업"},
        ),
        ("용산구 직원 30명 회사입니다. 올해 MZ 신입 5명 뽑았는데 2명 나갔어요", {"중소기업"}),
        ("신입 개발자로 회사 다니고 있어요", {"구직자·재직자", "재직자"}),
    ],
)
def test_job_seekers_employees_and_exporters(text: str, kinds: set[str]) -> None:
    assert read_profile(text, now_year=2026).kinds == kinds


@pytest.mark.parametrize(
    ("text", "exporter"),
    [
        ("카페 하는데 수출 같은 건 전혀 안 합니다", False),
        ("We don't export yet, we sell in Seoul", False),
        ("일본에 조금씩 수출하고 있어요", True),
        ("수출 실적도 아직 x", False),
        ("수출 실적 30억이에요", True),
        ("수출은 아직 생각 안 해요", False),
        ("해외 진출은 전혀 없고 가게 하나 작게 해요", False),
    ],
)
def test_a_denied_export_is_not_an_exporter(text: str, exporter: bool) -> None:
    assert ("수출기업" in read_profile(text, now_year=2026).kinds) is exporter


@pytest.mark.parametrize(
    ("text", "seoul", "district"),
    [
        ("경기도 김포에 있는 스타트업인데 마곡에 있는 대기업들이랑 매칭되고 싶어요", False, None),
        ("부산에 있는 웹툰 에이전시인데 서울에서 하는 마켓에 나가고 싶어요", False, None),
        ("마곡에 있는 스타트업인데 부산 행사에도 나가요", True, "강서"),
    ],
)
def test_where_the_company_is_beats_where_it_wants_to_go(
    text: str, seoul: bool, district: str | None
) -> None:
    profile = read_profile(text, now_year=2026)
    assert (profile.seoul, profile.district) == (seoul, district)


def test_a_registration_year_gives_the_business_age() -> None:
    assert read_profile("사업자 등록 2020년에 한 베이커리예요", now_year=2026).years == 6.0


@pytest.mark.parametrize(
    ("text", "exports"),
    [
        ("수출은 아직 하지 않습니다", False),
        ("해외매출은 아직 0원", False),
        ("해외 판매는 생각 없어요", False),
        ("지금은 국내에만 납품합니다. 내년에 미국 진출하려고요", False),
        ("해외 쪽은 아직이고 국내 판로가 필요해요", False),
        ("We don't export yet", False),
        ("작년에 처음으로 베트남에 소량 수출했어요", True),
        ("식품 제조 중소기업입니다", None),
    ],
)
def test_export_yes_no_and_unsaid(text: str, exports: bool | None) -> None:
    profile = read_profile(text, now_year=2026)
    assert (profile.exports, "수출기업" in profile.kinds) == (exports, exports is True)


@pytest.mark.parametrize(
    ("text", "industries", "district"),
    [
        ("초등 수학 학습앱 만들어요 (게임 회사는 아님)", ["IT"], None),
        # the clause ends before the denial: still a game company
        ("게임 회사인데 투자는 아니고 공간이 필요해요", ["게임"], None),
        ("교육용 소프트웨어고, 하드웨어나 금속가공 이런 건 안해요", ["IT", "SW"], None),
        ("We're a biotech startup, nothing to do with games or webtoons", ["바이오·의료"], None),
        ("We're not a game or webtoon company", [], None),
        ("Our AI startup is in Gongdeok. We're not located in Magok.", ["AI", "인공지능"], "마포"),
        ("마포에 있는 AI 스타트업인데 마곡 쪽도 아님", ["AI", "인공지능"], "마포"),
        # a denial after a list denies every item of it; "X 말고" is not X
        (
            "구두나 인쇄, 주얼리 이런건 안해요. 봉제공장 사장입니다",
            ["의류 제조", "제조", "패션"],
            None,
        ),
        ("화장품 말고 유아용 실리콘 식기 수출하는 회사예요", [], None),
        ("화장품 말고도 식품도 만들어요", ["뷰티", "식품", "화장품"], None),
    ],
)
def test_a_trade_or_place_the_user_denies_is_not_theirs(
    text: str, industries: list[str], district: str | None
) -> None:
    profile = read_profile(text, now_year=2026)
    assert sorted(profile.industries) == industries
    assert profile.district == district


@pytest.mark.parametrize(
    ("text", "district", "place_word", "stays"),
    [
        (
            "성수동 소재 스타트업입니다. G밸리 지원도 알아봤는데 저희는 성수를 떠날 생각이 없어요",
            "성동",
            "성수동",
            True,
        ),
        ("마포에 있는 AI 스타트업이에요. 마곡 쪽은 너무 멀어서 패스", "마포", "마포", False),
        ("마곡산업단지에 입주한 바이오 중소기업입니다", "강서", "마곡산업단지", False),
        ("상암 DMC 근처 회사입니다. 마곡이나 G밸리로 옮길 생각은 없습니다", "마포", "DMC", True),
        ("구로디지털단지에 있는 IoT 스타트업", "구로", "구로디지털단지", False),
    ],
)
def test_the_district_is_where_the_company_is(
    text: str, district: str, place_word: str, stays: bool
) -> None:
    profile = read_profile(text, now_year=2026)
    assert (profile.district, profile.place_word, profile.stays) == (district, place_word, stays)


@pytest.mark.parametrize(
    ("text", "seoul"),
    [
        (
            "Our cosmetics manufacturer is in Gimpo, Gyeonggi-do (not Seoul). We export to Japan",
            False,
        ),
        ("경기도 김포에 있는 물류로봇 스타트업입니다. 서울시 R&D 받고 싶어요", False),
        (
            "We are a German industrial software company planning to establish a Korean subsidiary "
            "in Seoul next year",
            False,
        ),
        ("We're a foreign-invested company in Gangnam (French parent)", True),
    ],
)
def test_a_company_outside_seoul_or_not_there_yet(text: str, seoul: bool) -> None:
    assert read_profile(text, now_year=2026).seoul is seoul


@pytest.mark.parametrize(
    ("text", "kinds", "university", "district"),
    [
        ("연세대 컴공 2학년인데요 SW 수업 들을 수 있나요", ["대학생"], "연세대", None),
        ("홍대 재학 중인 3학년입니다! SW 과목 듣고 싶어요", ["대학생"], "홍익대", None),
        ("홍대 근처에서 카페 하는데요", ["소상공인·소공인"], None, "마포"),
        ("고2인데 프로게이머 되고싶은데 대회 있어?", ["고등학생"], None, None),
    ],
)
def test_students_and_their_university(
    text: str, kinds: list[str], university: str | None, district: str | None
) -> None:
    profile = read_profile(text, now_year=2026)
    assert (sorted(profile.kinds), profile.university, profile.district) == (
        kinds,
        university,
        district,
    )
    assert profile.headcount is None  # "고2인데" is no two-person team


def test_a_headcount_after_the_word_staff_is_read_whole() -> None:
    assert (
        read_profile("주방용품 만드는 회사(업력12년/직원25명)예요", now_year=2026).headcount == 25
    )


@pytest.mark.parametrize(
    ("text", "kinds", "industries"),
    [
        (
            "성북동에서 작은 빵집 하는데요, 유튜버랑 콜라보해서 가게 홍보 영상 찍고 싶어요. "
            "크리에이터 "
            "연결해서 기업 홍보 콘텐츠 만들어준다는 말을 들었는데 동네 가게도 되나요?",
            ["소상공인·소공인", "중소기업"],
            ["식품"],  # the bakery's trade; neither 영상 nor 콘텐츠
        ),
        ("광고 영상 제작하는 회사예요", ["중소기업", "콘텐츠·게임 기업"], ["영상"]),
    ],
)
def test_content_made_for_a_business_is_not_its_trade(
    text: str, kinds: list[str], industries: list[str]
) -> None:
    profile = read_profile(text, now_year=2026)
    assert (sorted(profile.kinds), sorted(profile.industries)) == (kinds, industries)


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        # a sales figure is the company's size, not a wish for sales channels
        (
            "영등포구 전자부품 제조업체입니다. 업력 15년, 매출 120억, 직원 60명입니다. "
            "인증 받고 싶어요",
            ["인증"],
        ),
        ("연매출 약 30억 정도 되는 식품 회사입니다", []),
        ("매출액은 5억이고 컨설팅 받고 싶어요", ["컨설팅"]),
        ("매출을 늘리고 싶어요", ["판로·수출"]),
        ("매출이 줄어서 판로 개척이 필요합니다", ["판로·수출"]),
    ],
)
def test_a_sales_figure_is_not_a_need_for_sales(text: str, needs: list[str]) -> None:
    assert read_profile(text, now_year=2026).as_dict()["needs"] == needs


def test_every_trade_the_criteria_name_can_be_read_from_a_profile() -> None:
    """A trade in ``eligibility.yml`` no profile word leads to leaves its program out for
    every user who names their trade (창동's 뉴미디어 커머스 for a live-commerce startup)."""
    import yaml

    from bot.recommend.kinds_trades import related
    from bot.recommend.profile_words import INDUSTRY_WORDS as _INDUSTRY_WORDS
    from bot.settings import ROOT

    rows = yaml.safe_load((ROOT / "catalog" / "eligibility.yml").read_text(encoding="utf-8"))
    named = {i for row in rows["programs"] for i in row.get("industries") or ()}
    assert sorted(i for i in named if not any(related(i, k) for k in _INDUSTRY_WORDS)) == []


@pytest.mark.parametrize(
    ("text", "industries"),
    [
        ("뷰티 유튜버예요", ["1인 미디어", "뷰티"]),
        ("게임 스트리머입니다", ["1인 미디어", "게임"]),
        ("라이브커머스 솔루션 스타트업입니다", ["SW", "뉴미디어 커머스"]),
        ("스마트시티 도시문제 해결 스타트업", ["도시문제해결"]),
    ],
)
def test_creators_and_the_hubs_trades_are_read(text: str, industries: list[str]) -> None:
    assert read_profile(text, now_year=2026).as_dict()["industries"] == industries


@pytest.mark.parametrize(
    ("text", "stays"),
    [
        ("도봉구 사는 스타트업인데 집 근처에 사무실 구해요", True),
        ("성수를 벗어날 생각은 없어요", True),
        ("홍대 근처 사는 유튜버예요", False),
        ("성수동 근처 스타트업인데 도봉이나 강서 쪽은 너무 멀어서 이사는 못할거같구요", True),
        ("We can't relocate outside Mapo", True),
        ("공덕 근처 스타트업인데 구로 가산 쪽은 진짜 못가요", True),
        ("창동에 있는데 강서 마곡까지는 좀 힘들어요", True),
    ],
)
def test_a_company_that_will_not_move(text: str, stays: bool) -> None:
    assert read_profile(text, now_year=2026).stays is stays


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        # "IR" is a word of its own, not the letters in "Kickstarter first" or "their".
        ("We want to test the US market with a Kickstarter campaign first", ["판로·수출"]),
        ("해외IR 준비 중인 스타트업이에요", ["투자"]),
        ("We need an IR deck review before our Series A", ["투자"]),
        # "… 아니라": the user says what they do not need.
        ("저희는 교육 받을 사람이 아니라 뽑는 쪽입니다. 채용 지원 있나요?", ["채용·고용"]),
    ],
)
def test_needs_are_words_the_user_means(text: str, needs: list[str]) -> None:
    assert sorted(read_profile(text, now_year=2026).needs) == needs


def test_a_foreign_company_that_mentions_korean_companies_stays_foreign() -> None:
    text = (
        "We're a Japanese anime and drama production company looking to license Korean "
        "webtoon IPs. We have no plans to invest in a Korean company."
    )
    assert "외국인 투자자·기업" in read_profile(text, now_year=2026).kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # A foreign company's home named with "based in" or "in <country>".
        (
            "Our fintech company is based in Singapore and we are choosing between Seoul and "
            "Tokyo for an office.",
            ["외국인 투자자·기업", "중소기업"],
        ),
        (
            "Our company builds industrial robots in Germany.",
            ["외국인 투자자·기업", "중소기업"],
        ),
        # A foreigner living and registered in Seoul who invests nothing: a resident.
        (
            "I'm a designer from Canada living in Seoul with a one-person company registered "
            "here. Not raising money or investing anything.",
            ["중소기업"],
        ),
        # Living here and investing is still an investor.
        (
            "I'm from France, living in Seoul, and I want to invest in Seoul startups.",
            ["외국인 투자자·기업"],
        ),
    ],
)
def test_where_a_foreign_user_s_company_is(text: str, kinds: list[str]) -> None:
    assert sorted(read_profile(text, now_year=2026).kinds) == kinds


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        # Hired in the past, new hires as a noun: onboarding, not hiring.
        (
            "We hired 6 fresh graduates this year. How can new hires settle in? Any training?",
            ["교육·인력"],
        ),
        ("작년에 직원 뽑았는데 적응 교육이 필요해요", ["교육·인력"]),
        ("개발자를 채용하고 싶어요", ["채용·고용"]),
        # A need denied in its own clause is not a need.
        (
            "R&D 과제는 정산 부담 때문에 이번엔 안 하려고요. VC 투자 연결 있나요?",
            ["투자"],
        ),
    ],
)
def test_needs_said_in_the_past_or_denied_are_not_needs(text: str, needs: list[str]) -> None:
    assert read_profile(text, now_year=2026).as_dict()["needs"] == needs


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("R&D 과제는 이번엔 안 하려고요. 투자 유치가 궁금해요", ["R&D"]),
        # Denied in one clause, asked for in another: not refused.
        ("규제 이런건 상관없고 노무 상담이 필요해요", []),
        ("해외 쪽은 아직이고 국내 판로를 찾아요", []),
        ("사무실 구해요", []),
    ],
)
def test_the_help_the_user_refuses(text: str, refused: list[str]) -> None:
    assert sorted(refused_needs(text)) == refused


@pytest.mark.parametrize(
    ("text", "industries"),
    [
        ("독립영화 만드는 2인 제작사예요", ["영상"]),
        ("We sell Korean skincare online", ["뷰티", "화장품"]),
    ],
)
def test_film_and_skincare_are_trades_of_their_own(text: str, industries: list[str]) -> None:
    assert read_profile(text, now_year=2026).as_dict()["industries"] == industries


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # Said not to be a job seeker: employees only.
        (
            "Is there a free data course for our current employees? They're all employed, "
            "not job seekers.",
            ["구직자·재직자", "재직자"],
        ),
        ("저는 구직자가 아니라 재직 중인 직장인이에요", ["구직자·재직자", "재직자"]),
        ("홍대 3학년인데 아직 취업준비는 안하고있어요", ["대학생"]),
        # Selling SMEs' goods and working at no company: a job seeker, not an SME.
        (
            "경력단절 주부인데 중소기업 제품 팔아보고 싶어요. 회사는 안다녀요",
            ["구직자", "구직자·재직자"],
        ),
        ("저희 중소기업 제품을 팔 곳을 찾고 있어요", ["중소기업"]),
    ],
)
def test_a_kind_the_user_denies_is_not_theirs(text: str, kinds: list[str]) -> None:
    assert sorted(read_profile(text, now_year=2026).kinds) == kinds
