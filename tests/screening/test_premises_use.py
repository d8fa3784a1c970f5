"""Clause 5: a post that tells of filming for social media on police premises or in a police vehicle.

The premises_use detector reads filming words and police places together, in all four languages; gunfire news,
a plain mention of a police station and a negated mention are not flagged. The seed directive maps the signal to
KHI-2024-SM-5 by data; a directive without that rule raises nothing for it.
"""

import json

import pytest

from zabta.policy.documents import SEED_DIR
from zabta.screening.pipeline import Pipeline
from zabta.screening.rules import RuleSet
from zabta.screening.types import LABELS, Content

SEED = SEED_DIR / "karachi-range-2024-09-20.json"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize(
    "text",
    [
        "Dost ne thane ke andar shooting ki, Korangi police station ka set",  # Roman Urdu (a demo post)
        "Vlogger shooting inside Korangi police station today, thanks to the SHO",  # English
        "police mobile mein baith kar tiktok video banai, full enjoy",
        "تھانے کے اندر ٹک ٹاک ویڈیو بنائی گئی",  # Urdu script
        "ٿاڻي اندر وڊيو ٺاهي",  # Sindhi script
        "New reel from the police lines, like and share",
    ],
)
def test_filming_on_police_premises_is_flagged(pipeline: Pipeline, text: str) -> None:
    sig = pipeline.screen(text).signal("premises_use")
    assert sig is not None and sig.decision, text
    assert sig.evidence, "the words that made the signal are shown"


@pytest.mark.parametrize(
    "text",
    [
        "Korangi thane par firing hui, do zakhmi",  # gunfire news, not filming
        "Police station mein FIR darj karwai, SHO ne madad ki",  # a police place, no filming
        "Aaj ek zabardast vlog dekha Lahore food street ka",  # filming, no police place
        "Thane mein vlog nahi banana chahiye",  # negated
        "تھانے میں رپورٹ درج کروائی",  # Urdu: a report filed at the police station
    ],
)
def test_other_mentions_are_not_flagged(pipeline: Pipeline, text: str) -> None:
    sig = pipeline.screen(text).signal("premises_use")
    assert sig is not None and not sig.decision, text


def test_the_label_is_part_of_the_contract(pipeline: Pipeline) -> None:
    assert "premises_use" in LABELS
    assert {s.label for s in pipeline.screen("Jumma Mubarak").signals} >= set(LABELS)


def test_the_seed_directive_maps_it_to_clause_5_and_another_directive_need_not(pipeline: Pipeline) -> None:
    doc = json.loads(SEED.read_text(encoding="utf-8"))
    text = "Vlogger shooting inside Korangi police station today, thanks to the SHO"
    signals = list(pipeline.screen(text).signals)
    findings = RuleSet.from_document(doc).apply(Content(text), signals)
    (clause5,) = [f for f in findings if f.clause_key == "KHI-2024-SM-5"]
    assert "premises permit" in clause5.rationale and "police station" in clause5.rationale
    doc["screening_rules"] = [r for r in doc["screening_rules"] if r["when"]["label"] != "premises_use"]
    assert all(f.clause_key != "KHI-2024-SM-5" for f in RuleSet.from_document(doc).apply(Content(text), signals))
