"""Compare NLU pipelines by measurement: cross-validated macro-F1 and parse latency.

Each candidate is ``config.yml`` with only the tokenizer swapped: Rasa's whitespace
tokenizer (the baseline, with the same character n-grams), and ``KoreanTokenizer`` with the
Okt, Komoran, MeCab-ko and Kiwi analysers. Results go to ``docs/pipelines.md``; the best
becomes the default in ``config.yml`` (by hand, with the table as the reason).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.evaluation.configs import classifier_config
from bot.evaluation.triage import cross_validate
from bot.settings import ROOT

HELDOUT = ROOT / "tests" / "nlu" / "triage_heldout.yml"
CANDIDATES = {
    "okt (KoNLPy)": {"name": "bot.nlp.tokenizer.KoreanTokenizer", "backend": "okt"},
    "kiwi": {"name": "bot.nlp.tokenizer.KoreanTokenizer", "backend": "kiwi"},
    "whitespace (baseline)": {"name": "WhitespaceTokenizer"},
    "mecab-ko": {"name": "bot.nlp.tokenizer.KoreanTokenizer", "backend": "mecab"},
    "komoran (KoNLPy)": {"name": "bot.nlp.tokenizer.KoreanTokenizer", "backend": "komoran"},
}


def heldout(config: Path, directory: Path) -> tuple[float, float, dict[str, float]]:
    """Train on all of data/ with ``config``; parse latency (median, p95 ms) and held-out triage.

    Held-out triage accuracy (topic, field, program on tests/nlu/triage_heldout.yml) uses
    the same ``classify`` as the bot, so it also shows what a tokenizer does end to end.
    """
    from bot.evaluation.triage import run_triage
    from bot.parser import ModelParser

    out = directory / f"model-{config.stem}"
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu",
         str(ROOT / "data"), "--out", str(out), "--fixed-model-name", "m", "--quiet"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    parser = ModelParser(out / "m.tar.gz")
    parser.parse("워밍업")
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


def write_table(rows: list[Row], folds: int) -> Path:
    """Write (or rewrite) the results table in docs/pipelines.md, keeping the notes below it."""
    lines = [
        "# NLU pipeline comparison",
        "",
        "`python -m bot.evaluation.pipelines [--folds N]` — the same `config.yml` except the "
        "tokenizer (and without `FallbackClassifier`, whose `nlu_fallback` would count as "
        + (f"errors). Cross-validation: {folds}-fold on `data/`, intent macro-F1. "
           if folds > 1 else "errors). Cross-validation was not run for this table "
           "(`--folds 5` runs it: about 8 minutes per candidate). ")
        + "Held-out: a model trained on all of `data/`, triage accuracy "
        "on the 338 Korean inquiries of `tests/nlu/triage_heldout.yml`, and parse latency over "
        "200 of them, on the 2-core machine.",
        "",
        "| pipeline | CV intent macro-F1 | held-out topic | field | program | parse median ms "
        "| p95 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, cv, median, p95, acc in rows:
        cv_cell = f"{cv['macro_f1']:.3f}" if cv else "not run"
        lines.append(f"| {label} | {cv_cell} | {acc['topic']:.3f} | {acc['field']:.3f} | "
                     f"{acc['program']:.3f} | {median:.1f} | {p95:.1f} |")
    out = ROOT / "docs" / "pipelines.md"
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    notes = previous.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in previous else "\n"
    out.write_text("\n".join(lines) + "\n\n<!-- notes -->" + notes, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Run every candidate and write the table to docs/pipelines.md."""
    args_parser = argparse.ArgumentParser(description=__doc__)
    args_parser.add_argument("--folds", type=int, default=5, help="0 skips cross-validation")
    args_parser.add_argument("--only", nargs="*", help="candidate names to run")
    args = args_parser.parse_args(argv)
    rows: list[Row] = []
    out = ROOT / "docs" / "pipelines.md"
    with tempfile.TemporaryDirectory(prefix="bizcall-pipelines-") as tmp:
        directory = Path(tmp)
        for label, tokenizer in CANDIDATES.items():
            if args.only and not any(o in label for o in args.only):
                continue
            slug = label.split()[0]
            config = classifier_config(directory, slug, tokenizer)
            cv = cross_validate(config, directory / f"cv-{slug}", args.folds) if (
                args.folds > 1) else None
            median, p95, accuracy = heldout(config, directory)
            rows.append((label, cv, median, p95, accuracy))
            print(f"{label:24} CV macro-F1 {cv['macro_f1'] if cv else float('nan'):.3f}  "
                  f"held-out topic {accuracy['topic']:.3f} field {accuracy['field']:.3f} "
                  f"program {accuracy['program']:.3f}  parse {median:.1f} ms (p95 {p95:.1f})",
                  flush=True)
            out = write_table(rows, args.folds)  # after each candidate: partial runs still count
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
