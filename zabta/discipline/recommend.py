"""Recommended sanction (with reasons) and the consistency view: what comparable past cases received."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zabta.cases.models import Case, CaseStatus
from zabta.cases.severity import strike_window_start
from zabta.discipline.models import Proceeding, Stage
from zabta.discipline.schedule import penalty, schedule


@dataclass(frozen=True)
class Recommendation:
    penalty: str
    priors: int
    reasons: list[str]


def prior_violations(case: Case, at: datetime | None = None) -> int:
    """Other cases of the same officer, opened within the strike window before this one, that went past a notice."""
    if case.officer_id is None:
        return 0
    moment = at or case.opened_at
    return (
        Case.objects.filter(
            officer_id=case.officer_id, opened_at__lt=moment, opened_at__gte=strike_window_start(moment)
        )
        .exclude(pk=case.pk)
        .exclude(status__in=[CaseStatus.MERGED, CaseStatus.OPEN])
        .count()
    )


def recommend(case: Case) -> Recommendation:
    config = schedule()["recommendation"]
    ladder: list[str] = config["ladder"]
    priors = prior_violations(case)
    start = int(config["start_by_severity"].get(case.severity, 1))
    extra = max(0, priors - int(config["priors_counted_in_severity"])) * int(config["steps_per_prior"])
    index = min(start + extra, len(ladder) - 1)
    chosen = penalty(ladder[index])
    reasons = [
        _("severity %(severity)s") % {"severity": case.get_severity_display()},
        *case.severity_reasons,
        _("%(n)d prior violation(s) in the strike window") % {"n": priors},
        _("recommended: %(penalty)s") % {"penalty": chosen.label if chosen else ladder[index]},
    ]
    return Recommendation(penalty=ladder[index], priors=priors, reasons=reasons)


def comparable_orders(case: Case, priors: int, limit: int = 20) -> QuerySet[Proceeding]:
    """Orders in other cases with the same clause(s), severity and number of priors (0, 1, 2 or more)."""
    keys = list(case.clauses.values_list("key", flat=True))
    same = Proceeding.objects.filter(case__severity=case.severity, case__clauses__key__in=keys,
                                     stage__in=[Stage.ORDERED, Stage.APPEALED, Stage.FINAL])  # fmt: skip
    same = same.filter(priors__gte=2) if priors >= 2 else same.filter(priors=priors)
    ids = same.exclude(case=case).values("pk")
    return (
        Proceeding.objects.filter(pk__in=ids).select_related("case", "officer__rank", "unit").order_by("-ordered_at")
    )[:limit]
