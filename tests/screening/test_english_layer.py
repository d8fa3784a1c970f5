"""The lexicon layer on top of a calibrated model (the English one): listed words are evidence, the model decides.

A model with zero weights and chosen intercepts gives every post the same class probabilities, so each test
states exactly what the model thinks and checks what the detectors make of it.
"""

import math

import numpy as np
import pytest

from zabta.screening.analysis import ModelBank
from zabta.screening.features import FeatureSpec
from zabta.screening.linear import LinearModel
from zabta.screening.pipeline import Pipeline
from zabta.screening.types import Signal

CLASSES = ["hatespeech", "normal", "offensive"]
OUTPUTS = {"identity_attack": ["hatespeech"], "abusive": ["offensive"]}


def _model(probs: dict[str, float], calibrated: bool = True) -> LinearModel:
    spec = FeatureSpec(n_features=2**10)
    return LinearModel(
        name="harm_en",
        version="test",
        classes=CLASSES,
        coef=np.zeros((3, spec.n_features), np.float32),
        intercept=np.array([math.log(probs[c]) for c in CLASSES], np.float32),
        spec=spec,
        outputs=OUTPUTS,
        languages=["en"],
        calibrated=list(OUTPUTS) if calibrated else [],
    )


def _signal(model: LinearModel, text: str, label: str) -> Signal:
    sig = Pipeline(models=ModelBank([model])).screen(text).signal(label)
    assert sig is not None
    return sig


def test_rival_scoring_decides_at_the_multi_class_argmax() -> None:
    model = _model({"hatespeech": 0.45, "normal": 0.30, "offensive": 0.25})
    scores = model.label_scores(model.predict_proba_keys(["any text"])[0])
    assert scores["identity_attack"] == pytest.approx(0.45 / 0.75, abs=1e-4)  # argmax, so >= 0.5
    assert scores["abusive"] == pytest.approx(0.25 / 0.70, abs=1e-4)
    plain = _model({"hatespeech": 0.45, "normal": 0.30, "offensive": 0.25}, calibrated=False)
    assert plain.label_scores(plain.predict_proba_keys(["any text"])[0])["identity_attack"] < 0.5


def test_a_bare_slur_does_not_override_a_confident_model() -> None:
    offensive = _model({"hatespeech": 0.1, "normal": 0.2, "offensive": 0.7})
    sig = _signal(offensive, "shut up you retard", "identity_attack")
    assert not sig.decision
    assert sig.score == pytest.approx(0.1 / 0.8, abs=1e-3)  # the model's own score, not raised by the list
    assert "retard" in {e.text for e in sig.evidence}  # the word is still shown to the reviewer
    assert _signal(offensive, "shut up you retard", "abusive").decision


def test_an_uncalibrated_model_still_lets_the_slur_stand() -> None:
    offensive = _model({"hatespeech": 0.1, "normal": 0.2, "offensive": 0.7}, calibrated=False)
    assert _signal(offensive, "shut up you retard", "identity_attack").decision


def test_a_listed_insult_does_not_override_a_confident_normal() -> None:
    normal = _model({"hatespeech": 0.05, "normal": 0.9, "offensive": 0.05})
    sig = _signal(normal, "you idiot, that was my seat", "abusive")
    assert not sig.decision


def test_a_dehumanising_comparison_stands_against_the_model() -> None:
    normal = _model({"hatespeech": 0.1, "normal": 0.8, "offensive": 0.1})
    assert _signal(normal, "Christians are filthy pigs", "identity_attack").decision


def test_a_cue_word_does_not_overturn_the_models_yes() -> None:
    hate = _model({"hatespeech": 0.8, "normal": 0.1, "offensive": 0.1})
    sig = _signal(hate, "call me racist but they should all be sent back", "identity_attack")
    assert sig.decision
    assert "counter-speech or reporting cue" in sig.notes


def test_counter_speech_still_lowers_lexical_evidence() -> None:
    normal = _model({"hatespeech": 0.1, "normal": 0.8, "offensive": 0.1})
    text = 'Someone wrote "Christians are filthy pigs" on the wall; we condemn it'
    assert not _signal(normal, text, "identity_attack").decision


def test_a_roman_urdu_curse_in_an_english_post_brings_in_the_roman_urdu_model() -> None:
    from dataclasses import replace

    from zabta.screening.language import detect_language

    roman_ur = replace(_model({"hatespeech": 0.2, "normal": 0.2, "offensive": 0.6}), name="harm_roman_ur",
                       languages=["roman_ur"])  # fmt: skip
    pipeline = Pipeline(models=ModelBank([roman_ur]))
    mixed = "you are a total bhenchod for saying that"
    assert detect_language(mixed).language == "en"  # its function words are English
    result = pipeline.screen(mixed)
    assert any(m.startswith("harm_roman_ur@") for m in result.models)
    sig = result.signal("abusive")
    assert sig is not None and sig.decision
    # Without a Roman Urdu slur, curse or insult the English post is not the Roman Urdu model's to score.
    plain = pipeline.screen("you are a total clown for saying that")
    assert not any(m.startswith("harm_roman_ur@") for m in plain.models)
