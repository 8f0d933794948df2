"""The pipeline table keeps rows of candidates not measured in this run, and the notes."""

from __future__ import annotations

from pathlib import Path

from bot.evaluation.pipelines import CANDIDATES, TABLE_HEADER, Row, _table_rows, write_table

ACC = {"topic": 0.9, "field": 0.8, "program": 0.7}


def _row(label: str, f1: float | None) -> Row:
    return (label, {"macro_f1": f1} if f1 is not None else None, 8.0, 12.25, ACC)


def test_candidates_have_distinct_slugs_and_labels() -> None:
    assert len({c.slug for c in CANDIDATES}) == len(CANDIDATES)
    assert len({c.label for c in CANDIDATES}) == len(CANDIDATES)
    assert all(c.tokenizer and c.classifier for c in CANDIDATES)  # every row says both


def test_first_write_has_header_rows_and_empty_notes(tmp_path: Path) -> None:
    out = write_table([_row("kiwi", 0.61), _row("okt (KoNLPy)", None)], tmp_path / "p.md")
    text = out.read_text(encoding="utf-8")
    assert TABLE_HEADER in text
    rows = _table_rows(text)
    assert list(rows) == ["okt (KoNLPy)", "kiwi"]  # the candidates' order, not the run's
    assert rows["kiwi"] == "| kiwi | 0.610 | 0.900 | 0.800 | 0.700 | 8.0 | 12.2 |"
    assert "| okt (KoNLPy) | not run |" in rows["okt (KoNLPy)"]
    assert text.endswith("<!-- notes -->\n")


def test_a_later_run_replaces_its_rows_and_keeps_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "p.md"
    write_table([_row("okt (KoNLPy)", 0.65), _row("kiwi", 0.61)], out)
    out.write_text(
        out.read_text(encoding="utf-8") + "\n## Notes\n\nwritten by hand\n", encoding="utf-8"
    )
    write_table([_row("kiwi", 0.63), _row("okt + LogisticRegression", 0.72)], out)
    text = out.read_text(encoding="utf-8")
    rows = _table_rows(text)
    assert list(rows) == ["okt (KoNLPy)", "kiwi", "okt + LogisticRegression"]
    assert "| 0.650 |" in rows["okt (KoNLPy)"]
    assert "| 0.630 |" in rows["kiwi"]
    assert text.endswith("## Notes\n\nwritten by hand\n")
    assert text.count(TABLE_HEADER) == 1


def test_no_table_yet_means_no_rows() -> None:
    assert _table_rows("") == {}
    assert _table_rows("# NLU pipeline comparison\n\nsome text\n") == {}
