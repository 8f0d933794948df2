"""Relabels become Rasa training data that `make train` reads (written to a temporary path)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.console import inquiries
from bot.console.export import export, intent_for, known_texts
from bot.settings import ROOT
from tests.console.conftest import listed, relabel, user_turn
from tests.support.booking import call


@pytest.mark.parametrize(
    ("topic", "field", "predicted", "intent"),
    [
        ("consultation", "labor", "out_of_scope", "consult_labor"),
        ("consultation", None, "greet", "request_consultation"),
        ("program", None, "ask_program_apply", "ask_program_apply"),
        ("program", None, "consult_tax", "ask_program"),
        ("invest", None, "ask_program", "ask_invest"),
        ("booking", None, "booking_cancel", "booking_cancel"),
        ("booking", None, "ask_bot", "booking_check"),
        ("handoff", None, "nlu_fallback", "human_handoff"),
        ("smalltalk", None, "thank", "thank"),
        ("smalltalk", None, "consult_law", None),
        ("out_of_scope", None, "consult_law", "out_of_scope"),
    ],
)
def test_labels_map_to_training_intents(
    topic: str, field: str | None, predicted: str, intent: str | None
) -> None:
    assert intent_for(topic, field, predicted) == intent


def test_existing_examples_are_read_from_the_real_training_data() -> None:
    texts = known_texts(sorted((ROOT / "data").glob("nlu*.yml")))
    assert "청년취업사관학교가 뭐예요?" in texts
    assert not any("](" in t or "]{" in t for t in texts)


async def test_export_writes_rasa_nlu_that_rasa_reads(
    console_db: str,
    store_conversation: Callable[..., Any],
    tmp_path: Path,
) -> None:
    texts = {
        "w1": "우리 가게 간판 디자인 상표 등록 되나요",
        "w2": "코딩 배우는 청년 교육 있나요",
        "w3": "청년취업사관학교가 뭐예요?",
        "w4": "ㅎㅇ",
    }
    for sender, text in texts.items():
        await store_conversation(sender, [user_turn(text, "out_of_scope", 0.4), ("bot", "…")])
    ids = {i.conversation_id: i.id for i in listed().items}
    relabel(ids["w1"], "consultation", "patent")
    relabel(ids["w2"], "program", None, "youth-job-academy", by="park")
    relabel(ids["w3"], "program", None, "youth-job-academy")  # already a training example: skipped
    relabel(ids["w4"], "smalltalk")

    out = tmp_path / "data" / "reviewed.yml"
    report = export(out, call(inquiries.labelled), ROOT / "data")
    assert report.written == 2
    assert sorted(i for i, _ in report.skipped) == sorted([ids["w3"], ids["w4"]])

    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    by_intent = {item["intent"]: item["examples"] for item in doc["nlu"]}
    assert by_intent["consult_patent"][0]["text"] == texts["w1"]
    assert by_intent["ask_program"][0] == {
        "text": texts["w2"],
        "metadata": {"inquiry": ids["w2"], "reviewed_by": "park", "program": "youth-job-academy"},
    }

    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    data = RasaYAMLReader().read(out)
    assert {(m.get("text"), m.get("intent")) for m in data.intent_examples} == {
        (texts["w1"], "consult_patent"),
        (texts["w2"], "ask_program"),
    }


def test_make_train_reads_the_default_export_location() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(wildcard data/*.yml)" in makefile  # data/reviewed.yml is a training input
