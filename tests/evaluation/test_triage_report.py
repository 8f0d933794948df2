"""Held-out metrics: accuracy, per-class precision and recall, confusion matrix."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.evaluation.triage import FIX_FOLDS, SEEDED_RASA, TriageReport, format_report
from bot.triage import Triage


def _t(topic: str, field: str | None = None, program: str | None = None) -> Triage:
    return Triage(topic=topic, field=field, program=program, confidence=0.9, intent="x")


@pytest.fixture()
def report() -> TriageReport:
    gold = [
        {"text": "a", "topic": "consultation", "field": "labor", "program": None},
        {"text": "b", "topic": "consultation", "field": "tax", "program": None},
        {"text": "c", "topic": "out_of_scope", "field": None, "program": None},
        {"text": "d", "topic": "program", "field": None, "program": "seoul-cup"},
    ]
    predicted = [
        _t("consultation", "labor"),
        _t("consultation", "labor"),
        _t("consultation", "law"),
        _t("program", None, "seoul-cup"),
    ]
    return TriageReport(name="t", gold=gold, predicted=predicted)


def test_accuracy_per_key(report: TriageReport) -> None:
    assert report.accuracy("topic") == 0.75
    assert report.accuracy("field") == 0.5
    assert report.accuracy("program") == 1.0
    assert TriageReport(name="empty").accuracy("topic") == 0.0


def test_precision_and_recall_per_class(report: TriageReport) -> None:
    topics = report.per_class("topic")
    assert topics["consultation"] == (2 / 3, 1.0, 2)
    assert topics["out_of_scope"] == (0.0, 0.0, 1)
    fields = report.per_class("field")
    assert fields["labor"] == (0.5, 1.0, 1)
    assert fields["-"] == (1.0, 0.5, 2)  # None is shown as "-"


def test_confusion_rows_are_gold(report: TriageReport) -> None:
    labels = ["consultation", "out_of_scope", "program"]
    assert report.confusion("topic", labels) == [[2, 0, 0], [1, 0, 0], [0, 0, 1]]


def test_printed_report_says_which_targets_are_met(report: TriageReport) -> None:
    text = format_report(report)
    assert "topic    accuracy 0.750  (target 0.93: NOT met)" in text
    assert "program  accuracy 1.000  (target 0.93: met)" in text
    assert "out_of_scope precision 0.000 recall 0.000" in text
    assert "2 inquiries with any label wrong" in text


def _folds(seed: str) -> str:
    code = FIX_FOLDS + (
        " from sklearn.model_selection import StratifiedKFold as S;"
        " print([list(t) for _, t in S(3, shuffle=True).split("
        "list(range(30)), [0, 1, 2] * 10)])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, seed], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_cross_validation_folds_are_fixed_by_the_seed() -> None:
    """Rasa shuffles its folds without a seed; the wrapper makes them the same every run."""
    assert _folds("42") == _folds("42")
    assert _folds("42") != _folds("7")


def test_seeded_rasa_passes_its_arguments_on_to_rasa() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SEEDED_RASA, "42", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "3.6.21" in result.stdout
