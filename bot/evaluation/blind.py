"""The figures we cannot fool ourselves with: the blind set, its noisy copy, real negatives.

* **Blind set** (``eval/blind/*.yml``): inquiries written by a process that never saw
  ``data/`` or the dev set (``eval/blind/README.md`` says how). Only headline figures are
  printed — no per-item misses, no confusion matrix — so that nobody tunes against it.
* **Noisy blind**: the same inquiries typed carelessly (``bot.nlp.noise``, fixed seed); the
  drop from the clean figures is the robustness figure.
* **3i4K validation** (``eval/3i4k/validation.txt``): real everyday utterances never used
  for training; the share classified ``out_of_scope`` is out-of-scope recall on real data.
* **Parse latency**: median and 95th percentile of one parse, over the blind set.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.evaluation.triage import TriageReport, load_inquiries
from bot.nlp.noise import DEFAULT_LEVEL, add_noise
from bot.settings import ROOT
from bot.triage import Triage

BLIND_DIR = ROOT / "eval" / "blind"
VALIDATION_3I4K = ROOT / "eval" / "3i4k" / "validation.txt"
NOISE_SEED = 20261206
TARGETS = {
    "topic": 0.93,
    "field": 0.90,
    "program": 0.90,
    "oos_precision": 0.90,
    "oos_recall": 0.90,
    "noise_drop": 0.03,
    "3i4k_recall": 0.95,
    "parse_median_ms": 15.0,
}
"""Targets of issue 13 on the blind set."""


def load_blind(directory: Path = BLIND_DIR) -> list[dict[str, Any]]:
    """Every inquiry of a directory's YAML files (the blind or tuning set), in file order."""
    return [
        {**item, "source": path.stem}
        for path in sorted(directory.glob("*.yml"))
        for item in load_inquiries(path)
    ]


def noisy_copy(items: list[dict[str, Any]], seed: int = NOISE_SEED) -> list[dict[str, Any]]:
    """The same inquiries and labels, each text typed carelessly (deterministic)."""
    rng = random.Random(seed)
    return [{**item, "text": add_noise(str(item["text"]), rng, DEFAULT_LEVEL)} for item in items]


@dataclass
class Timed:
    """Predictions with the time each parse took."""

    predicted: list[Triage] = field(default_factory=list)
    parse_ms: list[float] = field(default_factory=list)


def classify_all(
    texts: list[str],
    parse: Callable[[str], dict[str, Any]],
    classify: Callable[[dict[str, Any]], Triage],
) -> Timed:
    """Parse and classify every text, timing the parse alone (the model's share of a turn)."""
    out = Timed()
    for text in texts:
        started = time.perf_counter()
        parsed = parse(text)
        out.parse_ms.append(1000 * (time.perf_counter() - started))
        out.predicted.append(classify(parsed))
    return out


def out_of_scope_recall(
    texts: list[str],
    parse: Callable[[str], dict[str, Any]],
    classify: Callable[[dict[str, Any]], Triage],
) -> float:
    """Share of ``texts`` (real negatives) classified ``out_of_scope``."""
    hits = sum(classify(parse(text)).topic == "out_of_scope" for text in texts)
    return hits / max(len(texts), 1)


@dataclass
class Headline:
    """The figures of one evaluation set that ``make eval`` prints."""

    name: str
    n: int
    topic: float
    field: float
    program: float
    oos_precision: float
    oos_recall: float

    @classmethod
    def of(cls, name: str, gold: list[dict[str, Any]], predicted: list[Triage]) -> Headline:
        """The headline numbers of one evaluated set, from its gold labels and predictions."""
        report = TriageReport(name=name, gold=gold, predicted=predicted)
        oos = report.per_class("topic").get("out_of_scope", (0.0, 0.0, 0))
        return cls(
            name,
            len(gold),
            report.accuracy("topic"),
            report.accuracy("field"),
            report.accuracy("program"),
            oos[0],
            oos[1],
        )

    def row(self) -> str:
        """One line of the printed table."""
        return (
            f"  {self.name:22} {self.n:5d}  {self.topic:.3f}  {self.field:.3f}  "
            f"{self.program:.3f}     {self.oos_precision:.3f} / {self.oos_recall:.3f}"
        )


HEADER = "  set                        n  topic  field  program  out-of-scope P / R"


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    """Says "met" or "NOT met" against a target."""
    ok = value >= target if higher_is_better else value <= target
    return "met" if ok else "NOT met"


def format_blind(
    clean: Headline,
    noisy: Headline,
    by_language: list[Headline],
    real_recall: float | None,
    real_n: int,
    parse_ms: list[float],
) -> str:
    """The printed block: blind, per language, noisy, 3i4K recall, latency, against targets."""
    lines = [
        "Blind set (eval/blind, never trained on; headline figures only)",
        HEADER,
        clean.row(),
        *(h.row() for h in by_language),
        noisy.row(),
    ]
    for key in ("topic", "field", "program", "oos_precision", "oos_recall"):
        value = getattr(clean, key)
        lines.append(
            f"  blind {key:14} {value:.3f}  (target {TARGETS[key]:.2f}: "
            f"{verdict(value, TARGETS[key])})"
        )
    worst = max(getattr(clean, k) - getattr(noisy, k) for k in ("topic", "field", "program"))
    lines.append(
        f"  noise drop (worst of topic/field/program) {100 * worst:.1f} points "
        f"(target ≤ {100 * TARGETS['noise_drop']:.0f}: "
        f"{verdict(worst, TARGETS['noise_drop'], higher_is_better=False)})"
    )
    if real_recall is not None:
        lines.append(
            f"  3i4K validation ({real_n} real everyday utterances) out-of-scope recall "
            f"{real_recall:.3f} (target {TARGETS['3i4k_recall']:.2f}: "
            f"{verdict(real_recall, TARGETS['3i4k_recall'])})"
        )
    if parse_ms:
        median = statistics.median(parse_ms)
        p95 = sorted(parse_ms)[int(0.95 * (len(parse_ms) - 1))]
        lines.append(
            f"  parse latency median {median:.1f} ms, p95 {p95:.1f} ms over "
            f"{len(parse_ms)} parses (target median ≤ {TARGETS['parse_median_ms']:.0f}: "
            f"{verdict(median, TARGETS['parse_median_ms'], higher_is_better=False)})"
        )
    return "\n".join(lines)


def evaluate(
    parse: Callable[[str], dict[str, Any]],
    classify: Callable[[dict[str, Any]], Triage],
    blind_dir: Path = BLIND_DIR,
    validation: Path = VALIDATION_3I4K,
) -> str:
    """Run every blind figure with ``parse`` (a trained model) and ``classify`` (the triage)."""
    from bot.evaluation.corpus_3i4k import read_lines

    items = load_blind(blind_dir)
    if not items:
        return f"(no blind set under {blind_dir}: skipped)"
    timed = classify_all([str(i["text"]) for i in items], parse, classify)
    clean = Headline.of("blind (all)", items, timed.predicted)
    by_language = []
    for lang in ("ko", "en", "mixed"):
        idx = [i for i, item in enumerate(items) if item.get("lang", "ko") == lang]
        if idx:
            by_language.append(
                Headline.of(
                    f"  lang {lang}", [items[i] for i in idx], [timed.predicted[i] for i in idx]
                )
            )
    noisy_items = noisy_copy(items)
    noisy = Headline.of(
        "blind, noisy typing",
        noisy_items,
        classify_all([str(i["text"]) for i in noisy_items], parse, classify).predicted,
    )
    real_recall, real_n = None, 0
    if validation.exists():
        texts = read_lines(validation)
        real_n = len(texts)
        real_recall = out_of_scope_recall(texts, parse, classify)
    return format_blind(clean, noisy, by_language, real_recall, real_n, timed.parse_ms)
