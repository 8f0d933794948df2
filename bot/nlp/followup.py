"""Is a program question a follow-up about the program already under discussion?

"담당 부서는요?" after a question about 청년취업사관학교 is about that program;
"우주선 발사 사업 알려줘" names something else and must not be answered with it.
A message is a follow-up when, apart from question vocabulary, it names nothing.
English works the same way: "Where is it?" and "When can we apply?" name nothing, "What
about the game center?" does.
"""

from __future__ import annotations

import re

from bot.language import detect_language
from bot.nlp.morph import tokenize

QUESTION_WORDS = frozenset(
    """
    사업 프로그램 지원 지원사업 신청 자격 대상 대상자 조건 요건 자격요건
    담당 부서 담당자 팀 담당팀 문의 문의처 연락처 번호 전화 전화번호 이메일 메일 주소
    어디 뭐 무엇 누구 누가 언제 얼마 얼마나 그거 그것 이거 이것 거기 그곳 그 이 저
    내용 기간 일정 마감 방법 위치 예산 금액 실적 혜택 설명 정보 궁금 질문 모집 접수
    좀 더 자세 하나 두 그럼 그러면 혹시 회사 우리 저희 제 나 기업 저도 나도
    신청서 참여 가능 수 것 거 데 때 곳 쪽 분 알려 요 몇 개 곳 작년 올해 내년
    비용 무료 공짜 돈 가격 요금
    """.split()
)
ENGLISH_QUESTION_WORDS = frozenset(
    """
    what where when who whom which how why whose is are was were do does did can could
    would will should may might it its this that there they them their the a an of for to
    in on at about and or so then also too again please tell me us we our i my you your
    more much many long apply application applications deadline deadlines open opens
    close closes start starts eligible eligibility qualify contact email phone number
    address located location cost costs budget fee fees free results last year this next
    program programme support funding funds amount money office team department person
    charge get join sign up take takes price prices
    """.split()
)
CONTENT_TAGS = frozenset({"Noun", "Alpha", "Foreign", "ProperNoun"})
_ENGLISH_WORD = re.compile(r"[A-Za-z]+")


def is_follow_up(text: str, backend: str = "okt") -> bool:
    """True if ``text`` names no subject of its own (so it refers to the previous one)."""
    if detect_language(text) == "en":
        return all(w.lower() in ENGLISH_QUESTION_WORDS for w in _ENGLISH_WORD.findall(text))
    for tok in tokenize(text, backend):
        if tok.tag in CONTENT_TAGS and tok.text.lower() not in QUESTION_WORDS:
            return False
    return True
