"""Staff relabels as Rasa training data: ``bizcall inquiries export`` → ``data/reviewed.yml``.

Closing the review loop: every inquiry a staff member corrected in the console becomes an
NLU example of the intent its corrected labels stand for, and ``make train`` picks the
file up with the rest of ``data/*.yml``. Mapping from the triage codes to intents:

* consultation + field → ``consult_<field>``; consultation without field →
  ``request_consultation``;
* program → the program-question intent the model predicted if it was one (the aspect:
  ``ask_program_target`` …), else ``ask_program``; the program id goes into the example's
  ``metadata``, not an entity annotation: programs are found by the catalogue matcher
  from the catalogue's names and aliases (a new way of naming one belongs there);
* invest → ``ask_invest``; booking → the predicted ``booking_*`` intent, else
  ``booking_check``; handoff → ``human_handoff``; out_of_scope → ``out_of_scope``;
* smalltalk → the predicted intent if it was a small-talk one (greet, thank …); otherwise
  there is no way to tell which, and the example is skipped.

Texts already in another training file are skipped (Rasa refuses one text under two
intents); the caller reports them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from bot.console.inquiries import effective
from bot.console.models import Inquiry
from bot.triage import PROGRAM_INTENTS, TOPIC_BY_INTENT

HEADER: Final = (
    "# Written by `bizcall inquiries export` from inquiries staff relabelled in the console.\n"
    "# Do not edit by hand: correct the label in the console and export again.\n"
)
_ANNOTATION: Final = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")
_SIMPLE: Final = {
    "invest": "ask_invest",
    "handoff": "human_handoff",
    "out_of_scope": "out_of_scope",
}


def intent_for(topic: str, field_code: str | None, predicted: str) -> str | None:
    """The training intent for corrected labels (see the module docstring), or None."""
    if topic == "consultation":
        return f"consult_{field_code}" if field_code else "request_consultation"
    if topic == "program":
        return predicted if predicted in PROGRAM_INTENTS else "ask_program"
    if topic == "booking":
        return predicted if predicted.startswith("booking_") else "booking_check"
    if topic == "smalltalk":
        return predicted if TOPIC_BY_INTENT.get(predicted) == "smalltalk" else None
    return _SIMPLE.get(topic)


def plain(example: str) -> str:
    """An example's text without entity markup, whitespace-normalised."""
    return " ".join(_ANNOTATION.sub(r"\1", example).split())


def known_texts(files: Iterable[Path]) -> set[str]:
    """Every NLU example text in ``files`` (Rasa YAML), entity markup removed."""
    texts: set[str] = set()
    for path in files:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in doc.get("nlu") or []:
            examples = item.get("examples") if isinstance(item, dict) else None
            if isinstance(examples, str):
                lines = (line.strip() for line in examples.splitlines())
                texts.update(plain(line[2:]) for line in lines if line.startswith("- "))
            elif isinstance(examples, list):
                texts.update(plain(e.get("text", "")) for e in examples if isinstance(e, dict))
    return texts


@dataclass
class Export:
    """What an export wrote and what it left out, with the reason."""

    written: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


def render(inquiries: Iterable[Inquiry], existing: set[str]) -> tuple[str, Export]:
    """The YAML text for ``inquiries`` (a later correction of the same text wins)."""
    report = Export()
    chosen: dict[str, tuple[str, dict[str, Any]]] = {}
    for inquiry in inquiries:
        text = plain(inquiry.text)
        topic, field_code, program = effective(inquiry)
        intent = intent_for(topic, field_code, inquiry.intent)
        if intent is None:
            report.skipped.append((inquiry.id, "small talk: which small-talk intent is unknown"))
            continue
        if not text:
            report.skipped.append((inquiry.id, "empty text"))
            continue
        if text in existing:
            report.skipped.append((inquiry.id, "text already in the training data"))
            continue
        metadata: dict[str, Any] = {"inquiry": inquiry.id, "reviewed_by": inquiry.labelled_by}
        if program:
            metadata["program"] = program
        chosen[text] = (intent, metadata)
    by_intent: dict[str, list[tuple[int, str, dict[str, Any]]]] = {}
    for text, (intent, metadata) in chosen.items():
        by_intent.setdefault(intent, []).append((metadata["inquiry"], text, metadata))
    doc = {
        "version": "3.1",
        "nlu": [
            {
                "intent": intent,
                "examples": [{"text": text, "metadata": meta} for _, text, meta in sorted(items)],
            }
            for intent, items in sorted(by_intent.items())
        ],
    }
    report.written = len(chosen)
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)
    return HEADER + body, report


def export(out: Path, inquiries: Iterable[Inquiry], data_dir: Path) -> Export:
    """Write ``out`` from the relabelled ``inquiries``, skipping texts known in ``data_dir``."""
    others = [
        p
        for p in sorted(data_dir.rglob("*.yml"))
        if p.resolve() != out.resolve() and p.name not in ("rules.yml", "stories.yml")
    ]
    text, report = render(inquiries, known_texts(others))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return report
