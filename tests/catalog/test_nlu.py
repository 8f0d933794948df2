"""The NLU file generated from the catalogue: lookup tables and synonyms Rasa reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.catalog.loader import Catalog
from bot.catalog.nlu import export_nlu, field_names, render_nlu
from bot.fields import FIELD_NAMES
from bot.settings import ROOT
from bot.text import fold


@pytest.fixture(scope="module")
def generated(catalog: Catalog) -> TrainingData:
    return RasaYAMLReader().reads(render_nlu(catalog))


def _table(data: TrainingData, name: str) -> list[str]:
    [table] = [t for t in data.lookup_tables if t["name"] == name]
    return [str(e) for e in table["elements"]]


def test_both_entities_have_a_lookup_table(generated: TrainingData, catalog: Catalog) -> None:
    assert "청년취업사관학교" in _table(generated, "program")
    fields = _table(generated, "field")
    for f in catalog.fields:
        assert f["name"] in fields and f["name_en"] in fields


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("노무", "labor"),
        ("노무사", "labor"),
        ("HR", "labor"),
        ("세무사", "tax"),
        ("회계", "tax"),
        ("변리사", "patent"),
        ("IP", "patent"),
        ("관세사", "customs"),
        ("수출", "export"),
        ("투융자", "finance"),
        ("투자유치", "finance"),
        ("경영컨설팅", "management"),
        ("창업", "startup"),
        ("마케팅", "marketing"),
        ("lawyer", "law"),
        ("변리·특허", "patent"),
    ],
)
def test_field_names_map_to_their_code(generated: TrainingData, name: str, code: str) -> None:
    assert generated.entity_synonyms[name] == code


def test_every_field_code_has_names(catalog: Catalog) -> None:
    assert {f["code"] for f in catalog.fields} == set(FIELD_NAMES)
    for f in catalog.fields:
        assert len(field_names(f)) >= 4, f["code"]


def test_no_name_means_two_things(generated: TrainingData) -> None:
    """A name in two synonym blocks would make Rasa's synonym mapper pick one silently."""
    data = generated
    meaning: dict[str, str] = {}
    for table in data.lookup_tables:
        for element in table["elements"]:
            key = fold(str(element))
            value = data.entity_synonyms.get(str(element), str(element))
            assert meaning.setdefault(key, value) == value, (element, meaning[key], value)


def _annotated_fields() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "data").glob("*.yml")):
        data = RasaYAMLReader().read(path)
        for example in data.training_examples:
            for entity in example.get("entities") or []:
                if entity["entity"] == "field":
                    yield example.get("text")[entity["start"] : entity["end"]], entity["value"]


def test_every_annotated_field_in_the_training_data_is_a_generated_name(
    generated: TrainingData,
) -> None:
    """Annotations and extraction agree: what data/ marks as a field the matcher finds."""
    names = {fold(n): generated.entity_synonyms.get(n, n) for n in _table(generated, "field")}
    annotated = list(_annotated_fields())
    assert len(annotated) >= 100
    wrong = [(surface, value) for surface, value in annotated if names.get(fold(surface)) != value]
    assert wrong == []


def test_export_writes_only_on_change(catalog: Catalog, tmp_path: Path) -> None:
    out = tmp_path / "generated" / "catalog.yml"
    assert export_nlu(catalog, out) is True
    assert export_nlu(catalog, out) is False
    assert "- lookup: field" in out.read_text(encoding="utf-8")
