"""Compare NLU pipelines by measurement: cross-validated macro-F1 and parse latency.

Each candidate is ``config.yml`` with only the tokenizer swapped: Rasa's whitespace
tokenizer (the baseline, with the same character n-grams), and ``KoreanTokenizer`` with the
Okt, Komoran, MeCab-ko and Kiwi analysers. Results go to ``docs/pipelines.md``; the best
becomes the default in ``config.yml`` (by hand, with the table as the reason).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bot.evaluation.triage import cross_validate
from bot.settings import ROOT

CANDIDATES = {
    "okt (KoNLPy)": {"name": "bot.nlp.tokenizer.KoreanTokenizer", "backend": "okt"},
    "kiwi": {"name": "bot.nlp.tokenizer.KoreanTokenizer", "backend": "kiwi"},
    "whitespace (baseline)": {"name": "WhitespaceTokenizer"},
    "mecab-ko": {"name": "bot.nlp.tokenizer.KoreanTokenizer", "backend": "mecab"},
    "komoran (KoNLPy)": {"name": "bot.nlp.tokenizer.KoreanTokenizer", "backend": "komoran"},
}


def candidate_config(tokenizer: dict, directory: Path, slug: str) -> Path:
    """``config.yml`` with its tokenizer replaced, written to ``directory``."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    config = copy.deepcopy(config)
    config["pipeline"][0] = tokenizer
    path = directory / f"config-{slug}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def latency_ms(config: Path, directory: Path, texts: list[str]) -> tuple[float, float]:
    """Train an NLU model with ``config`` and time parsing ``texts``: (median, p95) in ms."""
    from bot.parser import ModelParser

    out = directory / f"model-{config.stem}"
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu",
         str(ROOT / "data"), "--out", str(out), "--fixed-model-name", "m", "--quiet"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    parser = ModelParser(out / "m.tar.gz")
    parser.parse("워밍업")
    times = []
    for text in texts:
        started = time.perf_counter()
        parser.parse(text)
        times.append(1000 * (time.perf_counter() - started))
    parser.close()
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def write_table(rows: list[tuple[str, dict[str, float], float, float, float]], folds: int) -> Path:
    """Write (or rewrite) the results table in docs/pipelines.md, keeping the notes below it."""
    lines = [
        "# NLU pipeline comparison",
        "",
        f"`python -m bot.evaluation.pipelines` — {folds}-fold cross-validation of intent "
        "classification on `data/` with DIET (the same `config.yml` except the tokenizer), and "
        "parse latency of a model trained on all of `data/`, over the first 200 Korean held-out "
        "inquiries, on the 2-core CI machine.",
        "",
        "| pipeline | intent macro-F1 | accuracy | parse median (ms) | parse p95 (ms) |",
        "|---|---|---|---|---|",
    ]
    for label, scores, median, p95, _ in rows:
        lines.append(f"| {label} | {scores['macro_f1']:.3f} | {scores['accuracy']:.3f} | "
                     f"{median:.1f} | {p95:.1f} |")
    out = ROOT / "docs" / "pipelines.md"
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    notes = previous.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in previous else "\n"
    out.write_text("\n".join(lines) + "\n\n<!-- notes -->" + notes, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Run every candidate and write the table to docs/pipelines.md."""
    args_parser = argparse.ArgumentParser(description=__doc__)
    args_parser.add_argument("--folds", type=int, default=5)
    args_parser.add_argument("--only", nargs="*", help="candidate names to run")
    args = args_parser.parse_args(argv)
    heldout = yaml.safe_load((ROOT / "tests" / "nlu" / "triage_heldout.yml").read_text(
        encoding="utf-8"))["inquiries"]
    texts = [item["text"] for item in heldout][:200]
    rows: list[tuple[str, dict[str, float], float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="bizcall-pipelines-") as tmp:
        directory = Path(tmp)
        for label, tokenizer in CANDIDATES.items():
            if args.only and not any(o in label for o in args.only):
                continue
            slug = label.split()[0]
            config = candidate_config(tokenizer, directory, slug)
            started = time.perf_counter()
            scores = cross_validate(config, directory / f"cv-{slug}", args.folds)
            cv_seconds = time.perf_counter() - started
            median, p95 = latency_ms(config, directory, texts)
            rows.append((label, scores, median, p95, cv_seconds))
            print(f"{label:24} macro-F1 {scores['macro_f1']:.3f} accuracy {scores['accuracy']:.3f}"
                  f"  parse {median:.1f} ms (p95 {p95:.1f})  [{cv_seconds:.0f}s]", flush=True)
            out = write_table(rows, args.folds)  # after each candidate: partial runs still count
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
