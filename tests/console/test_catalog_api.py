"""Admins keep the catalogue current through the API: an edit shows in the next answer with
its as-of date, is listed in the history, survives a reload of the YAML and is exported
back to it; bad edits get a 4xx that says why."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bot.catalog.answers import Aspect, render
from bot.catalog.export import export_catalog
from bot.catalog.loader import load_catalog, read_catalog
from bot.catalog.queries import get_program
from bot.catalog.upkeep import nlu_stale
from bot.console import auth
from bot.db import session_scope
from bot.settings import ROOT
from tests.console.conftest import NOW, login
from tests.support.asgi import AsgiClient
from tests.support.booking import call

SCHEDULE = "2027년 1차 모집 2027년 2월 2일~2월 27일(온라인 접수)."
EDIT = {
    "values": {
        "schedule": SCHEDULE,
        "schedule_en": "First call of 2027: February 2-27, 2027 (online).",
    },
    "as_of": "2026-11-30",
    "note": "2027년 1차 모집 공고 반영",
}


def _bearer(username: str) -> dict[str, str]:
    token = call(auth.issue_api_token, username=username, days=1, now=NOW)
    return {"authorization": f"Bearer {token}"}


async def test_an_admin_edit_shows_in_the_next_answer_with_its_date_and_history(
    client: AsgiClient,
    staff: dict,
    console_db: str,
) -> None:
    done = await client.patch("/api/programs/youth-job-academy", headers=_bearer("park"), json=EDIT)
    assert done.status == 200, done.text
    body = done.json()
    assert body["nlu_stale"] is False and "message" not in body
    assert body["change"]["changes"]["schedule"]["new"] == SCHEDULE
    assert body["record"]["basis"] == "2026년 11월 30일 SBA 담당자 확인 기준"
    with session_scope(console_db) as session:
        answer = render(
            get_program(program_id="youth-job-academy", session=session), Aspect.SCHEDULE
        )
    assert "청년취업사관학교의 일정은 2026년 11월 30일 담당자가 확인한 일정입니다." in answer
    assert SCHEDULE in answer
    assert answer.endswith(
        "(출처: 2026년 11월 30일 SBA 담당자 확인 기준, III. 기업인재 양성 및 "
        "고용지원 > 1 인재양성 > ① 청년취업사관학교 조성 및 운영)"
    )
    history = (
        await client.get("/api/programs/youth-job-academy/history", headers=_bearer("kim"))
    ).json()["items"]
    assert [(h["author"], h["as_of"], h["note"]) for h in history] == [
        ("park", "2026-11-30", "2027년 1차 모집 공고 반영")
    ]
    assert history[0]["changes"]["schedule"]["old"].startswith("신규캠퍼스 조성 공사 완료")


async def test_agents_may_read_but_not_edit(client: AsgiClient, staff: dict) -> None:
    refused = await client.patch(
        "/api/programs/youth-job-academy", headers=_bearer("kim"), json=EDIT
    )
    assert refused.status == 403
    read = await client.get("/api/programs/youth-job-academy", headers=_bearer("kim"))
    assert read.status == 200 and read.json()["as_of"] == "2022-11-01"
    assert read.json()["values"]["team"] == "교육1팀"


async def test_bad_edits_are_refused_with_the_reason(client: AsgiClient, staff: dict) -> None:
    admin = _bearer("park")
    cases = [
        ({**EDIT, "as_of": "2027-01-01"}, 422, "as_of는 오늘이나 그 이전 날짜여야 합니다."),
        ({**EDIT, "as_of": "어제"}, 422, "as_of는 YYYY-MM-DD 형식의 날짜여야 합니다."),
        ({**EDIT, "note": "  "}, 422, "무엇을 왜 고쳤는지 note에 적어 주세요."),
        ({**EDIT, "values": {"budget": 1}}, 422, "고칠 수 없는 항목입니다: budget"),
        ({**EDIT, "values": {"name": ""}}, 422, "name는 비워 둘 수 없습니다."),
        ({**EDIT, "values": {"aliases": "청년"}}, 422, "aliases는 문자열 목록이어야 합니다."),
        ({**EDIT, "values": {"team": "없는팀"}}, 422, "'없는팀'이라는 팀이 카탈로그에 없습니다."),
        ({**EDIT, "values": {"target": 5}}, 422, "target는 문자열이어야 합니다."),
    ]
    for body, status, message in cases:
        answer = await client.patch("/api/programs/youth-job-academy", headers=admin, json=body)
        assert (answer.status, answer.json()) == (status, {"error": message}), body
    not_an_object = await client.patch(
        "/api/programs/youth-job-academy", headers=admin, json=["schedule"]
    )
    assert not_an_object.status == 400
    assert not_an_object.json() == {"error": "JSON 객체를 보내 주세요."}
    missing = await client.patch("/api/programs/no-such-program", headers=admin, json=EDIT)
    assert missing.status == 404


async def test_a_name_change_says_to_retrain(
    client: AsgiClient, staff: dict, console_db: str
) -> None:
    done = await client.patch(
        "/api/programs/seoul-cup",
        headers=_bearer("park"),
        json={
            "values": {"aliases": ["서울컵", "서울컵 대회", "학생 e스포츠 대회"]},
            "as_of": "2026-12-01",
            "note": "별칭 추가",
        },
    )
    assert done.status == 200 and done.json()["nlu_stale"] is True
    assert "make train" in done.json()["message"]
    with session_scope(console_db) as session:
        assert nlu_stale(session=session) == done.json()["change"]["ref"]


async def test_edits_survive_a_reload_and_export_back_to_the_yaml(
    client: AsgiClient,
    staff: dict,
    console_db: str,
    tmp_path: Path,
) -> None:
    catalog_dir = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog_dir)
    assert (
        await client.patch("/api/programs/youth-job-academy", headers=_bearer("park"), json=EDIT)
    ).status == 200
    with session_scope(console_db) as session:  # a reload before any export keeps the edit
        load_catalog(read_catalog(catalog_dir), session=session)
    with session_scope(console_db) as session:
        assert get_program(program_id="youth-job-academy", session=session).schedule == SCHEDULE
        done = export_catalog(session=session, catalog_dir=catalog_dir)
    assert done.changes == 1 and done.files == ["programs.yml", "history.yml"]
    text = (catalog_dir / "programs.yml").read_text(encoding="utf-8")
    assert text.startswith("# Source: SBA 2022 주요 업무보고")  # comments survive
    [row] = [p for p in yaml.safe_load(text)["programs"] if p["id"] == "youth-job-academy"]
    assert row["schedule"] == SCHEDULE and str(row["as_of"]) == "2026-11-30"
    history = yaml.safe_load((catalog_dir / "history.yml").read_text(encoding="utf-8"))
    assert [c["note"] for c in history["changes"]] == ["2027년 1차 모집 공고 반영"]
    with session_scope(console_db) as session:  # a reload of the exported files: same data
        load_catalog(read_catalog(catalog_dir), session=session)
    with session_scope(console_db) as session:
        program = get_program(program_id="youth-job-academy", session=session)
        assert (program.schedule, str(program.as_of)) == (SCHEDULE, "2026-11-30")
        assert export_catalog(session=session, catalog_dir=catalog_dir).changes == 0


async def test_admins_edit_in_the_console_page_and_agents_only_read(
    client: AsgiClient,
    staff: dict,
    console_db: str,
) -> None:
    csrf = await login(client, "park")
    page = await client.get("/console/catalog/programs/youth-job-academy")
    assert page.status == 200 and 'id="catalog-edit"' in page.text
    assert "2022년 11월 서울산업진흥원 업무보고 기준" in page.text
    refused = await client.post(
        "/console/catalog/programs/youth-job-academy",
        form={"csrf_token": csrf, "v_contact": "02-000-0000", "as_of": "2026-12-01", "note": ""},
    )
    assert refused.status == 422 and "무엇을 왜 고쳤는지 note에 적어 주세요." in refused.text
    saved = await client.post(
        "/console/catalog/programs/youth-job-academy",
        form={
            "csrf_token": csrf,
            "v_contact": "교육1팀 대표 메일 sesac@example.org",
            "as_of": "2026-12-01",
            "note": "문의 메일 추가",
        },
    )
    assert saved.status == 302
    after = await client.get(saved.header("location"))
    assert "2026년 12월 1일 SBA 담당자 확인 기준" in after.text and "문의 메일 추가" in after.text
    with session_scope(console_db) as session:
        answer = render(
            get_program(program_id="youth-job-academy", session=session), Aspect.CONTACT
        )
    assert "연락처: 교육1팀 대표 메일 sesac@example.org" in answer
    listing = await client.get("/console/catalog")
    assert listing.status == 200 and "청년취업사관학교" in listing.text

    agent = AsgiClient(client.app)
    await login(agent, "kim")
    view = await agent.get("/console/catalog/programs/youth-job-academy")
    assert view.status == 200 and 'id="catalog-edit"' not in view.text
    assert "문의 메일 추가" in view.text


async def test_recommend_api_reads_the_profile_and_lists_programs(
    client: AsgiClient,
    staff: dict,
) -> None:
    done = await client.post(
        "/api/recommend",
        headers=_bearer("kim"),
        json={"text": "애니메이션 만드는 3인 스튜디오인데 작업 공간이 필요해요"},
    )
    assert done.status == 200, done.text
    body = done.json()
    assert body["profile"]["needs"] == ["공간"] and body["profile"]["headcount"] == 3
    first = body["programs"][0]
    assert first["id"] == "animation-town" and first["reasons"]
    assert first["status"] in ("eligible", "check")
    empty = await client.post("/api/recommend", headers=_bearer("kim"), json={"text": " "})
    assert (empty.status, empty.json()) == (422, {"error": "text에 회사 소개를 적어 주세요."})
