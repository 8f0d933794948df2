"""Measurement configs differ from config.yml in exactly the component they name."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.evaluation import configs
from bot.evaluation.configs import classifier_config
from bot.settings import ROOT


def _names(path: Path) -> list[str]:
    return [c["name"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))["pipeline"]]


def test_default_is_config_yml_without_the_fallback_classifier(tmp_path: Path) -> None:
    default = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    written = yaml.safe_load(classifier_config(tmp_path, "cv").read_text(encoding="utf-8"))
    assert "FallbackClassifier" in [c["name"] for c in default["pipeline"]]
    assert written["pipeline"] == [c for c in default["pipeline"]
                                   if c["name"] != "FallbackClassifier"]
    assert written["policies"] == default["policies"]
    assert written["language"] == "ko"


def test_tokenizer_swap_replaces_only_the_first_component(tmp_path: Path) -> None:
    default = _names(classifier_config(tmp_path, "default"))
    swapped = classifier_config(tmp_path, "ws", {"name": "WhitespaceTokenizer"})
    assert _names(swapped) == ["WhitespaceTokenizer", *default[1:]]


def test_classifier_swap_replaces_diet_in_place(tmp_path: Path) -> None:
    default = _names(classifier_config(tmp_path, "default"))
    path = classifier_config(tmp_path, "lr", None,
                             {"name": "LogisticRegressionClassifier", "max_iter": 1000})
    names = _names(path)
    assert "DIETClassifier" not in names
    assert names[default.index("DIETClassifier")] == "LogisticRegressionClassifier"
    assert len(names) == len(default)
    component = yaml.safe_load(path.read_text(encoding="utf-8"))["pipeline"][
        names.index("LogisticRegressionClassifier")]
    assert component == {"name": "LogisticRegressionClassifier", "max_iter": 1000}


def test_classifier_swap_without_diet_says_so(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.yml").write_text(
        "language: ko\npipeline:\n  - name: WhitespaceTokenizer\n", encoding="utf-8")
    monkeypatch.setattr(configs, "ROOT", tmp_path)
    with pytest.raises(ValueError, match="DIETClassifier"):
        classifier_config(tmp_path, "x", None, {"name": "LogisticRegressionClassifier"})
