"""Rules as data: the signals-to-clauses mapping lives with the directive version, not in code."""

import json
from typing import Any

import pytest

from zabta.policy.documents import SEED_DIR
from zabta.screening.rules import RulesError, RuleSet
from zabta.screening.types import Content, EvidenceSpan, Signal

SEED = SEED_DIR / "karachi-range-2024-09-20.json"
ZONE_CLAUSES = {
    "ZONE-1": {"kind": "identity_mockery", "default_severity": "medium"},
    "ZONE-2": {"kind": "views", "default_severity": "low"},
}


def _signal(label: str, score: float, *, targets: dict[str, float] | None = None) -> Signal:
    ev = (EvidenceSpan(0, 6, "Sindhi", "group named"),)
    return Signal("test", "1", label, score, score >= 0.5, 0.5, ev, targets or {})


def _seed() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
    return doc


def test_seed_directive_maps_identity_attack_to_clause_2_and_views_to_clause_3() -> None:
    rules = RuleSet.from_document(_seed())
    findings = rules.apply(
        Content("x"),
        [_signal("identity_attack", 0.8, targets={"ethnicity_or_race": 0.8}), _signal("political_view", 0.7)],
    )
    by_clause = {f.clause_key: f for f in findings}
    assert set(by_clause) == {"KHI-2024-SM-2", "KHI-2024-SM-3"}
    assert by_clause["KHI-2024-SM-2"].severity == "high"
    assert "ethnicity_or_race" in by_clause["KHI-2024-SM-2"].rationale
    assert "“Sindhi”" in by_clause["KHI-2024-SM-2"].rationale
    assert by_clause["KHI-2024-SM-3"].clause_kind == "views"


def test_severity_rises_with_the_score() -> None:
    rules = RuleSet.from_document(_seed())
    (finding,) = rules.apply(Content("x"), [_signal("identity_attack", 0.95)])
    assert finding.severity == "critical"


def test_signals_below_their_decision_make_no_finding() -> None:
    rules = RuleSet.from_document(_seed())
    assert rules.apply(Content("x"), [_signal("identity_attack", 0.3), _signal("religious_view", 0.49)]) == []


def test_a_second_directive_maps_the_same_signals_to_its_own_clauses() -> None:
    zone_rules = [
        {"id": "z1", "when": {"label": "identity_attack", "any_target": ["religion_or_sect"]}, "clause": "ZONE-1"},
        {"id": "z2", "when": {"label": "political_view", "min_score": 0.9}, "clause": "ZONE-2", "severity": "high"},
        {"id": "z3", "when": {"label": "abusive"}, "clause": "ZONE-1"},
    ]
    zone = RuleSet.from_data("ZONE v1", zone_rules, ZONE_CLAUSES)
    signals = [
        _signal("identity_attack", 0.8, targets={"ethnicity_or_race": 0.8}),  # wrong target for z1
        _signal("political_view", 0.95),
        _signal("abusive", 0.7),
    ]
    findings = zone.apply(Content("x"), signals)
    assert [(f.directive, f.clause_key, f.severity, f.labels) for f in findings] == [
        ("ZONE v1", "ZONE-2", "high", ("political_view",)),
        ("ZONE v1", "ZONE-1", "medium", ("abusive",)),
    ]
    seed = RuleSet.from_document(_seed()).apply(Content("x"), signals)
    assert {f.clause_key for f in seed} == {"KHI-2024-SM-2", "KHI-2024-SM-3"}


def test_several_rules_on_one_clause_make_one_finding() -> None:
    rules = RuleSet.from_document(_seed())
    findings = rules.apply(Content("x"), [_signal("political_view", 0.7), _signal("religious_view", 0.8)])
    assert len(findings) == 1
    assert set(findings[0].labels) == {"political_view", "religious_view"}
    assert findings[0].score == 0.8


def test_context_conditions() -> None:
    rules = [
        {"id": "p", "when": {"label": "political_view", "context": {"account_kind": ["personal"]}}, "clause": "ZONE-2"},
        {"id": "o", "when": {"label": "abusive", "context_not": {"source": ["quoted"]}}, "clause": "ZONE-1"},
    ]
    rs = RuleSet.from_data("Z", rules, ZONE_CLAUSES)
    sig = [_signal("political_view", 0.9), _signal("abusive", 0.9)]
    assert {f.clause_key for f in rs.apply(Content("x", context={"account_kind": "personal"}), sig)} == {
        "ZONE-1",
        "ZONE-2",
    }
    assert rs.apply(Content("x", context={"account_kind": "official", "source": "quoted"}), sig) == []


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"id": "x", "when": {"label": "nonsense"}, "clause": "ZONE-1"}, "unknown label"),
        ({"id": "x", "when": {"label": "abusive"}, "clause": "NOPE"}, "not in this directive"),
        ({"id": "x", "when": {"label": "abusive"}, "clause": "ZONE-1", "severity": "extreme"}, "unknown severity"),
        ({"id": "x", "clause": "ZONE-1"}, "malformed"),
        ({"id": "x", "when": {"label": "abusive", "min_score": "high"}, "clause": "ZONE-1"}, "malformed"),
    ],
)
def test_malformed_rules_are_refused_with_a_clear_message(rule: dict[str, Any], message: str) -> None:
    with pytest.raises(RulesError, match=message):
        RuleSet.from_data("Z", [rule], ZONE_CLAUSES)


def test_a_rationale_template_fills_only_its_named_fields() -> None:
    template = "{label.__class__} {0} {missing} {label} {score}"
    rules = [{"id": "x", "when": {"label": "abusive"}, "clause": "ZONE-1", "rationale": template}]
    (finding,) = RuleSet.from_data("Z", rules, ZONE_CLAUSES).apply(Content("x"), [_signal("abusive", 0.9)])
    assert finding.rationale == "{label.__class__} {0} {missing} abusive 0.90"


@pytest.mark.django_db
def test_rule_sets_in_force_come_from_the_database() -> None:
    from zabta.screening.directives import rule_sets_in_force

    (rules,) = rule_sets_in_force()
    assert rules.directive == "KHI-2024-SM v1"
    assert {r.clause for r in rules.rules} == {
        "KHI-2024-SM-1",
        "KHI-2024-SM-2",
        "KHI-2024-SM-3",
        "KHI-2024-SM-5",
        "KHI-2024-SM-6",
    }
