"""Measure the triage (topic, field, program): NLU cross-validation, dev set, blind set.

The dev set (``tests/nlu/triage_heldout*.yml``) was written only for testing and is never
training data, but by the same hands as ``data/``: it is for error analysis, so its misses and
confusion matrices are printed (and written under ``docs/eval``). The blind set is reported by
``bot.evaluation.blind`` with headline figures only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.evaluation.rasa_cli import io_args, run_rasa
from bot.settings import ROOT
from bot.triage import TOPICS, Triage, classify


@dataclass
class TriageReport:
    """Gold and predicted labels of one held-out file, with derived metrics."""

    name: str
    gold: list[dict[str, Any]] = field(default_factory=list)
    predicted: list[Triage] = field(default_factory=list)
    seconds: float = 0.0

    def accuracy(self, key: str) -> float:
        """Share of inquiries whose ``key`` (topic, field, program) is exactly right."""
        pairs = list(zip(self.gold, self.predicted, strict=True))
        if not pairs:
            return 0.0
        right: int = sum(g.get(key) == getattr(p, key) for g, p in pairs)
        return right / len(pairs)

    def per_class(self, key: str) -> dict[str, tuple[float, float, int]]:
        """Precision, recall and support per label of ``key`` (None shown as "-")."""
        tp: Counter[str] = Counter()
        fp: Counter[str] = Counter()
        fn: Counter[str] = Counter()
        for g, p in zip(self.gold, self.predicted, strict=True):
            gold, pred = str(g.get(key) or "-"), str(getattr(p, key) or "-")
            if gold == pred:
                tp[gold] += 1
            else:
                fp[pred] += 1
                fn[gold] += 1
        out = {}
        for label in sorted(set(tp) | set(fp) | set(fn)):
            precision = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
            recall = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
            out[label] = (precision, recall, tp[label] + fn[label])
        return out

    def confusion(self, key: str, labels: list[str]) -> list[list[int]]:
        """Rows gold, columns predicted."""
        index = {label: i for i, label in enumerate(labels)}
        matrix = [[0] * len(labels) for _ in labels]
        for g, p in zip(self.gold, self.predicted, strict=True):
            gi = index.get(str(g.get(key) or "-"))
            pi = index.get(str(getattr(p, key) or "-"))
            if gi is not None and pi is not None:
                matrix[gi][pi] += 1
        return matrix


def load_inquiries(*paths: Path) -> list[dict[str, Any]]:
    """The inquiries of one or more evaluation files (``inquiries:`` lists), in order."""
    items: list[dict[str, Any]] = []
    for path in paths:
        items.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["inquiries"])
    return items


def run_triage(parser: Any, path: Path | list[dict[str, Any]], name: str) -> TriageReport:
    """Classify every inquiry of an evaluation file (or list) with the model and the catalogue."""
    from bot.db import session_scope

    items = load_inquiries(path) if isinstance(path, Path) else path
    report = TriageReport(name=name, gold=items)
    started = time.perf_counter()
    with session_scope() as session:
        for item in items:
            report.predicted.append(classify(parser.parse(item["text"]), session=session))
    report.seconds = time.perf_counter() - started
    return report


def format_misses(report: TriageReport) -> str:
    """Every inquiry with a wrong label, gold → predicted (for error analysis of dev sets)."""
    lines = []
    for g, p in zip(report.gold, report.predicted, strict=True):
        gold = (g.get("topic"), g.get("field"), g.get("program"))
        if gold != (p.topic, p.field, p.program):
            lines.append(
                f"  {gold} -> {(p.topic, p.field, p.program)} [{p.intent} "
                f"{p.confidence:.2f}] {g['text']}"
            )
    return "\n".join(lines)


def format_report(report: TriageReport) -> str:
    """The printed block for one held-out file."""
    n = len(report.gold)
    lines = [
        f"Triage on {report.name} ({n} held-out inquiries, "
        f"{1000 * report.seconds / max(n, 1):.0f} ms each)"
    ]
    for key, target in (("topic", 0.93), ("field", 0.93), ("program", 0.93)):
        acc = report.accuracy(key)
        lines.append(
            f"  {key:8} accuracy {acc:.3f}  (target {target:.2f}: "
            f"{'met' if acc >= target else 'NOT met'})"
        )
    oos = report.per_class("topic").get("out_of_scope", (0.0, 0.0, 0))
    lines.append(f"  out_of_scope precision {oos[0]:.3f} recall {oos[1]:.3f} (targets 0.90)")
    for key in ("topic", "field"):
        lines.append(f"  per-{key} precision / recall / support:")
        for label, (p, r, s) in report.per_class(key).items():
            lines.append(f"    {label:14} {p:.2f} / {r:.2f} / {s}")
    labels = [*TOPICS]
    matrix = report.confusion("topic", labels)
    lines.append("  topic confusion (rows gold, columns predicted):")
    lines.append("    " + " ".join(f"{t[:6]:>6}" for t in labels))
    for label, row in zip(labels, matrix, strict=True):
        lines.append(f"    {label[:12]:12} " + " ".join(f"{c:6d}" for c in row))
    misses = [
        (g["text"], g, p)
        for g, p in zip(report.gold, report.predicted, strict=True)
        if (g.get("topic"), g.get("field"), g.get("program")) != (p.topic, p.field, p.program)
    ]
    lines.append(f"  {len(misses)} inquiries with any label wrong")
    return "\n".join(lines)


def write_confusion_png(report: TriageReport, key: str, path: Path) -> None:
    """A confusion-matrix heat map for ``key`` (matplotlib, headless)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = (
        list(TOPICS)
        if key == "topic"
        else sorted(
            {str(g.get(key) or "-") for g in report.gold}
            | {str(getattr(p, key) or "-") for p in report.predicted}
        )
    )
    matrix = report.confusion(key, labels)
    fig, ax = plt.subplots(figsize=(1 + 0.6 * len(labels), 1 + 0.5 * len(labels)))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    for i, row in enumerate(matrix):
        for j, count in enumerate(row):
            if count:
                ax.text(j, i, str(count), ha="center", va="center", fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(f"{key} — {report.name}")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


FIX_FOLDS = (
    "import functools, sys; from sklearn import model_selection as m; "
    "m.StratifiedKFold = functools.partial(m.StratifiedKFold, random_state=int(sys.argv.pop(1)));"
)
SEEDED_RASA = FIX_FOLDS + " sys.argv[0] = 'rasa'; from rasa.__main__ import main; main()"
"""``rasa`` with its cross-validation folds fixed: Rasa shuffles them with
``StratifiedKFold(shuffle=True)`` and no seed, so two configs would not be compared on the
same folds, and two runs of one config would differ."""
CV_SEED = 42


def cross_validate(
    config: Path, out: Path, folds: int = 5, data: Path | None = None
) -> dict[str, float]:
    """``rasa test nlu --cross-validation`` on ``data/``; returns intent macro/weighted F1.

    The folds are the same for every config (``CV_SEED``), so two rows differ only by their
    pipelines. The generated careless-typing copies stay out: a noisy copy of a test fold's
    example in the training folds would let the model recall rather than generalise.
    """
    if data is None:
        data = out / "data"
        data.mkdir(parents=True, exist_ok=True)
        for path in [*(ROOT / "data").glob("*.yml"), ROOT / "data" / "generated" / "catalog.yml"]:
            shutil.copy(path, data / path.name)
    run_rasa(
        "test",
        "nlu",
        "--cross-validation",
        "--folds",
        folds,
        *io_args(config, data, out),
        "--quiet",
        entry=("-c", SEEDED_RASA, str(CV_SEED)),
    )
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    return {
        "macro_f1": report["macro avg"]["f1-score"],
        "weighted_f1": report["weighted avg"]["f1-score"],
        "accuracy": report.get("accuracy", 0.0),
    }


def calibration_recall(parser: Any, *, session: Any) -> str:
    """Out-of-scope recall on the 3i4K calibration sample (what thresholds are tuned on)."""
    from bot.evaluation.blind import out_of_scope_recall
    from bot.evaluation.corpus_3i4k import CALIBRATION_FILE, read_lines

    texts = read_lines(CALIBRATION_FILE)
    recall = out_of_scope_recall(
        texts, parser.parse, lambda parse: classify(parse, session=session)
    )
    return (
        f"3i4K calibration ({len(texts)} real everyday utterances) out-of-scope recall "
        f"{recall:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    """NLU cross-validation (optional), the dev-set triage, then the blind figures."""
    from bot.evaluation.blind import evaluate
    from bot.parser import ModelParser
    from bot.settings import get_settings

    args_parser = argparse.ArgumentParser(description=__doc__)
    args_parser.add_argument("--skip-cv", action="store_true", help="no cross-validation")
    args_parser.add_argument("--skip-dev", action="store_true", help="no dev-set triage")
    args_parser.add_argument("--cv-only", action="store_true", help="only cross-validation")
    args_parser.add_argument("--folds", type=int, default=5)
    args_parser.add_argument(
        "--skip-blind",
        action="store_true",
        help="tuning: no blind figures (3i4K calibration recall instead)",
    )
    args_parser.add_argument(
        "--misses", action="store_true", help="list the dev and tuning sets' wrong inquiries"
    )
    args_parser.add_argument(
        "--model", type=Path, default=None, help="a trained model other than the default"
    )
    args = args_parser.parse_args(argv)
    if not args.skip_cv:
        from bot.evaluation.configs import classifier_config

        started = time.perf_counter()
        (ROOT / "results").mkdir(exist_ok=True)
        config = classifier_config(ROOT / "results", "cv")
        scores = cross_validate(config, ROOT / "results" / "cv", args.folds)
        print(
            f"NLU {args.folds}-fold cross-validation on data/ (config.yml without the "
            f"fallback classifier, "
            f"{time.perf_counter() - started:.0f}s): intent macro-F1 {scores['macro_f1']:.3f}, "
            f"weighted F1 {scores['weighted_f1']:.3f}, accuracy {scores['accuracy']:.3f}"
        )
    if args.cv_only:
        return 0
    parser = ModelParser(args.model or get_settings().model_path)
    from bot.db import session_scope

    if not args.skip_dev:
        dev_sets: list[tuple[str, list[Path], str | None]] = [
            (
                "Korean dev",
                [ROOT / "tests" / "nlu" / "triage_heldout.yml"],
                "confusion-topic-ko.png",
            ),
            (
                "English/mixed dev",
                [ROOT / "tests" / "nlu" / "triage_heldout_en.yml"],
                "confusion-topic-en.png",
            ),
            ("tuning set (eval/tune)", sorted((ROOT / "eval" / "tune").glob("*.yml")), None),
        ]
        for name, paths, png in dev_sets:
            if not paths or not all(p.exists() for p in paths):
                print(f"({name}: no file, skipped)")
                continue
            report = run_triage(parser, load_inquiries(*paths), name)
            text = format_report(report)
            print(text)
            if args.misses:
                print(format_misses(report))
            if args.model is None and png is not None:  # docs/eval: the default model only
                docs = ROOT / "docs" / "eval"
                docs.mkdir(parents=True, exist_ok=True)
                (docs / f"triage-{png.split('-')[-1].removesuffix('.png')}.txt").write_text(
                    text + "\n", encoding="utf-8"
                )
                write_confusion_png(report, "topic", docs / png)
                write_confusion_png(report, "field", docs / png.replace("topic", "field"))
    with session_scope() as session:
        if args.skip_blind:
            print(calibration_recall(parser, session=session))
        else:
            print(evaluate(parser.parse, lambda parse: classify(parse, session=session)))
    parser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
