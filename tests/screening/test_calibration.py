"""Models are calibrated on their own training folds: a temperature, per-label thresholds mapped to 0.5, a rebuild
that gives the same weights, and multi-class labels that keep the model's own decision."""

import numpy as np
import pytest

from zabta.screening.features import FeatureSpec
from zabta.screening.linear import LinearModel
from zabta.screening.training import FOLDS, fit

YES = [f"tankhwah {n} mahine se nahi mili ye zulm hai" for n in range(12)]
NO = [f"duty roster number {n} jari kar diya gaya" for n in range(12)]


def _model(thresholds: dict[str, float]) -> LinearModel:
    coef, intercept = np.zeros((1, 8), np.float32), np.zeros(1, np.float32)
    return LinearModel("m", "1", ["0", "1"], coef, intercept, FeatureSpec(n_features=8), {"x": ["1"]},
                       thresholds=thresholds)  # fmt: skip


@pytest.mark.parametrize(("threshold", "score", "expected"), [(0.3, 0.3, 0.5), (0.3, 0.0, 0.0), (0.3, 1.0, 1.0),
                                                               (0.3, 0.15, 0.25), (0.7, 0.7, 0.5), (0.7, 0.6, 0.6 / 1.4)])  # fmt: skip
def test_a_label_threshold_is_mapped_to_the_detectors_half(threshold: float, score: float, expected: float) -> None:
    got = _model({"x": threshold}).label_scores(np.array([1 - score, score], np.float32))["x"]
    assert got == pytest.approx(expected, abs=1e-6)


def test_rescaling_keeps_the_order_of_scores() -> None:
    model = _model({"x": 0.34})
    scores = [model.label_scores(np.array([1 - s, s], np.float32))["x"] for s in np.linspace(0, 1, 51)]
    assert scores == sorted(scores)
    assert (np.array(scores) >= 0.5).sum() == (np.linspace(0, 1, 51) >= 0.34).sum()


def test_fit_calibrates_on_training_folds_and_saves_the_thresholds() -> None:
    model = fit(YES + NO, ["1"] * 12 + ["0"] * 12, name="m", outputs={"personal_view": ["1"]})
    calibration = model.card["calibration"]
    assert calibration["folds"] == FOLDS and calibration["temperature"] > 0
    assert 0.3 <= model.thresholds["personal_view"] <= 0.7
    probs = model.predict_proba_keys(["tankhwah nahi mili zulm hai", "roster jari kar diya"])
    scores = [model.label_scores(p)["personal_view"] for p in probs]
    assert scores[0] > 0.5 > scores[1]


def test_a_rebuild_gives_the_same_weights() -> None:
    texts, y = YES + NO, ["1"] * 12 + ["0"] * 12
    a = fit(texts, y, name="m", outputs={"personal_view": ["1"]})
    b = fit(texts, y, name="m", outputs={"personal_view": ["1"]})
    assert np.array_equal(a.coef, b.coef) and a.version == b.version and a.thresholds == b.thresholds


def test_a_multi_class_label_keeps_the_models_own_decision() -> None:
    texts = YES + NO + [f"PTI zindabad kaptaan {n}" for n in range(12)]
    y = ["grievance"] * 12 + ["normal"] * 12 + ["politics"] * 12
    model = fit(texts, y, name="m", outputs={"personal_view": ["grievance"]}, calibrated=["personal_view"])
    assert "personal_view" not in model.thresholds  # decided at the argmax, not at a tuned bar
    assert model.label_scores(model.predict_proba_keys(["tankhwah nahi mili zulm hai"])[0])["personal_view"] > 0.5


def test_a_tiny_file_is_left_uncalibrated() -> None:
    model = fit(YES[:4] + NO[:4], ["1"] * 4 + ["0"] * 4, name="m", outputs={"personal_view": ["1"]})
    assert model.thresholds == {} and "calibration" not in model.card
