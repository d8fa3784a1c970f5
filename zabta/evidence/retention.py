"""Retention: evidence that only backs dismissed findings is purged after a configurable period, never under hold.

A file is on legal hold while any item it belongs to has a confirmed or pending finding (cases start from
confirmed findings) or an open case, when the cases app offers ``zabta.cases.selectors.items_on_hold``.
"""

import importlib
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from zabta.evidence.actions import evidence_purge
from zabta.evidence.models import EvidenceFile


def retention_days() -> int:
    return int(getattr(settings, "ZABTA_EVIDENCE_RETENTION_DAYS", 180))


def _held_item_ids() -> set[int]:
    from zabta.review.models import Finding, FindingStatus

    held = set(Finding.objects.filter(status__in=[FindingStatus.CONFIRMED, FindingStatus.PENDING])
               .values_list("item_id", flat=True))  # fmt: skip
    if not apps.is_installed("zabta.cases"):
        return held
    try:
        cases = importlib.import_module("zabta.cases.selectors")
        held |= set(cases.items_on_hold())
    except (ImportError, AttributeError):
        pass
    return held


def purgeable(now: Any = None) -> QuerySet[EvidenceFile]:
    """Files whose items were all dismissed more than the retention period ago and are not on hold."""
    from zabta.review.models import Finding, FindingStatus

    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    dismissed = Finding.objects.filter(status=FindingStatus.DISMISSED, decided_at__lt=cutoff).values("item_id")
    held = _held_item_ids()
    files = EvidenceFile.objects.filter(purged_at__isnull=True, item_media__item__in=dismissed).distinct()
    return files.exclude(item_media__item__in=held)


def purge_expired(*, actor: Any, now: Any = None) -> int:
    count = 0
    for evidence in purgeable(now):
        evidence_purge(evidence=evidence, actor=actor, reason=f"retention {retention_days()} days after dismissal")
        count += 1
    return count
