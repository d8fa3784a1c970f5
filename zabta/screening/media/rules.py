"""Media rules (data/media_rules.json) applied through the text rules engine with each directive's clauses."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from zabta.screening.rules import Rule, RulesError, RuleSet
from zabta.screening.types import ContextValue

MEDIA_LABELS = ("police_marking", "police_reference", "police_identifier", "bank_match", "nudity")


@cache
def media_rule_data() -> tuple[Mapping[str, Any], ...]:
    raw = resources.files("zabta.screening.media").joinpath("data/media_rules.json").read_text("utf-8")
    return tuple(json.loads(raw)["rules"])


def _values(raw: Mapping[str, Any]) -> dict[str, tuple[ContextValue, ...]]:
    return {str(k): tuple(v) if isinstance(v, list) else (v,) for k, v in raw.items()}


def media_rule(raw: Mapping[str, Any]) -> Rule:
    """One media rule; the label must be a media label (the text engine's parser knows only text labels)."""
    when = raw["when"]
    if when["label"] not in MEDIA_LABELS:
        raise RulesError(f"media rule {raw.get('id')}: unknown media label {when['label']}")
    return Rule(id=str(raw["id"]), label=str(when["label"]), clause=str(raw["clause"]),
                decision=when.get("decision", True), min_score=float(when.get("min_score", 0.0)), any_target=(),
                context=_values(when.get("context", {})), context_not=_values(when.get("context_not", {})),
                severity=raw.get("severity"), severity_at=(), rationale=str(raw.get("rationale", "{label}")))  # fmt: skip


def media_rule_sets(rule_sets: Sequence[RuleSet]) -> list[RuleSet]:
    """For each directive in force, the media rules whose clause it has."""
    out = []
    for rs in rule_sets:
        rules = tuple(media_rule(r) for r in media_rule_data() if r["clause"] in rs.clauses)
        if rules:
            out.append(RuleSet(rs.directive, rules, rs.clauses))
    return out
