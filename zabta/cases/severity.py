"""Severity of a case from its clauses, the detectors' evidence, reach and the officer's prior violations."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from zabta.policy.models import Clause, Severity

LEVELS = [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]
CONFIG_PATH = Path(__file__).resolve().parent / "data" / "severity.json"


@cache
def severity_config() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CONFIG_PATH.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class SeverityResult:
    severity: str
    reasons: list[str]


def assess(*, clauses: list[Clause], evidence: dict[str, Any], followers: int | None, views: int | None,
           priors: int) -> SeverityResult:  # fmt: skip
    """Start from the gravest clause's default severity and raise it one step per aggravating factor."""
    config = severity_config()
    base = max((LEVELS.index(Severity(c.default_severity)) for c in clauses), default=1)
    reasons = [_("base %(level)s from clause(s) %(keys)s") % {
        "level": LEVELS[base].label, "keys": ", ".join(c.key for c in clauses)}]  # fmt: skip
    steps = 0
    score = evidence.get("max_score")
    if isinstance(score, int | float) and score >= config["detector_score_raise"]:
        steps += 1
        reasons.append(_("detector confidence %(score).2f") % {"score": score})
    reach = max(followers or 0, views or 0)
    if reach >= config["reach_raise"]:
        steps += 2 if reach >= config["reach_raise_twice"] else 1
        reasons.append(_("reach of %(reach)d followers/views") % {"reach": reach})
    if priors >= config["priors_raise"]:
        steps += 2 if priors >= config["priors_raise_twice"] else 1
        reasons.append(_("%(n)d prior violation(s) within the strike window") % {"n": priors})
    level = LEVELS[min(base + steps, len(LEVELS) - 1)]
    return SeverityResult(severity=str(level), reasons=reasons)


def strike_window_start(at: datetime) -> datetime:
    return at - timedelta(days=int(severity_config()["strike_window_days"]))
