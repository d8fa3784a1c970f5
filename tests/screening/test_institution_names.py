"""Police captions and markings (read by OCR from a picture) are names, not views: no clause-3 signal.

The views models learnt from posts in which "Sindh Police" often comes with an opinion, so on their own they
scored a bare caption such as "SINDH POLICE" as a political view (about 0.8) and every police caption read
from an image became a clause-3 finding. A text of nothing but institution names is now scored by the
lexicons alone; as soon as the text says something about the institution, the models score it again.
"""

import pytest

from zabta.policy.documents import SEED_DIR, read_document
from zabta.screening.pipeline import Pipeline
from zabta.screening.rules import RuleSet

VIEWS = ("political_view", "religious_view", "personal_view")
CAPTIONS = [
    "SINDH POLICE",
    "Sindh Police",
    "POLICE",
    "SINDH POLICE - KARACHI RANGE",
    "Karachi Traffic Police",
    "Madadgar 15",
    "SSP South, District South",
    "سندھ پولیس",  # Urdu script
    "کراچی پولیس",
    "سندھ پولیس مددگار 15",
    "سنڌ پوليس",  # Sindhi script
    "sindh polees",  # Roman Urdu spellings
    "karachi pulis thana",
    "WOMEN POLICE STATION SADDAR",  # a unit named after the people it serves
    "ویمن پولیس اسٹیشن",
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    doc, _sha = read_document(SEED_DIR / "karachi-range-2024-09-20.json")
    return Pipeline([RuleSet.from_document(doc)])


@pytest.mark.parametrize("caption", CAPTIONS)
def test_police_caption_is_no_view_and_no_clause_3_finding(pipeline: Pipeline, caption: str) -> None:
    result = pipeline.screen(caption)
    decided = [label for label in VIEWS if (sig := result.signal(label)) is not None and sig.decision]
    assert decided == [], (caption, {s.label: s.score for s in result.signals})
    assert [f.clause_key for f in result.findings if f.clause_key == "KHI-2024-SM-3"] == []


def test_the_signal_says_why_the_model_was_not_used(pipeline: Pipeline) -> None:
    sig = pipeline.screen("SINDH POLICE").signal("political_view")
    assert sig is not None
    assert any("names of institutions only" in n for n in sig.notes)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Sindh Police ki tankhwah bohat kam hai, mera khayal hai ye na insafi hai", "personal_view"),
        ("SINDH POLICE - PTI zindabad, Imran Khan hamara leader", "political_view"),
        ("سندھ پولیس، پی ٹی آئی زندہ باد", "political_view"),
        ("Sindh Police should vote PTI in the elections, Imran Khan is the only honest leader", "political_view"),
    ],
)
def test_a_view_next_to_an_institution_name_is_still_a_view(pipeline: Pipeline, text: str, label: str) -> None:
    sig = pipeline.screen(text).signal(label)
    assert sig is not None and sig.decision, (text, sig)


@pytest.mark.parametrize(
    ("text", "capped"),
    [
        ("Women police station mein staff bohat kam hai", False),  # the unit's name: no community named
        ("ویمن پولیس اسٹیشن میں عملہ بہت کم ہے", False),
        ("Women ko ghar par rehna chahiye", True),  # the community itself
    ],
)
def test_a_community_word_inside_a_units_name_names_no_community(text: str, capped: bool) -> None:
    from zabta.screening.analysis import analyse
    from zabta.screening.detectors._common import GROUP_ONLY_CAP, cap_group_only
    from zabta.screening.types import Content

    doc = analyse(Content(text))
    assert cap_group_only(doc, 0.9, []) == (GROUP_ONLY_CAP if capped else 0.9)
