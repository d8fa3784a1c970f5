"""The rule sets of the directive versions in force, read from the database (the Django side of the rules)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from zabta.policy.models import DirectiveVersion
from zabta.policy.selectors import directive_versions_in_force
from zabta.screening.rules import RuleSet


def rule_set_for(version: DirectiveVersion) -> RuleSet:
    """The screening rules stored with one directive version, checked against its clauses."""
    clauses = {
        c.key: {"kind": c.kind, "default_severity": c.default_severity, "number": c.number}
        for c in version.clauses.all()
    }
    name = f"{version.directive.code} v{version.version}"
    return RuleSet.from_data(name, list(version.screening_rules), clauses)


def rule_sets_in_force(at: datetime | None = None) -> list[RuleSet]:
    """One rule set per directive version in force at ``at`` (now by default)."""
    return [rule_set_for(v) for v in directive_versions_in_force(at or timezone.now())]
