"""Real everyday Korean utterances (3i4K) as out-of-scope examples, split once and for all.

3i4K (CC BY-SA 4.0, W. I. Cho et al.; see ``../shared/data/3i4k/SOURCE.md``) holds 54k
utterances people say to a home assistant: mail, schedules, weather, appliances, chit-chat.
For bizcall they are what real people type that is *not* business support. Each line goes to
exactly one part, by a hash of its text (so duplicates never straddle two parts, and the
split does not depend on the order of the file):

* ``blind``: 10% — candidates for the blind test set's negatives (``eval/blind/``);
* ``validation``: 20% — the out-of-scope recall check of ``make eval`` (``eval/3i4k/``);
* ``train``: 70% — the pool that ``data/nlu_3i4k.yml`` samples from; a disjoint sample of
  the same pool (``eval/3i4k/calibration.txt``) is what thresholds are set on, so the
  validation split stays a measurement.

About 3% of the corpus speaks of taxes, contracts, companies, jobs or money. A line that
does is kept only when it is also clearly an everyday request (mail, schedule, alarm …),
because "회사에서 온 메일 확인해줘" is a valuable near miss but "세금 신고 언제까지야" might
be a real business question and must not be taught as out of scope.

``python -m bot.evaluation.corpus_3i4k`` rebuilds the committed files; run it only when the
split rule changes (the files are frozen inputs of training and evaluation).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.settings import ROOT

SOURCE = ROOT.parent / "shared" / "data" / "3i4k" / "fci_train_val.txt"
TRAIN_FILE = ROOT / "data" / "nlu_3i4k.yml"
VALIDATION_FILE = ROOT / "eval" / "3i4k" / "validation.txt"
BLIND_CANDIDATES_FILE = ROOT / "eval" / "3i4k" / "blind_candidates.txt"
CALIBRATION_FILE = ROOT / "eval" / "3i4k" / "calibration.txt"

ATTRIBUTION = (
    "From 3i4K (github.com/warnikchow/3i4k, commit cfa90c15, fci_train_val.txt), "
    "CC BY-SA 4.0, by W. I. Cho, H. S. Lee, J. W. Yoon, S. M. Kim and N. S. Kim "
    "(arXiv:1811.04231, arXiv:1810.13113). This file is a derived work under the same licence."
)

BUSINESS = re.compile(
    "세금|세무|세액|부가세|소득세|법인|계약|회사|사업|업체|창업|가게|매장|사장|직원|알바|월급|"
    "급여|임금|퇴직|연봉|채용|면접|취업|구직|대출|투자|주식|펀드|은행|보험|매출|수출|수입|관세|"
    "통관|특허|상표|저작권|변호사|소송|고소|노무|노동|근로|해고|지원금|보조금|정부|진흥원|"
    "판매|판로|마케팅|광고|홍보|고객|거래|납품|견적|세미나|교육|컨설팅|상담|예약|비자|외국인"
)
EVERYDAY = re.compile(
    "메일|편지함|일정|스케줄|알람|타이머|날씨|미세먼지|음악|노래|틀어|꺼|켜|불 |조명|에어컨|"
    "난방|보일러|TV|티비|청소기|세탁기|냉장고|뉴스|채널|볼륨|문자|전화 걸|카톡|사진|동영상"
)

SMALLTALK = re.compile(
    r"안녕|감사|고마|고맙|수고|반갑|반가|그만|^(네|예|응|아니|아뇨|그래|좋아)(\s|$|요)"
)
"""Greetings, thanks, yes/no and "stop" are small talk in our taxonomy, not out of scope."""


@dataclass(frozen=True)
class Utterance:
    """One corpus line: its 3i4K label (0 fragment … 6 intonation-dependent) and text."""

    label: int
    text: str


def read_corpus(path: Path = SOURCE) -> Iterator[Utterance]:
    """The corpus lines (``label<TAB>text``), skipping malformed ones."""
    for line in path.read_text(encoding="utf-8").splitlines():
        label, _, text = line.partition("\t")
        if label.strip().isdigit() and text.strip():
            yield Utterance(int(label), text.strip())


def part_of(text: str) -> str:
    """``blind``, ``validation`` or ``train``: a fixed function of the text alone."""
    bucket = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 100
    if bucket < 10:
        return "blind"
    return "validation" if bucket < 30 else "train"


def usable_negative(text: str) -> bool:
    """True when the line is safely out of scope: not business support, not small talk."""
    if len(text) < 2 or SMALLTALK.search(text):
        return False
    return not BUSINESS.search(text) or bool(EVERYDAY.search(text))


def split(lines: Iterable[Utterance]) -> dict[str, list[Utterance]]:
    """Usable, de-duplicated lines by part, in corpus order."""
    seen: set[str] = set()
    parts: dict[str, list[Utterance]] = {"blind": [], "validation": [], "train": []}
    for u in lines:
        if u.text in seen or not usable_negative(u.text):
            continue
        seen.add(u.text)
        parts[part_of(u.text)].append(u)
    return parts


def sample(lines: list[Utterance], n: int, seed: int) -> list[Utterance]:
    """``n`` lines, stratified by 3i4K label so fragments, questions and commands all appear."""
    rng = random.Random(seed)
    by_label: dict[int, list[Utterance]] = {}
    for u in lines:
        by_label.setdefault(u.label, []).append(u)
    out: list[Utterance] = []
    for _label, group in sorted(by_label.items()):
        k = round(n * len(group) / max(len(lines), 1))
        out.extend(rng.sample(group, min(k, len(group))))
    rng.shuffle(out)
    return out[:n]


def _yaml_example(text: str) -> str:
    """A line of a Rasa ``examples: |`` block (the block is literal, so only one line)."""
    return "      - " + text.replace("\n", " ")


def write_training(lines: list[Utterance], path: Path = TRAIN_FILE) -> None:
    """``data/nlu_3i4k.yml``: the sampled lines as ``out_of_scope`` examples."""
    body = [
        f"# {ATTRIBUTION}",
        "# Real everyday utterances (not business support) as out-of-scope examples;",
        "# built by `python -m bot.evaluation.corpus_3i4k` from the `train` part only.",
        'version: "3.1"',
        "",
        "nlu:",
        "  - intent: out_of_scope",
        "    examples: |",
        *(_yaml_example(u.text) for u in lines),
        "",
    ]
    path.write_text("\n".join(body), encoding="utf-8")


def write_lines(lines: list[Utterance], path: Path, what: str) -> None:
    """A plain ``label<TAB>text`` file with the attribution on top."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = [f"# {ATTRIBUTION}", f"# {what}"]
    path.write_text(
        "\n".join([*header, *(f"{u.label}\t{u.text}" for u in lines)]) + "\n", encoding="utf-8"
    )


def read_lines(path: Path) -> list[str]:
    """The texts of a file written by ``write_lines``."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        out.append(line.split("\t", 1)[1])
    return out


def main(argv: list[str] | None = None) -> int:
    """Rebuild the training sample, the calibration and validation splits, the blind candidates."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=int, default=1500, help="training examples to sample")
    parser.add_argument("--validation", type=int, default=2000)
    parser.add_argument("--calibration", type=int, default=1000)
    parser.add_argument("--blind", type=int, default=400, help="candidates for the blind set")
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"no corpus at {args.source}", file=sys.stderr)
        return 1
    parts = split(read_corpus(args.source))
    pool = sample(parts["train"], args.train + args.calibration, seed=1)
    write_training(pool[: args.train])
    write_lines(
        pool[args.train :],
        CALIBRATION_FILE,
        "Calibration sample of the training pool: sets thresholds, never trained on.",
    )
    write_lines(
        sample(parts["validation"], args.validation, seed=2),
        VALIDATION_FILE,
        "Out-of-scope validation split: never used for training.",
    )
    if not BLIND_CANDIDATES_FILE.exists():  # frozen: the blind set's negatives came from it
        write_lines(
            sample(parts["blind"], args.blind, seed=3),
            BLIND_CANDIDATES_FILE,
            "Candidates for the blind set's real negatives: never used for training.",
        )
    print({k: len(v) for k, v in parts.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
