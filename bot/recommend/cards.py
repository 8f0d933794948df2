"""What the user sees for a recommendation: one line on the profile used, a card per program
(name, why it fits, what to check, how to apply) and a closing line with what to do next.

Cards are plain dicts (``type: "recommendation"``) so every channel can draw them: the web
widget as cards, KakaoTalk as a carousel, the console as a list.
"""

from __future__ import annotations

from typing import Any, Final

from bot.catalog.answers import program_button
from bot.catalog.aspects import shorten
from bot.catalog.basis import team_label
from bot.catalog.tree import inherited
from bot.db.models import Program
from bot.recommend.criteria import EN_TERMS
from bot.recommend.kinds_trades import IMPLIED
from bot.recommend.matcher import Recommendation
from bot.recommend.profile import Profile

STATUS: Final = {
    "eligible": {"ko": "지금 신청 가능", "en": "Fits as stated"},
    "check": {"ko": "조건 확인 필요", "en": "Check conditions"},
}
APPLY_CHARS: Final = 160


def profile_summary(profile: Profile, language: str) -> str:
    """The facts the list was chosen on, in the user's terms ("성수동 · 업력 2년 · 식품")."""
    en = language == "en"
    implied = {k for kind in profile.kinds for k in IMPLIED.get(kind, ())}
    parts = [EN_TERMS.get(k, k) if en else k for k in sorted(profile.kinds - implied)]
    if profile.years is not None and "예비창업자" not in profile.kinds:
        years = f"{profile.years:g}"
        parts.append(f"{years} years in business" if en else f"업력 {years}년")
    if profile.place_word:
        parts.append(profile.place_word)
    elif profile.district:
        parts.append(profile.district if en else f"{profile.district}구")
    elif profile.seoul is False:
        parts.append("outside Seoul" if en else "서울 밖")
    parts.extend(profile.said.get(i, i) if en else i for i in sorted(profile.industries)[:2])
    parts.extend(
        f"{EN_TERMS.get(n, n)} support" if en else f"{n} 지원" for n in sorted(profile.needs)[:3]
    )
    return " · ".join(parts)


def intro(profile: Profile, count: int, language: str, *, reranked: bool) -> str:
    """The line above the cards."""
    summary = profile_summary(profile, language)
    if language == "en":
        basis = f" ({summary})" if summary else ""
        head = "With what you told me" if reranked else "Based on what you told me"
        return (
            f"{head}{basis}, these {count} SBA programs fit best. 'Fits as stated' means "
            "you meet every condition the plan states; 'Check conditions' lists what to "
            "confirm in the notice."
        )
    basis = f"({summary})" if summary else ""
    head = "바뀐 내용으로 다시 골랐습니다. " if reranked else ""
    return (
        f"{head}말씀하신 내용{basis}에 맞는 SBA 사업 {count}개입니다. '지금 신청 가능'은 "
        "적힌 조건에 모두 맞는 사업이고, '조건 확인 필요'는 공고에서 확인할 점을 함께 "
        "적었습니다."
    )


def card(rec: Recommendation, program: Program, position: int, language: str) -> dict[str, Any]:
    """One program as a recommendation card."""
    en = language == "en"
    found = inherited(program, "application_en" if en else "application")
    apply = shorten(found[1], APPLY_CHARS) if found else None
    if apply is None and program.team is not None:
        apply = (
            f"Ask the responsible team ({program.team.name_en or program.team.name})."
            if en
            else f"서울산업진흥원 {team_label(program.team)}에 문의해 주세요."
        )
    return {
        "type": "recommendation",
        "position": position,
        "id": rec.program_id,
        "name": rec.name,
        "status": rec.status,
        "status_label": STATUS[rec.status]["en" if en else "ko"],
        "reasons": list(rec.reasons),
        "to_check": list(rec.to_check),
        "apply": apply,
    }


def follow_up(language: str) -> str:
    """The line under the cards: what the user can do next."""
    if language == "en":
        return (
            "Tap a program to learn more, or book a consultation with an expert. If "
            "something about your company is different, just tell me and I will choose "
            "again."
        )
    return (
        "궁금한 사업을 누르면 자세히 알려 드리고, 전문가 상담도 예약하실 수 있습니다. "
        "업력이나 지역 등이 다르면 말씀해 주세요. 다시 골라 드리겠습니다."
    )


def follow_up_buttons(recs: list[Recommendation], language: str) -> list[dict[str, str]]:
    """A button per program (asks about it) and one to book a consultation."""
    buttons = [program_button(rec.program_id, rec.name) for rec in recs]
    buttons.append(
        {
            "title": "Book a consultation" if language == "en" else "상담 예약하기",
            "payload": "/request_consultation",
        }
    )
    return buttons


def recommend_button(language: str) -> dict[str, str]:
    """Offered beside a consultation when the user described the company and a need: the
    same message also asks, in effect, which programs fit."""
    return {
        "title": "See programs that fit" if language == "en" else "맞는 지원사업 보기",
        "payload": "/ask_recommendation",
    }


def nothing_found(language: str) -> str:
    """When no program fits: say so and offer a person."""
    if language == "en":
        return (
            "I could not find an SBA program that fits what you told me. An expert can "
            "look at your case: would you like to book a consultation?"
        )
    return (
        "말씀하신 조건에 맞는 SBA 사업을 찾지 못했습니다. 전문가가 회사 상황을 보고 맞는 "
        "지원을 찾아 드릴 수 있습니다. 상담을 예약하시겠어요?"
    )
