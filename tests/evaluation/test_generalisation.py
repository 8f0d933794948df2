"""The generalisation comparison's variants: which data and features each row trains with."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.evaluation.blind import Headline
from bot.evaluation.generalisation import EMBEDDING, VARIANTS, row, variant_config
from bot.settings import ROOT


def _names(path: Path) -> list[str]:
    return [c["name"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))["pipeline"]]


def test_variants_name_existing_files_and_the_last_is_the_default() -> None:
    assert len({v.slug for v in VARIANTS}) == len(VARIANTS)
    for variant in VARIANTS:
        assert all((ROOT / "data" / name).exists() for name in variant.files), variant
    default = VARIANTS[-1]
    assert default.slug == "default" and default.embedding and default.noisy
    nlu_files = {
        p.name
        for p in (ROOT / "data").glob("*.yml")
        if "nlu" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {})
    }
    assert set(default.files) == nlu_files  # the default row trains on all NLU data


def test_the_embedding_feature_is_dropped_only_where_the_variant_says(tmp_path: Path) -> None:
    by_slug = {v.slug: v for v in VARIANTS}
    with_it = _names(variant_config(tmp_path, by_slug["more-emb"]))
    without = _names(variant_config(tmp_path, by_slug["more"]))
    assert EMBEDDING in with_it and EMBEDDING not in without
    assert [n for n in with_it if n != EMBEDDING] == without
    assert "FallbackClassifier" not in with_it


def test_a_row_prints_every_figure() -> None:
    h = Headline("t", 10, 0.9, 0.8, 0.7, 0.95, 0.85)
    text = row(
        VARIANTS[0], {"tune": h, "tune_noisy": h, "dev": h, "calibration": 0.961, "parse_ms": 6.25}
    )
    assert text == (
        "| data/ before issue 13 (n-grams) | 0.900 / 0.800 / 0.700 | 0.95 / 0.85 "
        "| 0.900 / 0.800 / 0.700 | 0.900 / 0.800 / 0.700 | 0.961 | 6.2 |"
    )
