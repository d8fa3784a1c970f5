"""Reads of the review queue that depend on who asks, the queue's filters and order, and detector precision."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from zabta.access.models import Role
from zabta.access.scopes import has_role
from zabta.content.selectors import items_visible_to
from zabta.review.models import Finding, FindingStatus

QUEUE_FILTERS = ("clause_key", "severity", "unit", "language", "platform")


def can_review(user: Any) -> bool:
    """Monitoring cells and range administrators review findings."""
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.MONITOR, Role.RANGE_ADMIN)


def findings_visible_to(user: Any) -> QuerySet[Finding]:
    return Finding.objects.filter(item__in=items_visible_to(user))


def get_finding_for_user(user: Any, pk: int) -> Finding:
    finding = findings_visible_to(user).select_related("item", "claimed_by", "unit", "run").filter(pk=pk).first()
    if finding is None:
        raise Http404("No such finding in your scope")
    return finding


def review_queue(user: Any, filters: dict[str, str]) -> QuerySet[Finding]:
    """Pending findings, most severe and oldest first, narrowed by the filters given."""
    queryset = findings_visible_to(user).filter(status=FindingStatus.PENDING)
    for name in QUEUE_FILTERS:
        value = filters.get(name, "").strip()
        if value:
            queryset = queryset.filter(**{f"{name}_id" if name == "unit" else name: value})
    return queryset.select_related("item", "claimed_by", "unit").order_by("-severity_rank", "created_at", "id")


@dataclass(frozen=True)
class DetectorPrecision:
    detector: str
    confirmed: int
    dismissed: int

    @property
    def precision(self) -> float | None:
        total = self.confirmed + self.dismissed
        return self.confirmed / total if total else None


def detector_precision(findings: QuerySet[Finding]) -> list[DetectorPrecision]:
    """Per detector (name@version), the share of its decided findings that reviewers confirmed."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    decided = findings.filter(status__in=[FindingStatus.CONFIRMED, FindingStatus.DISMISSED])
    for status, detectors, rule in decided.values_list("status", "detectors", "rule_id").iterator():
        keys = [f"{name}@{version}" for name, version in sorted((detectors or {}).items())] or [rule]
        for key in keys:
            counts[key][0 if status == FindingStatus.CONFIRMED else 1] += 1
    return [DetectorPrecision(k, c, d) for k, (c, d) in sorted(counts.items())]
