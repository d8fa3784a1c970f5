"""The rules layer: signals plus context -> findings, driven by data stored with a directive version.

A rule is a plain dict (JSON in ``DirectiveVersion.screening_rules``)::

    {"id": "sm2-identity-attack",
     "when": {"label": "identity_attack", "decision": true, "min_score": 0.5,
              "any_target": ["religion_or_sect", ...],          # optional
              "context": {"account_kind": ["personal"]},       # optional: all must match
              "context_not": {"account_kind": ["official"]}},  # optional: none may match
     "clause": "KHI-2024-SM-2",
     "severity": "high",                                        # optional: else the clause default
     "severity_at": [[0.9, "critical"]],                        # optional: raise with the score
     "rationale": "{label} {score} aimed at {targets}: {words}"}

``label`` is a text label (``types.LABELS``) or a media label (``types.MEDIA_LABELS``: police_marking,
police_reference, police_identifier, bank_match, nudity), so one directive version carries all its rules.
Clauses are given as ``{key: {"kind": ..., "default_severity": ...}}``, so another directive (a zone
order) maps the same signals to its own clause keys without code. Several rules that hit one clause
make one finding (the highest score, all labels and evidence).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from zabta.screening.types import RULE_LABELS, Content, ContextValue, EvidenceSpan, Finding, Signal

SEVERITIES = ("low", "medium", "high", "critical")
_FIELD_RE = re.compile(r"\{(label|score|targets|words)\}")


class RulesError(ValueError):
    """A screening rule is malformed or names an unknown clause."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    label: str
    clause: str
    decision: bool | None
    min_score: float
    any_target: tuple[str, ...]
    context: Mapping[str, tuple[ContextValue, ...]]
    context_not: Mapping[str, tuple[ContextValue, ...]]
    severity: str | None
    severity_at: tuple[tuple[float, str], ...]
    rationale: str


def _values(raw: Mapping[str, Any]) -> dict[str, tuple[ContextValue, ...]]:
    return {str(k): tuple(v) if isinstance(v, list) else (v,) for k, v in raw.items()}


def parse_rule(raw: Mapping[str, Any], clauses: Mapping[str, Mapping[str, Any]]) -> Rule:
    try:
        when = raw["when"]
        rule = Rule(
            id=str(raw["id"]),
            label=str(when["label"]),
            clause=str(raw["clause"]),
            decision=when.get("decision", True),
            min_score=float(when.get("min_score", 0.0)),
            any_target=tuple(when.get("any_target", ())),
            context=_values(when.get("context", {})),
            context_not=_values(when.get("context_not", {})),
            severity=raw.get("severity"),
            severity_at=tuple((float(s), str(v)) for s, v in raw.get("severity_at", [])),
            rationale=str(raw.get("rationale", "{label} ({score})")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RulesError(f"malformed screening rule {raw!r}: {exc}") from exc
    if rule.label not in RULE_LABELS and not rule.label.startswith("media_"):
        raise RulesError(f"rule {rule.id}: unknown label {rule.label}")
    if rule.clause not in clauses:
        raise RulesError(f"rule {rule.id}: clause {rule.clause} is not in this directive")
    bad = [s for s in [rule.severity, *(v for _, v in rule.severity_at)] if s is not None and s not in SEVERITIES]
    if bad:
        raise RulesError(f"rule {rule.id}: unknown severity {bad[0]}")
    return rule


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules of one directive version with the metadata of its clauses."""

    directive: str
    rules: tuple[Rule, ...]
    clauses: Mapping[str, Mapping[str, Any]]

    @classmethod
    def from_data(
        cls, directive: str, rules: Sequence[Mapping[str, Any]], clauses: Mapping[str, Mapping[str, Any]]
    ) -> RuleSet:
        return cls(directive, tuple(parse_rule(r, clauses) for r in rules), clauses)

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> RuleSet:
        """The rule set of a directive document (the JSON that ``zabta directive load`` reads)."""
        try:
            name = f"{doc['code']} v{doc['version']}"
            clauses = {str(c["key"]): c for c in doc["clauses"]}
        except (KeyError, TypeError) as exc:
            raise RulesError(f"directive document lacks code, version or clauses: {exc}") from exc
        rules = doc.get("screening_rules", [])
        if not isinstance(rules, list) or not all(isinstance(r, Mapping) for r in rules):
            raise RulesError("screening_rules must be a list of objects")
        return cls.from_data(name, rules, clauses)

    def apply(self, content: Content, signals: Sequence[Signal]) -> list[Finding]:
        by_clause: dict[str, Finding] = {}
        for rule in self.rules:
            for sig in signals:
                if _matches(rule, sig, content.context):
                    finding = self._finding(rule, sig)
                    by_clause[rule.clause] = _merge(by_clause.get(rule.clause), finding)
        return sorted(by_clause.values(), key=lambda f: -f.score)

    def _finding(self, rule: Rule, sig: Signal) -> Finding:
        clause = self.clauses[rule.clause]
        severity = rule.severity or str(clause.get("default_severity", "medium"))
        for at, level in sorted(rule.severity_at):
            if sig.score >= at:
                severity = level
        return Finding(
            directive=self.directive,
            clause_key=rule.clause,
            clause_kind=str(clause.get("kind", "")),
            severity=severity,
            score=sig.score,
            rule_id=rule.id,
            rationale=_rationale(rule.rationale, sig),
            labels=(sig.label,),
            evidence=sig.evidence,
        )


def _context_has(context: Mapping[str, ContextValue], wanted: Mapping[str, tuple[ContextValue, ...]]) -> bool:
    return all(context.get(k) in vs for k, vs in wanted.items())


def _matches(rule: Rule, sig: Signal, context: Mapping[str, ContextValue]) -> bool:
    if sig.label != rule.label or sig.score < rule.min_score:
        return False
    if rule.decision is not None and sig.decision != rule.decision:
        return False
    if rule.any_target and not any(sig.targets.get(t, 0.0) >= 0.5 * sig.score > 0 for t in rule.any_target):
        return False
    if rule.context and not _context_has(context, rule.context):
        return False
    return not any(context.get(k) in vs for k, vs in rule.context_not.items())


def _rationale(template: str, sig: Signal) -> str:
    """Fill the rule's template; only the four named fields are replaced (no attribute access, no format spec)."""
    targets = ", ".join(t for t, v in sorted(sig.targets.items(), key=lambda kv: -kv[1]) if v >= 0.5 * sig.score > 0)
    words = ", ".join(f"“{e.text}”" for e in sig.evidence) or "model score (no listed term)"
    fields = {"label": sig.label, "score": f"{sig.score:.2f}", "targets": targets or "-", "words": words}
    return _FIELD_RE.sub(lambda m: fields[m.group(1)], template)


def _merge(old: Finding | None, new: Finding) -> Finding:
    if old is None:
        return new
    best, other = (old, new) if old.score >= new.score else (new, old)
    severity = max(old.severity, new.severity, key=lambda s: SEVERITIES.index(s) if s in SEVERITIES else 0)
    labels = tuple(dict.fromkeys(best.labels + other.labels))
    evidence: tuple[EvidenceSpan, ...] = tuple(dict.fromkeys(best.evidence + other.evidence))
    return Finding(best.directive, best.clause_key, best.clause_kind, severity, best.score, best.rule_id,
                   best.rationale + " | " + other.rationale, labels, evidence)  # fmt: skip
