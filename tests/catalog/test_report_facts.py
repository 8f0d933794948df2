"""Facts picked across SBA's 2022 work report hold in the loaded database.

``report_facts.yml`` names a record, an attribute and a substring stated in the report at a
given line; the test reads the value back from the database (not from the YAML files).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.db import session_scope
from bot.db.models import Facility, Program, Team

FACTS = yaml.safe_load((Path(__file__).parent / "report_facts.yml").read_text(encoding="utf-8"))
REPORT = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_05412bb3b26ed020.txt"


def _value(row: Any, kind: str, attribute: str) -> str:
    if attribute == "team":
        return row.team.name if row.team else ""
    if attribute == "parent":
        return row.parent_id or ""
    if attribute == "budget":
        return str(sum(b.amount_thousand_krw for b in row.budget_lines))
    if attribute == "fields":
        return ",".join(sorted(f.code for f in row.fields))
    if attribute == "functions":
        return " / ".join(row.functions)
    return str(getattr(row, attribute) or "")


def test_at_least_thirty_facts_across_the_report() -> None:
    facts = FACTS["facts"]
    assert len(facts) >= 30
    assert {f["kind"] for f in facts} == {"program", "facility", "team"}


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize(
    "fact", FACTS["facts"], ids=lambda f: f"{f['kind']}:{f['id']}:{f['attribute']}"
)
def test_fact_is_in_the_database(fact: dict) -> None:
    model = {"program": Program, "facility": Facility, "team": Team}[fact["kind"]]
    with session_scope() as session:
        row = session.get(model, fact["id"])
        assert row is not None, f"{fact['kind']} {fact['id']} missing"
        assert str(fact["contains"]) in _value(row, fact["kind"], fact["attribute"])


@pytest.mark.parametrize(
    "fact", FACTS["facts"], ids=lambda f: f"{f['kind']}:{f['id']}:{f['report_line']}"
)
def test_fact_is_stated_in_the_report(fact: dict) -> None:
    if not REPORT.exists():
        pytest.skip(f"the report is not beside the repository ({REPORT})")
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    window = "".join(lines[max(0, fact["report_line"] - 3) : fact["report_line"] + 2])
    squash = str.maketrans("", "", " ,")
    assert str(fact["contains"]).translate(squash) in window.translate(squash)
