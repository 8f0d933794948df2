"""Variants of ``config.yml`` for measurement."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from bot.settings import ROOT


def classifier_config(directory: Path, slug: str, tokenizer: dict[str, Any] | None = None) -> Path:
    """``config.yml`` without ``FallbackClassifier`` (and optionally another tokenizer).

    Rasa's FallbackClassifier turns low-confidence predictions into ``nlu_fallback``, which
    cross-validation counts as errors; measurements compare the classifiers themselves.
    """
    config = copy.deepcopy(yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8")))
    if tokenizer is not None:
        config["pipeline"][0] = tokenizer
    config["pipeline"] = [c for c in config["pipeline"] if c["name"] != "FallbackClassifier"]
    path = directory / f"config-{slug}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path
