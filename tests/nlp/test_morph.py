"""Token offsets must be exact slices of the input for every odd case users type."""

from __future__ import annotations

import itertools

import pytest

from bot.nlp.morph import BACKENDS, align, tokenize

ODD_CASES = [
    pytest.param("청년취업사관학교 신청 자격이 뭐예요?", id="particles-and-question"),
    pytest.param("청년 취업 사관 학교는요", id="spacing-variant"),
    pytest.param("청년취업사관학교신청자격", id="no-spaces"),
    pytest.param("퇴직굼 달래요ㅋㅋ", id="typo-and-jamo"),
    pytest.param("SeSAC에서 coding 배우고싶어요!!", id="mixed-english"),
    pytest.param("R&D 4대보험 부가세 1,000만원 3.5%", id="abbreviations-and-numbers"),
    pytest.param("12월3일14시 가능?", id="digits-glued-to-units"),
    pytest.param("상담 원해요 😀👍", id="emoji"),
    pytest.param("👨‍👩‍👧 가족회사", id="zwj-emoji"),
    pytest.param("ㅋㅋㅋㅋ", id="jamo-only"),
    pytest.param("<script>alert('x')</script> 안녕", id="html"),
    pytest.param("'; DROP TABLE programs;--", id="sql-meta"),
    pytest.param("  앞뒤 공백  \n줄바꿈\t탭  ", id="whitespace"),
    pytest.param("ｆｕｌｌ　ｗｉｄｔｈ 전각", id="full-width"),
    pytest.param("가" * 3000, id="long"),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("text", ODD_CASES)
def test_every_token_is_an_exact_slice(text: str, backend: str) -> None:
    tokens = tokenize(text, backend)
    assert tokens, "non-empty text must give tokens"
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text
    starts = [t.start for t in tokens]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(tokens):
        assert a.end <= b.start, f"overlap between {a} and {b}"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("text", ODD_CASES)
def test_no_visible_character_is_lost(text: str, backend: str) -> None:
    covered = "".join(t.text for t in tokenize(text, backend))
    assert covered == "".join(text.split())


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_input_has_no_tokens(text: str) -> None:
    assert tokenize(text, "okt") == []


def test_particles_are_split_from_the_name() -> None:
    texts = [t.text for t in tokenize("청년취업사관학교는 어디예요", "okt")]
    assert "는" in texts
    assert texts[-1] == "예요"


def test_lone_surrogate_from_broken_encoding_is_dropped_not_crashing() -> None:
    text = "a\udcffb 테스트"
    tokens = tokenize(text, "okt")
    assert all("\udcff" not in t.text for t in tokens)
    assert [t.text for t in tokens][-1] == "테스트"


def test_align_recovers_text_the_analyser_rewrote() -> None:
    # An analyser that normalised "했어욬" to "했어요" must not shift later offsets.
    text = "했어욬 노무"
    tokens = align(text, [("했어요", "Verb"), ("노무", "Noun")])
    assert [(t.text, t.start) for t in tokens] == [("했어욬", 0), ("노무", 4)]


def test_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown Korean analyser backend"):
        tokenize("안녕", "mecab-xyz")
