"""How ``zabta eval`` maps our labels onto each dataset's classes (a mapping error would move every figure)."""

import pytest

from zabta.screening.evaluation import coarse, fine5, hate_offensive3, hatexplain3
from zabta.screening.types import ScreeningResult, Signal


def _result(decided: dict[str, float], targets: dict[str, float] | None = None) -> ScreeningResult:
    labels = ("identity_attack", "abusive", "profane", "political_view")
    signals = []
    for label in labels:
        aimed_at = (targets or {}) if label == "identity_attack" else {}
        signals.append(Signal("t", "1", label, decided.get(label, 0.1), label in decided, 0.5, targets=aimed_at))
    return ScreeningResult("x", "en", tuple(signals), ())


@pytest.mark.parametrize(
    ("decided", "expected"),
    [
        ({}, "normal"),
        ({"profane": 0.9}, "normal"),  # casual vulgarity: HateXplain's annotators mostly called it normal
        ({"abusive": 0.7}, "offensive"),
        ({"abusive": 0.7, "profane": 0.95}, "offensive"),
        ({"identity_attack": 0.8, "abusive": 0.6}, "hatespeech"),
        ({"identity_attack": 0.6, "abusive": 0.9}, "offensive"),  # the stronger label wins
        ({"political_view": 0.9}, "normal"),  # a view is no harm
    ],
)
def test_hatexplain_classes(decided: dict[str, float], expected: str) -> None:
    assert hatexplain3(_result(decided)) == expected


@pytest.mark.parametrize(
    ("decided", "expected"),
    [
        ({}, "neither"),
        ({"profane": 0.9}, "offensive"),  # Davidson's "offensive" is mostly such vulgarity
        ({"abusive": 0.7}, "offensive"),
        ({"identity_attack": 0.55, "abusive": 0.9}, "hate"),
    ],
)
def test_davidson_classes_count_profanity_as_offensive(decided: dict[str, float], expected: str) -> None:
    assert hate_offensive3("neither")(_result(decided)) == expected


def test_ruhsold_classes() -> None:
    assert fine5(_result({"profane": 0.7})) == "profane"
    assert fine5(_result({"identity_attack": 0.8}, {"gender": 0.8, "religion_or_sect": 0.1})) == "sexism"
    assert fine5(_result({"identity_attack": 0.8}, {"religion_or_sect": 0.7})) == "religious_hate"
    assert fine5(_result({"abusive": 0.6, "profane": 0.9})) == "profane"
    assert fine5(_result({})) == "normal"
    assert coarse(_result({"profane": 0.7})) == "abusive" and coarse(_result({"political_view": 0.9})) == "normal"
