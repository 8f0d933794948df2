"""Variants of ``config.yml`` for measurement."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from bot.settings import ROOT

INTENT_CLASSIFIER = "DIETClassifier"
"""The component of ``config.yml`` that a ``classifier`` override replaces."""


def classifier_config(directory: Path, slug: str, tokenizer: dict[str, Any] | None = None,
                      classifier: dict[str, Any] | None = None) -> Path:
    """``config.yml`` without ``FallbackClassifier``; optionally another tokenizer or classifier.

    Rasa's FallbackClassifier turns low-confidence predictions into ``nlu_fallback``, which
    cross-validation counts as errors; measurements compare the classifiers themselves.
    Everything else (featurizers, matcher, policies) stays as in ``config.yml``, so a row of
    the comparison differs from the default in the one component it names.

    Raises:
        ValueError: ``config.yml`` has no ``DIETClassifier`` for ``classifier`` to replace.
    """
    config = copy.deepcopy(yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8")))
    pipeline: list[dict[str, Any]] = config["pipeline"]
    if tokenizer is not None:
        pipeline[0] = tokenizer
    if classifier is not None:
        names = [c["name"] for c in pipeline]
        if INTENT_CLASSIFIER not in names:
            raise ValueError(f"config.yml has no {INTENT_CLASSIFIER} to replace")
        pipeline[names.index(INTENT_CLASSIFIER)] = classifier
    config["pipeline"] = [c for c in pipeline if c["name"] != "FallbackClassifier"]
    path = directory / f"config-{slug}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path
