"""``bizcall bookings``, ``bookings outbox``, ``experts`` and the roster in ``db load``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from bot.booking import writes
from bot.booking.results import BookingInfo
from bot.cli import main
from tests.support.booking import write
from tests.support.booking_api import kst

Details = Callable[..., dict[str, Any]]


@pytest.fixture()
def two_bookings(booking_db: str, details: Details) -> list[BookingInfo]:
    summary = "직원 퇴직금 문의, 연락처 010-5555-6666"
    first = write(writes.create_booking, **details(email="hong@example.com", summary=summary))
    second = write(
        writes.create_booking,
        **details(start=kst(2026, 12, 4, 9), contact_name="김철", phone="02-123-4567"),
    )
    write(
        writes.cancel_booking,
        code=second.code,
        phone="02-123-4567",
        requester="r",
        now=kst(2026, 11, 30, 9),
    )
    return [first, second]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_bookings_table_masks_personal_data(
    two_bookings: list[BookingInfo], capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(capsys, "bookings")
    assert two_bookings[0].code in out and two_bookings[1].code in out
    assert "홍*순" in out and "010-****-5678" in out and "02-****-4567" in out
    assert "홍길순" not in out and "1234-5678" not in out
    assert "2026-12-03 14:00" in out and "예약됨" in out and "취소됨" in out
    assert "2 bookings (personal data masked)" in out


def test_bookings_reveal_shows_everything(
    two_bookings: list[BookingInfo], capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(capsys, "bookings", "--reveal")
    assert "홍길순" in out and "010-1234-5678" in out and "02-123-4567" in out


def test_bookings_json_parses_and_masks(
    two_bookings: list[BookingInfo], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = json.loads(_run(capsys, "bookings", "--json"))
    first = rows[0]
    assert first["code"] == two_bookings[0].code
    assert first["start"] == "2026-12-03T14:00:00+09:00" and first["expert_id"] == "a-tax"
    assert first["phone"] == "010-****-5678" and first["email"] == "h***@example.com"
    assert first["business_number"] == "220-81-*****" and first["contact_name"] == "홍*순"
    assert "010-5555-6666" not in first["summary"] and "퇴직금" in first["summary"]
    revealed = json.loads(_run(capsys, "bookings", "--json", "--reveal"))[0]
    assert revealed["phone"] == "010-1234-5678" and revealed["business_number"] == "220-81-62517"
    assert revealed["summary"] == "직원 퇴직금 문의, 연락처 010-5555-6666"


def test_bookings_filters(
    two_bookings: list[BookingInfo], capsys: pytest.CaptureFixture[str]
) -> None:
    def codes(*argv: str) -> list[str]:
        return [r["code"] for r in json.loads(_run(capsys, "bookings", "--json", *argv))]

    assert codes("--date", "2026-12-04") == [two_bookings[1].code]
    assert codes("--status", "cancelled") == [two_bookings[1].code]
    assert codes("--status", "예약됨") == [two_bookings[0].code]
    assert codes("--expert", "b-tax") == []
    assert main(["bookings", "--status", "lost"]) == 2
    assert "unknown status" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["bookings", "--date", "12/4"])


def test_outbox_lists_masked_recipients_and_pending(
    two_bookings: list[BookingInfo], capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(capsys, "bookings", "outbox")
    assert "confirmation" in out and "cancelled" in out and "h***@example.com" in out
    assert "010-1234-5678" not in out and "hong@example.com" not in out
    pending = json.loads(_run(capsys, "bookings", "outbox", "--pending", "--json"))
    assert {p["status"] for p in pending} == {"pending"}
    assert {p["kind"] for p in pending} == {"confirmation", "reminder", "cancelled"}
    assert all("*" in p["recipient"] for p in pending)
    revealed = json.loads(_run(capsys, "bookings", "outbox", "--json", "--reveal"))
    assert {"010-1234-5678", "hong@example.com", "02-123-4567"} <= {
        r["recipient"] for r in revealed
    }
    assert any("일시: 12월 3일(목) 오후 2:00" in r["body"] for r in revealed)


def test_experts_lists_the_roster(booking_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "experts")
    assert "a-tax" in out and "mon-fri 09:00-12:00,13:00-18:00" in out and "4 experts" in out
    tax = json.loads(_run(capsys, "experts", "--field", "tax", "--json"))
    assert [e["id"] for e in tax] == ["a-tax", "b-tax"]
    assert tax[1]["hours"] == {
        "mon": ["13:00-18:00"],
        "tue": ["13:00-18:00"],
        "wed": ["13:00-18:00"],
        "thu": ["13:00-18:00"],
        "fri": ["13:00-18:00"],
        "sat": ["10:00-12:00"],
    }
    assert main(["experts", "--field", "astrology"]) == 2


def test_db_load_loads_catalogue_then_roster(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(capsys, "db", "load")
    assert out.index("catalogue loaded:") < out.index("roster loaded:")
    assert "22 experts" in out
    patent = json.loads(_run(capsys, "experts", "--field", "patent", "--json"))
    assert len(patent) >= 2
    assert "roster loaded:" in _run(capsys, "db", "load")  # idempotent


def test_db_load_reports_an_invalid_roster_cleanly(
    db_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.settings import ROOT, get_settings

    catalog = tmp_path / "catalog"
    catalog.mkdir()
    for name in ("fields.yml", "teams.yml", "facilities.yml", "programs.yml"):
        (catalog / name).write_text(
            (ROOT / "catalog" / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    (catalog / "experts.yml").write_text(
        "experts:\n  - {id: x, name: 가, title: 변호사, fields: [law], channels: [fax],"
        " hours: {mon: ['09:00-12:00']}}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("BIZCALL_CATALOG_DIR", str(catalog))
    get_settings.cache_clear()
    assert main(["db", "load"]) == 1
    err = capsys.readouterr().err
    assert "expert roster is invalid" in err and "x: unknown channel 'fax'" in err
    assert "Traceback" not in err
    from bot.catalog.queries import list_programs
    from bot.db import session_scope

    with session_scope() as session:  # both files are validated before anything is loaded
        assert list_programs(session=session) == []
