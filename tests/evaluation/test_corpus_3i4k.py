"""The 3i4K split: fixed by text, disjoint parts, business lines kept out, files as committed."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.evaluation.corpus_3i4k import (
    BLIND_CANDIDATES_FILE,
    CALIBRATION_FILE,
    TRAIN_FILE,
    VALIDATION_FILE,
    Utterance,
    part_of,
    read_lines,
    sample,
    split,
    usable_negative,
    write_lines,
)


def test_the_part_depends_on_the_text_only() -> None:
    assert part_of("오늘 날씨 어때") == part_of("오늘 날씨 어때")
    parts = [part_of(f"문장 {i}") for i in range(2000)]
    assert {p: parts.count(p) for p in set(parts)}.keys() == {"blind", "validation", "train"}
    # About 10 / 20 / 70 percent.
    assert 150 < parts.count("blind") < 250
    assert 300 < parts.count("validation") < 500


def test_business_lines_are_kept_only_when_clearly_everyday() -> None:
    assert usable_negative("내일 아침 알람 맞춰줘")
    assert usable_negative("회사에서 온 메일 확인해줘")  # a near miss worth teaching
    assert not usable_negative("세금 신고 언제까지 해야 돼")
    assert not usable_negative("우리 가게 직원 월급 계산해줘")
    assert not usable_negative("아")


def test_split_drops_duplicates_and_parts_are_disjoint() -> None:
    lines = [Utterance(2, f"음악 {i} 틀어줘") for i in range(300)] + [
        Utterance(2, "음악 1 틀어줘"),
        Utterance(1, "세무조사 나왔어"),
    ]
    parts = split(lines)
    texts = [u.text for part in parts.values() for u in part]
    assert len(texts) == len(set(texts)) == 300


def test_sampling_keeps_every_label() -> None:
    lines = [Utterance(i % 3, f"문장 {i}") for i in range(300)]
    picked = sample(lines, 30, seed=1)
    assert len(picked) == 30
    assert {u.label for u in picked} == {0, 1, 2}
    assert sample(lines, 30, seed=1) == picked


def test_written_lines_carry_the_attribution_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    write_lines([Utterance(3, "불 꺼줘"), Utterance(2, "비 와?")], path, "test")
    text = path.read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in text and "Cho" in text
    assert read_lines(path) == ["불 꺼줘", "비 와?"]


def test_committed_files_never_share_a_line() -> None:
    """The training sample must not contain validation, calibration or blind lines."""
    doc = yaml.safe_load(TRAIN_FILE.read_text(encoding="utf-8"))
    trained = {
        line.strip()[2:]
        for line in doc["nlu"][0]["examples"].splitlines()
        if line.strip().startswith("- ")
    }
    validation = set(read_lines(VALIDATION_FILE))
    calibration = set(read_lines(CALIBRATION_FILE))
    blind = set(read_lines(BLIND_CANDIDATES_FILE))
    assert len(trained) >= 1000 and len(validation) >= 1000 and len(calibration) >= 500
    assert not trained & validation
    assert not trained & calibration
    assert not trained & blind
    assert not validation & blind
    assert "CC BY-SA 4.0" in TRAIN_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert all(part_of(t) == "validation" for t in validation)
    assert all(part_of(t) == "train" for t in trained | calibration)


def test_small_talk_is_not_taught_as_out_of_scope() -> None:
    assert not usable_negative("안녕하세요")
    assert not usable_negative("네 감사합니다")
    assert not usable_negative("그만해")
    assert not usable_negative("응")
    assert usable_negative("네거리 지나서 세워줘")  # 네 only as a word of its own
