"""The blind set stays blind: well-formed, never in the training data; its report's figures."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.evaluation.blind import (
    BLIND_DIR,
    Headline,
    format_blind,
    load_blind,
    noisy_copy,
)
from bot.fields import FIELD_NAMES
from bot.nlp.augment import read_examples
from bot.settings import ROOT
from bot.text import fold
from bot.triage import TOPICS, Triage


def _t(topic: str, field: str | None = None, program: str | None = None) -> Triage:
    return Triage(topic=topic, field=field, program=program, confidence=0.9, intent="x")


@pytest.fixture(scope="module")
def blind() -> list[dict]:
    return load_blind()


def test_the_blind_set_is_large_and_labelled_in_the_public_taxonomy(blind: list[dict]) -> None:
    assert len(blind) >= 600
    programs = {
        row["id"]
        for row in csv.DictReader(
            (BLIND_DIR / "programs.tsv").open(encoding="utf-8"), delimiter="\t"
        )
    }
    for item in blind:
        assert isinstance(item["text"], str) and item["text"].strip(), item
        assert item["topic"] in TOPICS, item
        assert item.get("field") is None or (
            item["topic"] == "consultation" and item["field"] in FIELD_NAMES
        ), item
        assert item.get("program") is None or (
            item["topic"] in ("program", "invest") and item["program"] in programs
        ), item
        assert item.get("lang") in ("ko", "en", "mixed"), item
    langs = {item["lang"] for item in blind}
    assert langs == {"ko", "en", "mixed"}


def test_no_blind_or_tuning_inquiry_is_in_the_training_data(blind: list[dict]) -> None:
    trained = {fold(text) for _, text in read_examples(sorted((ROOT / "data").glob("*.yml")))}
    tuning = load_blind(ROOT / "eval" / "tune")
    # Short phrases (네, 상담원 연결해주세요) coincide naturally; a copied inquiry is longer.
    leaked = [
        i["text"]
        for i in [*blind, *tuning]
        if len(fold(i["text"])) >= 15 and fold(i["text"]) in trained
    ]
    assert leaked == []


def test_the_noisy_copy_keeps_labels_and_changes_texts(blind: list[dict]) -> None:
    noisy = noisy_copy(blind[:50])
    assert noisy == noisy_copy(blind[:50])
    assert [(i["topic"], i.get("field"), i.get("program")) for i in noisy] == [
        (i["topic"], i.get("field"), i.get("program")) for i in blind[:50]
    ]
    assert sum(a["text"] != b["text"] for a, b in zip(noisy, blind[:50], strict=True)) >= 45


def test_headline_figures(tmp_path: Path) -> None:
    gold = [
        {"text": "a", "topic": "consultation", "field": "tax", "program": None},
        {"text": "b", "topic": "out_of_scope", "field": None, "program": None},
        {"text": "c", "topic": "out_of_scope", "field": None, "program": None},
        {"text": "d", "topic": "program", "field": None, "program": "seoul-cup"},
    ]
    predicted = [
        _t("consultation", "tax"),
        _t("out_of_scope"),
        _t("consultation", "law"),
        _t("out_of_scope"),
    ]
    h = Headline.of("t", gold, predicted)
    assert (h.n, h.topic, h.field, h.program) == (4, 0.5, 0.75, 0.75)
    assert (h.oos_precision, h.oos_recall) == (0.5, 0.5)


def test_the_printed_block_says_which_targets_are_met() -> None:
    clean = Headline("blind (all)", 10, 0.95, 0.91, 0.80, 0.92, 0.85)
    noisy = Headline("noisy", 10, 0.93, 0.86, 0.79, 0.90, 0.80)
    text = format_blind(clean, noisy, [], 0.96, 2000, [5.0, 6.0, 7.0, 30.0])
    assert "blind topic          0.950  (target 0.93: met)" in text
    assert "blind program        0.800  (target 0.90: NOT met)" in text
    assert "noise drop (worst of topic/field/program) 5.0 points (target ≤ 3: NOT met)" in text
    assert "out-of-scope recall 0.960 (target 0.95: met)" in text
    assert "parse latency median 6.5 ms" in text
