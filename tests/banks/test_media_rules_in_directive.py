"""Media rules are directive data: the seed version carries them, another directive maps them to its own clauses,
and a directive without media rules says so instead of reporting a clean file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.media import factories as f
from zabta.banks.screening import screen_media_file
from zabta.policy.documents import SEED_DIR, read_document, validate_document
from zabta.screening.directives import rule_sets_in_force
from zabta.screening.media.config import MediaConfig
from zabta.screening.media.rules import media_rule_sets, no_media_rules_notes
from zabta.screening.rules import RulesError, RuleSet, parse_rule
from zabta.screening.types import MEDIA_LABELS

CONFIG = dataclasses.replace(MediaConfig(), nudity_enabled=False)
SEED = SEED_DIR / "karachi-range-2024-09-20.json"
ZONE_CLAUSES = {"ZONE-7": {"kind": "uniform_media", "default_severity": "high"}}


@pytest.fixture(scope="module")
def police_caption(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("media-rules")
    return f.save(f.caption(f.scene(131, 800, 450), "SINDH POLICE", at=(60, 60)), folder / "caption.png")


def test_the_rule_parser_accepts_media_labels_and_still_refuses_unknown_ones() -> None:
    rule = parse_rule({"id": "z", "when": {"label": "police_marking"}, "clause": "ZONE-7"}, ZONE_CLAUSES)
    assert rule.label == "police_marking"
    with pytest.raises(RulesError, match="unknown label police_markings"):
        parse_rule({"id": "z", "when": {"label": "police_markings"}, "clause": "ZONE-7"}, ZONE_CLAUSES)


def test_the_seed_directive_carries_all_its_screening_rules() -> None:
    doc, _sha = read_document(SEED)
    validate_document(doc)
    labels = {r.label for r in RuleSet.from_document(doc).rules}
    assert labels >= set(MEDIA_LABELS) - {"nudity"}  # nudity is a signal only
    assert labels >= {"identity_attack", "political_view"}


@pytest.mark.django_db
def test_media_rules_are_read_from_the_directive_version_in_force() -> None:
    [rules] = media_rule_sets(rule_sets_in_force())
    assert rules.directive == "KHI-2024-SM v1"
    assert {r.id for r in rules.rules} >= {"sm1-police-marking", "sm6-removed-reupload", "sm1-department-media"}
    assert all(r.label in MEDIA_LABELS for r in rules.rules)
    assert no_media_rules_notes(rule_sets_in_force()) == []


@pytest.mark.django_db
def test_another_directive_maps_police_markings_to_its_own_clause(police_caption: Path) -> None:
    zone = RuleSet.from_data(
        "ZONE-ORDER v3",
        [{"id": "z7", "when": {"label": "police_marking"}, "clause": "ZONE-7", "rationale": "markings {words}"}],
        ZONE_CLAUSES,
    )
    result = screen_media_file(police_caption, rule_sets=[zone], config=CONFIG, account_kind="personal")
    assert [(x.directive, x.clause_key, x.severity) for x in result.findings] == [("ZONE-ORDER v3", "ZONE-7", "high")]
    assert result.notes == ()


@pytest.mark.django_db
def test_a_directive_without_media_rules_says_so(police_caption: Path) -> None:
    doc, _sha = read_document(SEED)
    text_only = {
        **doc,
        "screening_rules": [r for r in doc["screening_rules"] if r["when"]["label"] not in MEDIA_LABELS],
    }
    result = screen_media_file(police_caption, rule_sets=[RuleSet.from_document(text_only)], config=CONFIG)
    marking = next(s for s in result.signals if s.label == "police_marking")
    assert marking.decision is True
    assert [x for x in result.findings if x.clause_key == "KHI-2024-SM-1"] == []
    [note] = result.notes
    assert "KHI-2024-SM v1 has no screening rules for media labels" in note
    assert result.to_dict()["notes"] == [note]
    empty = screen_media_file(police_caption, rule_sets=[], config=CONFIG)
    assert empty.notes == ("no directive in force: media signals are listed but none is turned into a finding",)
