"""The ``bizcall`` command line, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import ROOT


def bizcall(*args: str, db_url: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "BIZCALL_DATABASE_URL": db_url, "BIZCALL_VAR_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def cli_var(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One var dir for the read-only tests: the search index cached there is built once."""
    return tmp_path_factory.mktemp("cli-var")


@pytest.fixture(scope="module")
def cli_db(cli_var: Path) -> str:
    """A database the read-only tests share (none of them writes to it)."""
    url = f"sqlite:///{cli_var / 'cli.db'}"
    for action in ("init", "load"):
        result = bizcall("db", action, db_url=url, tmp_path=cli_var)
        assert result.returncode == 0, result.stderr
    return url


def test_db_load_reports_counts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert bizcall("db", "init", db_url=url, tmp_path=tmp_path).returncode == 0
    out = bizcall("db", "load", db_url=url, tmp_path=tmp_path).stdout
    assert "catalogue loaded:" in out and "programs" in out


def test_programs_json_has_the_public_shape(cli_db: str, cli_var: Path) -> None:
    result = bizcall("programs", "--json", db_url=cli_db, tmp_path=cli_var)
    assert result.returncode == 0, result.stderr
    programs = json.loads(result.stdout)
    by_id = {p["id"]: p for p in programs}
    assert len(by_id) == len(programs) >= 3
    for p in programs:
        assert {"id", "name", "name_en", "aliases", "parent", "fields", "team"} <= set(p)
        assert p["parent"] is None or p["parent"] in by_id
    assert by_id["youth-job-academy"]["team"] == "교육1팀"


def test_programs_table_and_show(cli_db: str, cli_var: Path) -> None:
    table = bizcall("programs", db_url=cli_db, tmp_path=cli_var)
    assert "youth-job-academy" in table.stdout and "청년취업사관학교" in table.stdout
    shown = bizcall("programs", "show", "seoul-rnd", db_url=cli_db, tmp_path=cli_var)
    assert json.loads(shown.stdout)["name"] == "서울형 R&D 지원"


def test_unknown_program_id_is_a_clear_error(cli_db: str, cli_var: Path) -> None:
    result = bizcall("programs", "show", "no-such", db_url=cli_db, tmp_path=cli_var)
    assert result.returncode == 1
    assert "no program with id 'no-such'" in result.stderr
    assert "Traceback" not in result.stderr


def test_nlu_export_writes_lookup_and_synonyms(tmp_path: Path) -> None:
    out = tmp_path / "catalog_nlu.yml"
    first = bizcall("nlu", "export", "--out", str(out), db_url="sqlite://", tmp_path=tmp_path)
    assert "written" in first.stdout
    text = out.read_text(encoding="utf-8")
    assert "- lookup: program" in text and "- synonym: youth-job-academy" in text
    assert "    - SeSAC\n" in text
    again = bizcall("nlu", "export", "--out", str(out), db_url="sqlite://", tmp_path=tmp_path)
    assert "unchanged" in again.stdout  # no rewrite, so make does not retrain


def test_search_ranks_with_reasons(cli_db: str, cli_var: Path) -> None:
    result = bizcall(
        "search", "청년들 코딩 공짜로 가르쳐주는 데", "--json", db_url=cli_db, tmp_path=cli_var
    )
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "youth-job-academy"
    assert hits[0]["reasons"] and hits[0]["score"] >= hits[-1]["score"]


@pytest.mark.parametrize("query", ["", "ㅋㅋㅋ", "😀", "'; DROP TABLE programs;--", "가" * 10_000])
def test_search_nothing_found_is_polite_with_suggestions(
    cli_db: str, cli_var: Path, query: str
) -> None:
    result = bizcall("search", query, db_url=cli_db, tmp_path=cli_var)
    assert result.returncode == 1
    assert "찾지 못했습니다" in result.stdout and "청년취업사관학교" in result.stdout
    assert "Traceback" not in result.stderr
