"""The media rules of each directive version: the rules in its `screening_rules` that name a media label.

A directive version carries all its screening rules as data (text and media labels share one vocabulary,
`zabta.screening.types.RULE_LABELS`); this module only picks the media ones out, and says which directive
has none, so that a report never presents "no media rules" as "no findings".
"""

from __future__ import annotations

from collections.abc import Sequence

from zabta.screening.rules import RuleSet
from zabta.screening.types import MEDIA_LABELS

__all__ = ["MEDIA_LABELS", "media_rule_sets", "no_media_rules_notes"]


def media_rule_sets(rule_sets: Sequence[RuleSet]) -> list[RuleSet]:
    """For each directive version, its rules on media labels (directives without any are left out)."""
    out = []
    for rs in rule_sets:
        rules = tuple(r for r in rs.rules if r.label in MEDIA_LABELS)
        if rules:
            out.append(RuleSet(rs.directive, rules, rs.clauses))
    return out


def no_media_rules_notes(rule_sets: Sequence[RuleSet]) -> list[str]:
    """One plain sentence per directive version with no media rule (or one when no directive applies at all)."""
    labels = ", ".join(MEDIA_LABELS)
    if not rule_sets:
        return ["no directive in force: media signals are listed but none is turned into a finding"]
    return [
        f"{rs.directive} has no screening rules for media labels ({labels}): its media signals are listed "
        "but give no finding under it; add media rules to the directive version's screening_rules"
        for rs in rule_sets
        if not any(r.label in MEDIA_LABELS for r in rs.rules)
    ]
