"""Rasa's command line, run by the measurements in fresh processes.

A subprocess per run, as ``rasa`` runs from the command line: each variant's training or
cross-validation starts from the same state, and Rasa's output stays out of the report.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.settings import ROOT

RASA: tuple[str, ...] = ("-m", "rasa")
"""How the Python interpreter is told to run ``rasa``."""


def run_rasa(*args: str | Path | int, entry: Sequence[str] = RASA) -> None:
    """``rasa <args>`` at the repository root; raises if it fails.

    Args:
        args: the command line after ``rasa``.
        entry: the interpreter's arguments that start Rasa (a seeded wrapper, say).

    Raises:
        subprocess.CalledProcessError: Rasa exited with an error.
    """
    subprocess.run(
        [sys.executable, *entry, *(str(a) for a in args)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def io_args(config: Path, data: Path, out: Path) -> tuple[str | Path, ...]:
    """The options that name a run's pipeline, its NLU data and its output folder."""
    return ("--config", config, "--nlu", data, "--out", out)


def train_nlu(config: Path, data: Path, out: Path) -> Path:
    """Train an NLU model with ``config`` on ``data`` into ``out``; returns the archive."""
    run_rasa("train", "nlu", *io_args(config, data, out), "--fixed-model-name", "m", "--quiet")
    return out / "m.tar.gz"
