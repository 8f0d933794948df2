"""Measurement configs differ from config.yml in exactly the component they name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.evaluation import configs
from bot.evaluation.configs import classifier_config, classifies_intents
from bot.settings import ROOT


def _names(path: Path) -> list[str]:
    return [c["name"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))["pipeline"]]


def test_default_is_config_yml_without_the_fallback_classifier(tmp_path: Path) -> None:
    default = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    written = yaml.safe_load(classifier_config(tmp_path, "cv").read_text(encoding="utf-8"))
    assert "FallbackClassifier" in [c["name"] for c in default["pipeline"]]
    assert written["pipeline"] == [
        c for c in default["pipeline"] if c["name"] != "FallbackClassifier"
    ]
    assert written["policies"] == default["policies"]
    assert written["language"] == "ko"


def test_tokenizer_swap_replaces_only_the_first_component(tmp_path: Path) -> None:
    default = _names(classifier_config(tmp_path, "default"))
    swapped = classifier_config(tmp_path, "ws", {"name": "WhitespaceTokenizer"})
    assert _names(swapped) == ["WhitespaceTokenizer", *default[1:]]


def _intent_classifier(path: Path) -> dict[str, Any]:
    [found] = [
        c
        for c in yaml.safe_load(path.read_text(encoding="utf-8"))["pipeline"]
        if classifies_intents(c)
    ]
    return found


def test_config_yml_has_exactly_one_intent_classifier(tmp_path: Path) -> None:
    assert _intent_classifier(classifier_config(tmp_path, "default"))["name"]


def test_classifier_swap_replaces_the_intent_classifier_in_place(tmp_path: Path) -> None:
    default = _names(classifier_config(tmp_path, "default"))
    logreg = {"name": "LogisticRegressionClassifier", "max_iter": 50}
    path = classifier_config(tmp_path, "lr", None, logreg)
    assert len(_names(path)) == len(default)
    assert _intent_classifier(path) == logreg


def test_a_diet_candidate_classifies_intents_and_extracts_entities_alone(tmp_path: Path) -> None:
    diet = {"name": "DIETClassifier", "epochs": 3}
    path = classifier_config(tmp_path, "diet", None, diet)
    names = _names(path)
    assert names.count("DIETClassifier") == 1 and "LogisticRegressionClassifier" not in names
    assert _intent_classifier(path) == diet


def test_a_diet_candidate_gets_token_features_after_the_other_featurizers(tmp_path: Path) -> None:
    default = _names(classifier_config(tmp_path, "default"))
    names = _names(classifier_config(tmp_path, "diet", None, {"name": "DIETClassifier"}))
    assert "LexicalSyntacticFeaturizer" not in default
    lexical = names.index("LexicalSyntacticFeaturizer")
    assert names[lexical - 1] == "bot.nlp.featurizer.KiwiEmbeddingFeaturizer"  # the last one
    assert lexical < names.index("DIETClassifier")
    assert names.count("LexicalSyntacticFeaturizer") == 1


@pytest.mark.parametrize(
    ("component", "expected"),
    [
        ({"name": "DIETClassifier"}, True),
        ({"name": "DIETClassifier", "intent_classification": False}, False),
        ({"name": "LogisticRegressionClassifier"}, True),
        ({"name": "KeywordIntentClassifier"}, True),
        ({"name": "CountVectorsFeaturizer"}, False),
        ({"name": "bot.nlp.matcher.CatalogEntityMatcher"}, False),
    ],
)
def test_which_component_classifies_intents(component: dict[str, Any], expected: bool) -> None:
    assert classifies_intents(component) is expected


def test_classifier_swap_without_diet_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.yml").write_text(
        "language: ko\npipeline:\n  - name: WhitespaceTokenizer\n", encoding="utf-8"
    )
    monkeypatch.setattr(configs, "ROOT", tmp_path)
    with pytest.raises(ValueError, match="no intent classifier"):
        classifier_config(tmp_path, "x", None, {"name": "LogisticRegressionClassifier"})
