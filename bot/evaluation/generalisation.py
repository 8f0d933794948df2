"""Which training data and features generalise: the comparison behind issue 13's choices.

Each variant is ``config.yml`` (with or without the Kiwi embedding feature) trained on a
subset of ``data/``. Every variant is measured the same way, on sets its training never saw
and that choices may be tuned on: the tuning set (``eval/tune``) clean and typed carelessly,
the dev set, and out-of-scope recall on the 3i4K calibration sample; plus parse latency.
The blind set is deliberately not here: it is reported by ``make eval`` for the default only.

``python -m bot.evaluation.generalisation [--only SLUG ...]`` prints a Markdown table (the
one in docs/pipelines.md). Each variant trains a model (a few minutes on two cores).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.evaluation.rasa_cli import train_nlu
from bot.settings import ROOT

BASE_FILES = ("nlu.yml", "nlu_en.yml")
ADDED = (
    "nlu_ko_consult_more.yml",
    "nlu_ko_program_more.yml",
    "nlu_en_more.yml",
    "nlu_more_turns.yml",
    "nlu_en_programs.yml",
    "nlu_recommend.yml",
)
EMBEDDING = "bot.nlp.featurizer.KiwiEmbeddingFeaturizer"
TUNE_NOISE_SEED = 777
"""Not the blind set's seed: the noisy tuning set is a different careless typist."""


@dataclass(frozen=True)
class Variant:
    """One row: which data files train it and whether it has the embedding feature."""

    slug: str
    label: str
    files: tuple[str, ...]
    embedding: bool
    noisy: bool = False


VARIANTS = [
    Variant("base", "data/ before issue 13 (n-grams)", BASE_FILES, False),
    Variant("3i4k", "+ 3i4K negatives", (*BASE_FILES, "nlu_3i4k.yml"), False),
    Variant("more", "+ 3i4K + new examples", (*BASE_FILES, "nlu_3i4k.yml", *ADDED), False),
    Variant(
        "more-emb",
        "+ 3i4K + new examples + Kiwi embeddings",
        (*BASE_FILES, "nlu_3i4k.yml", *ADDED),
        True,
    ),
    Variant(
        "more-noise",
        "+ 3i4K + new examples + noisy copies",
        (*BASE_FILES, "nlu_3i4k.yml", *ADDED),
        False,
        True,
    ),
    Variant(
        "default",
        "+ 3i4K + new examples + embeddings + noisy copies (default)",
        (*BASE_FILES, "nlu_3i4k.yml", *ADDED),
        True,
        True,
    ),
]


def variant_config(directory: Path, variant: Variant) -> Path:
    """``config.yml`` without the fallback classifier, with or without the embedding."""
    from bot.evaluation.configs import classifier_config

    path = classifier_config(directory, variant.slug)
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not variant.embedding:
        config["pipeline"] = [c for c in config["pipeline"] if c["name"] != EMBEDDING]
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def train(directory: Path, variant: Variant) -> Path:
    """Train the variant's NLU model; returns the archive."""
    data = directory / f"data-{variant.slug}"
    data.mkdir(parents=True, exist_ok=True)
    for name in variant.files:
        shutil.copy(ROOT / "data" / name, data / name)
    shutil.copy(ROOT / "data" / "generated" / "catalog.yml", data / "catalog.yml")
    if variant.noisy:
        shutil.copy(ROOT / "data" / "generated" / "noisy.yml", data / "noisy.yml")
    out = directory / f"model-{variant.slug}"
    return train_nlu(variant_config(directory, variant), data, out)


def measure(model: Path) -> dict[str, Any]:
    """Tuning (clean, noisy), dev and 3i4K calibration figures, and parse latency."""
    from bot.db import session_scope
    from bot.evaluation.blind import (
        Headline,
        classify_all,
        load_blind,
        noisy_copy,
        out_of_scope_recall,
    )
    from bot.evaluation.corpus_3i4k import CALIBRATION_FILE, read_lines
    from bot.evaluation.triage import load_inquiries
    from bot.parser import ModelParser
    from bot.triage import classify

    tune = load_blind(ROOT / "eval" / "tune")
    sets = {
        "tune": tune,
        "tune_noisy": noisy_copy(tune, TUNE_NOISE_SEED),
        "dev": load_inquiries(
            ROOT / "tests" / "nlu" / "triage_heldout.yml",
            ROOT / "tests" / "nlu" / "triage_heldout_en.yml",
        ),
    }
    parser = ModelParser(model)
    out: dict[str, Any] = {}
    times: list[float] = []
    with session_scope() as session:

        def triage(parse: dict[str, Any]) -> Any:
            return classify(parse, session=session)

        for name, items in sets.items():
            timed = classify_all([str(i["text"]) for i in items], parser.parse, triage)
            times.extend(timed.parse_ms)
            out[name] = Headline.of(name, items, timed.predicted)
        out["calibration"] = out_of_scope_recall(read_lines(CALIBRATION_FILE), parser.parse, triage)
    parser.close()
    out["parse_ms"] = statistics.median(times)
    return out


HEADER = (
    "| training data and features | tuning topic / field / program | out-of-scope P / R "
    "| noisy tuning topic / field / program | dev topic / field / program "
    "| 3i4K calibration R | parse ms |"
)


def row(variant: Variant, m: dict[str, Any]) -> str:
    """One Markdown row."""

    def tfp(h: Any) -> str:
        return f"{h.topic:.3f} / {h.field:.3f} / {h.program:.3f}"

    return (
        f"| {variant.label} | {tfp(m['tune'])} | {m['tune'].oos_precision:.2f} / "
        f"{m['tune'].oos_recall:.2f} | {tfp(m['tune_noisy'])} | {tfp(m['dev'])} | "
        f"{m['calibration']:.3f} | {m['parse_ms']:.1f} |"
    )


def main(argv: list[str] | None = None) -> int:
    """Train and measure every variant (or those named), printing the table as it grows."""
    args_parser = argparse.ArgumentParser(description=__doc__)
    args_parser.add_argument("--only", nargs="*", choices=[v.slug for v in VARIANTS])
    args = args_parser.parse_args(argv)
    print(HEADER)
    print("|---|---|---|---|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory(prefix="bizcall-generalisation-") as tmp:
        for variant in VARIANTS:
            if args.only and variant.slug not in args.only:
                continue
            print(row(variant, measure(train(Path(tmp), variant))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
