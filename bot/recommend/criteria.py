"""Eligibility criteria of a program, as ``catalog/eligibility.yml`` states them from the report.

Each criterion is either stated (with an ``evidence`` line of the report) or unknown
(``None``): the matcher never treats silence as a yes or a no, it says "확인 필요". A
sub-program inherits every criterion it does not state from its nearest ancestor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

APPLICANTS: Final = (
    "예비창업자",
    "창업기업",
    "중소기업",
    "소상공인·소공인",
    "구직자·재직자",
    "구직자",
    "재직자",
    "수출기업",
    "대학생",
    "고등학생",
    "1인 크리에이터",
    "콘텐츠·게임 기업",
    "외국인 투자자·기업",
    "대·중견기업",
    "대학·연구기관",
    "시민",
)
"""Who may apply. ``구직자·재직자`` is a program for both; ``구직자`` or ``재직자`` alone is a
program the report gives to one of them (청년구직자 교육, 재직자 DT교육). ``수출기업`` is
the report's 비고 for export programs (글로벌IP스타기업). ``고등학생`` is 서울컵's
"고등학생 대상" (L1233)."""
GIVES: Final = (
    "자금",
    "투자",
    "공간",
    "판로·수출",
    "교육·인력",
    "R&D",
    "IP",
    "인증",
    "컨설팅",
    "행사·전시",
    "네트워킹",
    "채용·고용",
    "복지",
)
EN_TERMS: Final = {
    "예비창업자": "pre-founder",
    "창업기업": "startup",
    "중소기업": "SME",
    "소상공인·소공인": "small business",
    "구직자·재직자": "job seekers and employees",
    "구직자": "job seekers",
    "재직자": "employees",
    "수출기업": "exporters",
    "대학생": "student",
    "고등학생": "high school students",
    "1인 크리에이터": "creator",
    "콘텐츠·게임 기업": "content company",
    "외국인 투자자·기업": "foreign investor",
    "대·중견기업": "large company",
    "자금": "funding",
    "투자": "investment",
    "공간": "space",
    "판로·수출": "sales and export",
    "교육·인력": "training",
    "R&D": "R&D",
    "IP": "IP",
    "인증": "certification",
    "컨설팅": "consulting",
    "행사·전시": "events",
    "네트워킹": "networking",
    "채용·고용": "hiring",
    "복지": "welfare",
    "대학·연구기관": "university or research institute",
    "시민": "citizen",
    "B2C 소비재": "consumer goods",
    "제조": "manufacturing",
    "식품": "food",
    "뷰티": "beauty",
    "패션": "fashion",
    "콘텐츠": "content",
    "게임": "games",
    "애니메이션": "animation",
    "웹툰": "webtoons",
    "1인 미디어": "creator media",
}
"""English words for the vocabulary, for answers in English (``en``)."""


def en(term: str) -> str:
    """``term`` in English where the vocabulary has it, else as written."""
    return EN_TERMS.get(term, term)


KEYS: Final = frozenset(
    {
        "id",
        "applicants",
        "business_age",
        "age",
        "location",
        "industries",
        "gives",
        "needs",
        "excluded",
        "requires",
        "participants_of",
        "universities",
        "youth",
        "evidence",
    }
)
STATED: Final = (
    "applicants",
    "business_age",
    "age",
    "location",
    "industries",
    "excluded",
    "participants_of",
    "universities",
    "youth",
)


@dataclass(frozen=True)
class Eligibility:
    """One program's criteria; ``None`` is "the report does not say"."""

    applicants: frozenset[str] | None = None
    pre_founder: bool | None = None
    """May a 예비창업자 apply (``business_age.pre_founder``)?"""
    min_years: float | None = None
    max_years: float | None = None
    min_age: int | None = None
    max_age: int | None = None
    youth: bool | None = None
    """The report says the program is for 청년 (L724 "청년구직자") and gives no age. Read by
    the matcher with the common definitions (``matcher.YOUTH``), an interpretation the
    report does not make: someone who states an age past every one of them is left out,
    an age or a missing age that only some of them cover is "확인 필요"."""
    seoul: bool | None = None
    districts: tuple[str, ...] = ()
    resident: tuple[str, ...] | None = None
    """The districts a company must already be in ("G밸리(구로구, 금천구) 소재", "마곡 지구에
    입주한"); a sub-program inherits them even where its own ``districts`` are only its
    facility (G·CAMP in 금천 serves 구로 too). ``()`` where the program brings companies in
    (입주 유치); ``None`` where the report does not say: a company elsewhere may still
    come, so the place is "확인 필요" rather than a reason to leave it out."""
    universities: tuple[str, ...] | None = None
    """The participating universities the report lists (캠퍼스 CEO, L721): a student of
    another one cannot take part."""
    industries: tuple[str, ...] | None = None
    gives: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    """Conditions the matcher cannot decide (e.g. "하이서울기업 인증 기업"): always "확인 필요"."""
    participants_of: str | None = None
    """The program whose participants this one serves (Cheer-up: 청년취업사관학교 교육생):
    whoever cannot join that program cannot use this one, so its criteria apply here too."""
    participants_words: tuple[str, ...] = ()
    """That program's names (filled in by the matcher): a user who names none of them is
    not its participant, so this program is not for them."""
    participants_not: tuple[str, ...] = ()
    """Other programs' names that hold one of those ("새싹클래스" and 청년취업사관학교's "새싹"),
    longest first: naming one of them is not naming that program."""
    evidence: Mapping[str, str] = field(default_factory=dict)


def parse(row: Mapping[str, Any]) -> Eligibility:
    """An ``Eligibility`` from a checked ``eligibility.yml`` row (or its stored JSON)."""
    age = row.get("age") or {}
    years = row.get("business_age") or {}
    where = row.get("location")
    return Eligibility(
        applicants=frozenset(row["applicants"]) if row.get("applicants") else None,
        pre_founder=years.get("pre_founder"),
        min_years=years.get("min_years"),
        max_years=years.get("max_years"),
        min_age=age.get("min"),
        max_age=age.get("max"),
        youth=bool(row["youth"]) if row.get("youth") is not None else None,
        seoul=where.get("seoul") if isinstance(where, Mapping) else None,
        districts=tuple(where.get("districts") or ()) if isinstance(where, Mapping) else (),
        resident=(
            tuple(where["resident"] or ())
            if isinstance(where, Mapping) and where.get("resident") is not None
            else None
        ),
        universities=tuple(row["universities"]) if row.get("universities") else None,
        # [] is "any trade", stated (a sub-program does not take its parent's then)
        industries=tuple(row["industries"]) if row.get("industries") is not None else None,
        gives=tuple(row.get("gives") or ()),
        needs=tuple(row.get("needs") or ()),
        excluded=tuple(row.get("excluded") or ()),
        requires=tuple(row.get("requires") or ()),
        participants_of=row.get("participants_of") or None,
        evidence=dict(row.get("evidence") or {}),
    )


T = TypeVar("T")


def _pick(mine: T, theirs: T) -> T:
    """``mine`` unless it is unstated (``None``)."""
    return theirs if mine is None else mine


def inherit(own: Eligibility, parent: Eligibility | None) -> Eligibility:
    """``own`` with every unstated criterion taken from ``parent`` (already inherited)."""
    if parent is None:
        return own
    return Eligibility(
        applicants=_pick(own.applicants, parent.applicants),
        pre_founder=_pick(own.pre_founder, parent.pre_founder),
        min_years=_pick(own.min_years, parent.min_years),
        max_years=_pick(own.max_years, parent.max_years),
        min_age=_pick(own.min_age, parent.min_age),
        max_age=_pick(own.max_age, parent.max_age),
        youth=_pick(own.youth, parent.youth),
        seoul=_pick(own.seoul, parent.seoul),
        districts=own.districts or parent.districts,
        resident=_pick(own.resident, parent.resident),
        universities=_pick(own.universities, parent.universities),
        industries=_pick(own.industries, parent.industries),
        gives=own.gives or parent.gives,
        needs=own.needs,
        excluded=own.excluded or parent.excluded,
        requires=tuple(dict.fromkeys((*parent.requires, *own.requires))),
        participants_of=own.participants_of,
        evidence={**parent.evidence, **own.evidence},
    )


def problems(rows: Iterable[Mapping[str, Any]], program_ids: set[str]) -> Iterable[str]:
    """What is wrong with ``eligibility.yml``: unknown ids or keys, values outside the
    vocabulary, a stated criterion without its evidence line, a program listed twice.
    """
    seen: set[str] = set()
    for row in rows:
        pid = row.get("id")
        label = f"eligibility.yml {pid}"
        if pid not in program_ids:
            yield f"{label}: no such program"
            continue
        if pid in seen:
            yield f"{label}: listed twice"
        seen.add(pid)
        for key in sorted(set(row) - KEYS):
            yield f"{label}: unknown key {key!r}"
        for value in row.get("applicants") or []:
            if value not in APPLICANTS:
                yield f"{label}: applicant {value!r} is not one of {', '.join(APPLICANTS)}"
        if row.get("participants_of") and row["participants_of"] not in program_ids:
            yield f"{label}: participants_of {row['participants_of']!r} is no program"
        if not row.get("gives"):
            yield f"{label}: gives needs at least one of {', '.join(GIVES)}"
        for value in row.get("gives") or []:
            if value not in GIVES:
                yield f"{label}: gives {value!r} is not one of {', '.join(GIVES)}"
        evidence = row.get("evidence") or {}
        for key in STATED:
            stated = row.get(key) or (key == "industries" and row.get(key) == [])  # any trade
            if stated and key not in evidence:
                yield f"{label}: {key} is stated without an evidence line of the report"
        where = row.get("location")
        if (
            isinstance(where, Mapping)
            and where.get("resident") is not None
            and "resident" not in evidence
        ):
            yield f"{label}: location.resident is stated without an evidence line"
        for key, line in evidence.items():
            if not isinstance(line, str) or not line.startswith("L"):
                yield f"{label}: evidence for {key} must start with the report line (L123: …)"
