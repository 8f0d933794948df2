"""Loads the recommender's word files (``profile_words.yml``, ``place_words.yml``).

The words a profile is read from are data, not logic: they grow with every message that was
misread, and the person who adds "스킨케어" to the beauty trade should not have to edit
Python. They live in YAML beside the modules that name them, and this loader turns each
entry into what the reader uses, compiled and checked once, at import, so that a broken
pattern fails with its name at start-up rather than later on some user's message.

An entry's kind is given by its keys:

- ``any``: one regular expression, its alternatives joined with ``|``; ``${NAME}`` inside an
  alternative stands for the text of a pattern defined before it (in the same file or passed
  in as ``refs``); ``flags: [IGNORECASE]`` where case does not matter.
- ``labels``: an ordered table of label → alternatives, one pattern per label, all with the
  entry's flags.
- ``entries``: an ordered mapping of word → what it stands for (a text, or a list of words).

Every entry may carry ``why``: the reason it exists, for the next person who edits it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, TypeVar

import yaml

FLAGS: Final[Mapping[str, re.RegexFlag]] = {"IGNORECASE": re.IGNORECASE}
"""The flags an entry may name (the only one the word files need so far)."""
_REF: Final = re.compile(r"\$\{([A-Z_]+)\}")
_KEYS: Final = frozenset({"why", "flags", "any", "labels", "entries"})
_T = TypeVar("_T")


class VocabularyError(ValueError):
    """A word file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Vocabulary:
    """The entries of one word file, compiled, looked up by name."""

    source: Path
    """The file the entries came from, for error messages."""
    patterns: Mapping[str, re.Pattern[str]]
    tables: Mapping[str, tuple[tuple[str, re.Pattern[str]], ...]]
    entries: Mapping[str, Mapping[str, Any]]

    def pattern(self, name: str) -> re.Pattern[str]:
        """The compiled ``any`` entry called ``name``."""
        return self._get(self.patterns, name)

    def table(self, name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """The ``labels`` entry called ``name``: (label, pattern) pairs in file order."""
        return self._get(self.tables, name)

    def words(self, name: str) -> dict[str, tuple[str, ...]]:
        """The ``entries`` entry called ``name`` whose values are lists of words."""
        return {key: tuple(value) for key, value in self._get(self.entries, name).items()}

    def mapping(self, name: str) -> dict[str, str]:
        """The ``entries`` entry called ``name`` whose values are single texts."""
        return {key: str(value) for key, value in self._get(self.entries, name).items()}

    def _get(self, kind: Mapping[str, _T], name: str) -> _T:
        try:
            return kind[name]
        except KeyError:
            raise VocabularyError(f"{self.source.name}: no entry {name} of that kind") from None


def load_vocabulary(path: Path, refs: Mapping[str, str] | None = None) -> Vocabulary:
    """Read and compile one word file.

    Args:
        path: The YAML file.
        refs: Pattern texts from other files that ``${NAME}`` may stand for.

    Raises:
        VocabularyError: On an unknown key, flag or reference, or a pattern that does not
            compile; the message names the entry.
    """
    # libyaml when it is there: the word files are read at every start of every process
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    if not isinstance(data, dict):
        raise VocabularyError(f"{path.name}: expected a mapping of entries")
    texts: dict[str, str] = dict(refs or {})
    patterns: dict[str, re.Pattern[str]] = {}
    tables: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
    entries: dict[str, Mapping[str, Any]] = {}
    for name, entry in data.items():
        where = f"{path.name}: {name}"
        if not isinstance(entry, dict) or set(entry) - _KEYS:
            raise VocabularyError(f"{where}: expected keys among {sorted(_KEYS)}")
        flags = _flags(entry.get("flags", []), where)
        if "any" in entry:
            text = _joined(entry["any"], texts, where)
            patterns[name] = _compiled(text, flags, where)
            texts[name] = text
        elif "labels" in entry:
            tables[name] = tuple(
                (
                    str(label),
                    _compiled(_joined(alternatives, texts, f"{where}.{label}"), flags, where),
                )
                for label, alternatives in entry["labels"].items()
            )
        elif "entries" in entry:
            entries[name] = dict(entry["entries"])
        else:
            raise VocabularyError(f"{where}: needs one of any, labels, entries")
    return Vocabulary(path, patterns, tables, entries)


def _flags(names: list[str], where: str) -> int:
    flags = 0
    for flag in names:
        if flag not in FLAGS:
            raise VocabularyError(f"{where}: unknown flag {flag!r}")
        flags |= FLAGS[flag]
    return flags


def _joined(alternatives: list[str], texts: Mapping[str, str], where: str) -> str:
    """The alternatives as one pattern, with ``${NAME}`` replaced by that pattern's text."""

    def text_of(found: re.Match[str]) -> str:
        if found.group(1) not in texts:
            raise VocabularyError(f"{where}: ${{{found.group(1)}}} is not defined before it")
        return texts[found.group(1)]

    if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
        raise VocabularyError(f"{where}: alternatives must be a list of texts")
    return "|".join(_REF.sub(text_of, alternative) for alternative in alternatives)


def _compiled(text: str, flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile(text, flags)
    except re.error as error:
        raise VocabularyError(f"{where}: {error}") from None
