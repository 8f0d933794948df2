"""``catalog/eligibility.yml`` is checked like the rest of the catalogue, and a sub-program
inherits what it does not state."""

from __future__ import annotations

from bot.recommend.criteria import inherit, parse, problems

IDS = {"parent", "child"}


def test_bad_rows_are_reported_with_the_reason() -> None:
    rows = [
        {"id": "nope", "gives": ["자금"]},
        {"id": "parent", "applicants": ["사장님"], "gives": ["돈"], "extra": 1},
        {
            "id": "child",
            "industries": ["게임"],
            "gives": ["공간"],
            "evidence": {"industries": "게임 기업 (line unknown)"},
        },
        {"id": "child", "gives": []},
        {"id": "parent", "gives": ["복지"], "participants_of": "nowhere"},
    ]
    assert list(problems(rows, IDS)) == [
        "eligibility.yml nope: no such program",
        "eligibility.yml parent: unknown key 'extra'",
        "eligibility.yml parent: applicant '사장님' is not one of 예비창업자, 창업기업, 중소기업, "
        "소상공인·소공인, 구직자·재직자, 구직자, 재직자, 수출기업, 대학생, 고등학생, "
        "1인 크리에이터, 콘텐츠·게임 기업, 외국인 투자자·기업, 대·중견기업, 대학·연구기관, 시민",
        "eligibility.yml parent: gives '돈' is not one of 자금, 투자, 공간, 판로·수출, 교육·인력, "
        "R&D, IP, 인증, 컨설팅, 행사·전시, 네트워킹, 채용·고용, 복지",
        "eligibility.yml parent: applicants is stated without an evidence line of the report",
        "eligibility.yml child: evidence for industries must start with the report line "
        "(L123: …)",
        "eligibility.yml child: listed twice",
        "eligibility.yml child: gives needs at least one of 자금, 투자, 공간, 판로·수출, "
        "교육·인력, R&D, IP, 인증, 컨설팅, 행사·전시, 네트워킹, 채용·고용, 복지",
        "eligibility.yml parent: listed twice",
        "eligibility.yml parent: participants_of 'nowhere' is no program",
        "eligibility.yml parent: participants_of is stated without an evidence line of the "
        "report",
    ]


def test_a_sub_program_inherits_what_it_does_not_state() -> None:
    parent = parse(
        {
            "applicants": ["중소기업"],
            "location": {"seoul": True, "districts": ["금천"]},
            "gives": ["공간"],
            "requires": ["입주 심사"],
        }
    )
    child = parse(
        {"industries": ["패션"], "gives": ["판로·수출"], "requires": ["하이서울기업 인증 기업"]}
    )
    merged = inherit(child, parent)
    assert merged.applicants == frozenset({"중소기업"})
    assert (merged.seoul, merged.districts, merged.industries) == (True, ("금천",), ("패션",))
    assert merged.gives == ("판로·수출",)
    assert merged.requires == ("입주 심사", "하이서울기업 인증 기업")
    assert parse({}).applicants is None and parse({}).industries is None


def test_any_trade_is_stated_and_not_inherited_and_needs_evidence() -> None:
    """``industries: []`` (1인 미디어 육성: an SME of any trade uses the creators) keeps a
    sub-program from taking the parent's content trades, and is a claim with its line."""
    parent = parse({"industries": ["콘텐츠", "1인 미디어"]})
    assert inherit(parse({"industries": []}), parent).industries == ()
    assert inherit(parse({"industries": None}), parent).industries == ("콘텐츠", "1인 미디어")
    row = {"id": "x", "industries": [], "gives": ["공간"], "evidence": {}}
    assert list(problems([row], {"x"})) == [
        "eligibility.yml x: industries is stated without an evidence line of the report"
    ]


def test_the_real_file_is_clean_and_covers_every_program(catalog: object) -> None:
    import yaml

    from bot.settings import ROOT

    rows = yaml.safe_load((ROOT / "catalog" / "eligibility.yml").read_text(encoding="utf-8"))
    programs = yaml.safe_load((ROOT / "catalog" / "programs.yml").read_text(encoding="utf-8"))
    ids = {p["id"] for p in programs["programs"]}
    assert list(problems(rows["programs"], ids)) == []
    assert {r["id"] for r in rows["programs"]} == ids


def test_resident_districts_and_universities_are_read_inherited_and_need_evidence() -> None:
    gvalley = parse(
        {
            "location": {
                "seoul": True,
                "districts": ["구로", "금천"],
                "resident": ["구로", "금천"],
            },
            "gives": ["공간"],
        }
    )
    gcamp = parse({"location": {"seoul": True, "districts": ["금천"]}, "gives": ["R&D"]})
    cube = parse(
        {"location": {"seoul": True, "districts": ["금천"], "resident": []}, "gives": ["공간"]}
    )
    assert inherit(gcamp, gvalley).resident == ("구로", "금천")
    assert inherit(gcamp, gvalley).districts == ("금천",)
    assert inherit(cube, gvalley).resident == ()
    assert parse({"gives": ["공간"]}).resident is None
    campus = parse({"universities": ["건국대", "한양대"], "gives": ["교육·인력"]})
    assert campus.universities == ("건국대", "한양대")
    assert list(
        problems(
            [
                {
                    "id": "parent",
                    "gives": ["공간"],
                    "universities": ["연세대"],
                    "location": {"seoul": True, "districts": ["금천"], "resident": ["금천"]},
                    "evidence": {"location": "L1030: 금천구 소재"},
                },
            ],
            IDS,
        )
    ) == [
        "eligibility.yml parent: universities is stated without an evidence line of the report",
        "eligibility.yml parent: location.resident is stated without an evidence line",
    ]


def test_youth_is_read_inherited_overridden_and_needs_evidence() -> None:
    academy = parse({"youth": True, "gives": ["교육·인력"]})
    both = parse({"youth": False, "gives": ["교육·인력"]})
    course = parse({"gives": ["교육·인력"]})
    assert (academy.youth, both.youth, course.youth) == (True, False, None)
    assert inherit(course, academy).youth is True
    assert inherit(course, inherit(both, academy)).youth is False  # 청년 및 재직자 (L708)
    assert list(problems([{"id": "child", "youth": True, "gives": ["교육·인력"]}], IDS)) == [
        "eligibility.yml child: youth is stated without an evidence line of the report"
    ]
