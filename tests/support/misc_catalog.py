"""Small catalogue files written inline, for the tests of what the loader accepts and rejects."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.catalog.loader import CatalogError, read_catalog


def write_files(directory: Path, **files: object) -> Path:
    """Write each ``name=content`` as ``name.yml``, so a test states its whole catalogue inline."""
    for name, content in files.items():
        (directory / f"{name}.yml").write_text(
            yaml.safe_dump(content, allow_unicode=True), encoding="utf-8"
        )
    return directory


def program_row(**over: object) -> dict[str, object]:
    """The smallest valid program row with ``over`` changed, so each case names only its fault."""
    base: dict[str, object] = {
        "id": "p1",
        "name": "시험사업",
        "area": "startup",
        "fields": ["startup"],
    }
    return {**base, **over}


def rejections(directory: Path, **files: object) -> list[str]:
    """The problems the loader lists for ``files``, which it must refuse to read."""
    write_files(directory, **files)
    with pytest.raises(CatalogError) as err:
        read_catalog(directory)
    return err.value.problems
