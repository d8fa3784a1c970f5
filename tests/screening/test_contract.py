"""The screening contract: content in, one signal per label with score, decision and evidence out."""

import json
import subprocess
import sys

import pytest

from zabta.screening.detectors import REGISTRY, default_detectors
from zabta.screening.pipeline import Pipeline
from zabta.screening.types import LABELS, TARGETS, Content, ScreeningResult


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_registry_has_one_detector_per_label() -> None:
    assert sorted(REGISTRY) == sorted(LABELS)
    assert sorted(label for d in default_detectors() for label in d.labels) == sorted(LABELS)


@pytest.mark.parametrize(
    "text",
    ["Sindhi kutte hain sab", "Jumma Mubarak", "", "یہ بہت اچھا کام ہے", "<b>PTI</b> zindabad", "🙂" * 30],
)
def test_every_label_gets_a_score_in_range_and_a_decision_at_the_threshold(pipeline: Pipeline, text: str) -> None:
    result = pipeline.screen(Content(text=text, id="p1"))
    assert [s.label for s in result.signals] == list(LABELS)
    for sig in result.signals:
        assert 0.0 <= sig.score <= 1.0
        assert sig.decision == (sig.score >= sig.threshold)
        assert sig.detector and sig.version


def test_evidence_spans_are_the_authors_own_words(pipeline: Pipeline) -> None:
    text = "yeh s1ndhi k.u.t.t.e hain"
    sig = pipeline.screen(text).signal("identity_attack")
    assert sig is not None and sig.decision
    words = {text[e.start : e.end] for e in sig.evidence}
    assert words == {e.text for e in sig.evidence}
    assert {"s1ndhi", "k.u.t.t.e"} <= words


def test_identity_attack_scores_every_target(pipeline: Pipeline) -> None:
    sig = pipeline.screen("Hindu 🐷 hain").signal("identity_attack")
    assert sig is not None
    assert set(sig.targets) == set(TARGETS)
    assert max(sig.targets, key=lambda t: sig.targets[t]) == "religion_or_sect"


def test_result_serialises_to_the_classify_shape(pipeline: Pipeline) -> None:
    result: ScreeningResult = pipeline.screen(Content(text="Christians are filthy pigs", id="42"))
    out = json.loads(json.dumps(result.to_dict()))
    assert out["id"] == "42"
    assert out["language"] == "en"
    assert set(out["labels"]) == set(LABELS)
    attack = out["labels"]["identity_attack"]
    assert attack["decision"] is True
    assert attack["targets"]["religion_or_sect"] > 0.5
    assert "targets" not in out["labels"]["profane"]
    assert out["findings"] == []  # no rule sets given: signals only


def test_batch_and_stream_agree_with_single_screening(pipeline: Pipeline) -> None:
    texts = ["PTI zindabad", "Jumma Mubarak", "Sindhi kutte hain sab", "mera khayal hai ke transfer policy ghalat hai"]
    single = [pipeline.screen(t).to_dict() for t in texts]
    streamed = [r.to_dict() for r in pipeline.screen_stream((Content(t) for t in texts), batch_size=3)]
    assert single == streamed


def test_lone_surrogates_and_huge_posts_are_screened_not_crashed(pipeline: Pipeline) -> None:
    result = pipeline.screen("kutte \ud800 " + "x" * 1_000_000)
    assert result.signal("abusive") is not None


def test_core_imports_no_django() -> None:
    code = (
        "import sys, zabta.screening.pipeline, zabta.screening.training, zabta.screening.evaluation, "
        "zabta.screening.presets, zabta.screening.datasets\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
