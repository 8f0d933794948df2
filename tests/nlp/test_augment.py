"""Careless-typing copies of the training data: plain text, same intent, deterministic."""

from __future__ import annotations

from pathlib import Path

import yaml
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.nlp.augment import MIN_CHARS, augment, read_examples, render, write_augmented

NLU = """version: "3.1"
nlu:
  - intent: consult_labor
    examples: |
      - 직원이 퇴직금을 달라는데 얼마나 줘야 하나요
      - [노무사]{"entity": "field", "value": "labor"} 상담 받고 싶어요
      - 네
  - intent: out_of_scope
    examples: |
      - 오늘 날씨 어때요
"""


def test_examples_are_read_with_their_intents(tmp_path: Path) -> None:
    path = tmp_path / "nlu.yml"
    path.write_text(NLU, encoding="utf-8")
    assert read_examples([path]) == [
        ("consult_labor", "직원이 퇴직금을 달라는데 얼마나 줘야 하나요"),
        ("consult_labor", "노무사 상담 받고 싶어요"),
        ("consult_labor", "네"),
        ("out_of_scope", "오늘 날씨 어때요"),
    ]


def test_every_long_example_gets_one_noisy_copy_at_full_share(tmp_path: Path) -> None:
    path = tmp_path / "nlu.yml"
    path.write_text(NLU, encoding="utf-8")
    examples = read_examples([path])
    copies = augment(examples, share=1.0, seed=4)
    assert sorted(copies) == ["consult_labor", "out_of_scope"]
    assert len(copies["consult_labor"]) == 2  # 네 is shorter than MIN_CHARS
    assert len("네") < MIN_CHARS
    sources = {text for _, text in examples}
    assert not sources & {c for cs in copies.values() for c in cs}
    assert augment(examples, share=1.0, seed=4) == copies
    assert augment(examples, share=0.0, seed=4) == {}


def test_the_generated_file_is_valid_rasa_training_data(tmp_path: Path) -> None:
    text = render({"greet": ["안녕하새요", "반갑습니댜"], "thank": ["감사함니다"]})
    assert yaml.safe_load(text)["version"] == "3.1"
    data = RasaYAMLReader().reads(text)
    assert sorted((m.get("intent"), m.get("text")) for m in data.intent_examples) == [
        ("greet", "반갑습니댜"),
        ("greet", "안녕하새요"),
        ("thank", "감사함니다"),
    ]


def test_writing_twice_leaves_the_file_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "nlu.yml").write_text(NLU, encoding="utf-8")
    (data / "nlu_3i4k.yml").write_text(NLU.replace("consult_labor", "greet"), encoding="utf-8")
    out = tmp_path / "generated" / "noisy.yml"
    assert write_augmented(data, out) is True
    assert write_augmented(data, out) is False
    assert "greet" not in out.read_text(encoding="utf-8")  # 3i4K lines are not copied
