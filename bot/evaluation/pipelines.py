"""Compare NLU pipelines by measurement: cross-validated macro-F1 and parse latency.

Each candidate is ``config.yml`` with its tokenizer and intent classifier: Rasa's whitespace
tokenizer (the baseline, with the same character n-grams) and ``KoreanTokenizer`` with the
Okt, Komoran, MeCab-ko and Kiwi analysers, each with DIET; and Okt and MeCab-ko with Rasa's
``LogisticRegressionClassifier`` on the same features. Results go to
``docs/pipelines.md``, one row per candidate; a run of some candidates keeps the other rows.
The best becomes the default in ``config.yml`` (by hand, with the table as the reason).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.evaluation.configs import classifier_config
from bot.evaluation.rasa_cli import train_nlu
from bot.evaluation.triage import cross_validate
from bot.settings import ROOT

HELDOUT = ROOT / "tests" / "nlu" / "triage_heldout.yml"


@dataclass(frozen=True)
class Candidate:
    """One row of the comparison: ``config.yml`` with a tokenizer or classifier swapped."""

    slug: str
    label: str
    tokenizer: dict[str, Any] | None = None
    classifier: dict[str, Any] | None = None


def _korean(backend: str) -> dict[str, Any]:
    return {"name": "bot.nlp.tokenizer.KoreanTokenizer", "backend": backend}


DIET = {
    "name": "DIETClassifier",
    "number_of_transformer_layers": 0,
    "epochs": 100,
    "constrain_similarities": True,
    "random_seed": 42,
}
"""DIET classifying intents and extracting entities, without transformer layers."""
LOGREG = {"name": "LogisticRegressionClassifier", "max_iter": 1000}

CANDIDATES = [
    Candidate("okt", "okt (KoNLPy)", _korean("okt"), DIET),
    Candidate("kiwi", "kiwi", _korean("kiwi"), DIET),
    Candidate("whitespace", "whitespace (baseline)", {"name": "WhitespaceTokenizer"}, DIET),
    Candidate("mecab", "mecab-ko", _korean("mecab"), DIET),
    Candidate("komoran", "komoran (KoNLPy)", _korean("komoran"), DIET),
    Candidate("okt-logreg", "okt + LogisticRegression", _korean("okt"), LOGREG),
    Candidate("mecab-logreg", "mecab-ko + LogisticRegression", _korean("mecab"), LOGREG),
]


def heldout(config: Path, directory: Path) -> tuple[float, float, dict[str, float]]:
    """Train on all of data/ with ``config``; parse latency (median, p95 ms) and held-out triage.

    Held-out triage accuracy (topic, field, program on tests/nlu/triage_heldout.yml) uses
    the same ``classify`` as the bot, so it also shows what a tokenizer does end to end.
    """
    from bot.evaluation.triage import run_triage
    from bot.parser import ModelParser

    model = train_nlu(config, ROOT / "data", directory / f"model-{config.stem}")
    parser = ModelParser(model)  # warmed up: the timings are steady parses
    report = run_triage(parser, HELDOUT, "Korean")
    times = []
    for item in report.gold[:200]:
        started = time.perf_counter()
        parser.parse(item["text"])
        times.append(1000 * (time.perf_counter() - started))
    parser.close()
    times.sort()
    accuracy = {key: report.accuracy(key) for key in ("topic", "field", "program")}
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], accuracy


Row = tuple[str, "dict[str, float] | None", float, float, "dict[str, float]"]


TABLE_HEADER = (
    "| pipeline | CV intent macro-F1 | held-out topic | field | program "
    "| parse median ms | p95 ms |"
)


def _table_rows(text: str) -> dict[str, str]:
    """The rows of an existing results table by their pipeline label."""
    if TABLE_HEADER not in text:
        return {}
    rows = {}
    for line in text.split(TABLE_HEADER, 1)[1].splitlines()[2:]:
        if not line.startswith("| "):
            break
        rows[line.split("|")[1].strip()] = line
    return rows


def write_table(rows: list[Row], out: Path | None = None) -> Path:
    """Write the results table in docs/pipelines.md, keeping the notes below it.

    Rows measured now replace those of the same label; rows of candidates not run now stay,
    so the expensive candidates can be measured one at a time.
    """
    out = out or ROOT / "docs" / "pipelines.md"
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    table = _table_rows(previous)
    for label, cv, median, p95, acc in rows:
        cv_cell = f"{cv['macro_f1']:.3f}" if cv else "not run"
        table[label] = (
            f"| {label} | {cv_cell} | {acc['topic']:.3f} | {acc['field']:.3f} | "
            f"{acc['program']:.3f} | {median:.1f} | {p95:.1f} |"
        )
    order = [c.label for c in CANDIDATES]
    labels = sorted(table, key=lambda lb: (order.index(lb) if lb in order else len(order), lb))
    lines = [
        "# NLU pipeline comparison",
        "",
        "`python -m bot.evaluation.pipelines [--folds N] [--only SLUG ...]` — the same "
        "`config.yml` except the tokenizer or the intent classifier (and without "
        "`FallbackClassifier`, whose `nlu_fallback` would count as errors). CV: N-fold "
        "cross-validation on `data/` (5 unless the notes say otherwise), intent macro-F1, on "
        "the same folds for every candidate (seed 42; the notes say which rows are older). "
        "Held-out: a model trained on all of `data/`, triage accuracy on the 338 Korean "
        "inquiries of `tests/nlu/triage_heldout.yml`, and parse latency over 200 of them, on "
        "the 2-core machine.",
        "",
        TABLE_HEADER,
        "|---|---|---|---|---|---|---|",
        *(table[label] for label in labels),
    ]
    notes = previous.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in previous else "\n"
    out.write_text("\n".join(lines) + "\n\n<!-- notes -->" + notes, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Run every candidate and write the table to docs/pipelines.md."""
    args_parser = argparse.ArgumentParser(description=__doc__)
    args_parser.add_argument("--folds", type=int, default=5, help="0 skips cross-validation")
    args_parser.add_argument(
        "--only",
        nargs="*",
        choices=[c.slug for c in CANDIDATES],
        help="candidates to run (default: all)",
    )
    args = args_parser.parse_args(argv)
    rows: list[Row] = []
    out = ROOT / "docs" / "pipelines.md"
    with tempfile.TemporaryDirectory(prefix="bizcall-pipelines-") as tmp:
        directory = Path(tmp)
        for candidate in CANDIDATES:
            if args.only and candidate.slug not in args.only:
                continue
            label, slug = candidate.label, candidate.slug
            config = classifier_config(directory, slug, candidate.tokenizer, candidate.classifier)
            started = time.perf_counter()
            cv = (
                cross_validate(config, directory / f"cv-{slug}", args.folds)
                if (args.folds > 1)
                else None
            )
            cv_seconds = time.perf_counter() - started
            median, p95, accuracy = heldout(config, directory)
            rows.append((label, cv, median, p95, accuracy))
            print(
                f"{label:24} CV macro-F1 {cv['macro_f1'] if cv else float('nan'):.3f}  "
                f"held-out topic {accuracy['topic']:.3f} field {accuracy['field']:.3f} "
                f"program {accuracy['program']:.3f}  parse {median:.1f} ms (p95 {p95:.1f})  "
                f"CV {cv_seconds:.0f} s",
                flush=True,
            )
            out = write_table(rows)  # after each candidate: partial runs still count
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
