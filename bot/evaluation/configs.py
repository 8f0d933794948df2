"""Variants of ``config.yml`` for measurement."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from bot.settings import ROOT


def classifies_intents(component: dict[str, Any]) -> bool:
    """True for the pipeline component that predicts intents (what ``classifier`` replaces)."""
    if component["name"] == "DIETClassifier":
        return component.get("intent_classification", True) is not False
    name = str(component["name"])
    return name.endswith("IntentClassifier") or name == "LogisticRegressionClassifier"


LEXICAL = "LexicalSyntacticFeaturizer"


def _after_featurizers(pipeline: list[dict[str, Any]]) -> int:
    """The index just after the last featurizer, where a further featurizer goes."""
    last = max(
        (i for i, c in enumerate(pipeline) if str(c["name"]).endswith("Featurizer")), default=0
    )
    return last + 1


def classifier_config(
    directory: Path,
    slug: str,
    tokenizer: dict[str, Any] | None = None,
    classifier: dict[str, Any] | None = None,
) -> Path:
    """``config.yml`` without ``FallbackClassifier``; optionally another tokenizer or classifier.

    Rasa's FallbackClassifier turns low-confidence predictions into ``nlu_fallback``, which
    cross-validation counts as errors; measurements compare the classifiers themselves.
    Everything else (featurizers, matcher, policies) stays as in ``config.yml``, so a row of
    the comparison differs from the default in the one component it names.

    A DIET ``classifier`` also extracts entities, so it replaces an entity-only DIET too;
    it gets ``LexicalSyntacticFeaturizer`` back (token features only a sequence model uses,
    so the default logistic-regression pipeline leaves it out), as the DIET rows of
    docs/pipelines.md were measured with it.

    Raises:
        ValueError: ``config.yml`` has no intent classifier for ``classifier`` to replace.
    """
    config = copy.deepcopy(yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8")))
    pipeline: list[dict[str, Any]] = config["pipeline"]
    if tokenizer is not None:
        pipeline[0] = tokenizer
    if classifier is not None:
        found = [i for i, c in enumerate(pipeline) if classifies_intents(c)]
        if not found:
            raise ValueError("config.yml has no intent classifier to replace")
        pipeline[found[0]] = classifier
        if classifier["name"] == "DIETClassifier":
            pipeline = [
                c for i, c in enumerate(pipeline) if i == found[0] or c["name"] != "DIETClassifier"
            ]
            if not any(c["name"] == LEXICAL for c in pipeline):
                pipeline.insert(_after_featurizers(pipeline), {"name": LEXICAL})
    config["pipeline"] = [c for c in pipeline if c["name"] != "FallbackClassifier"]
    path = directory / f"config-{slug}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path
