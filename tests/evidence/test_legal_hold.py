"""Legal hold: a case opened by hand on dismissed content keeps its evidence past the retention period."""

import io
from datetime import timedelta
from typing import Any

import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import Cast
from tests.evidence.test_retention import _item_with_finding
from zabta.cases.actions import case_open
from zabta.cases.selectors import items_on_hold
from zabta.org.models import Personnel


def test_case_on_dismissed_content_holds_its_evidence(
    cast: Cast, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.ZABTA_EVIDENCE_RETENTION_DAYS = 30
    held = _item_with_finding(cast, b"video a reviewer dismissed, then reported", "dismissed")
    free = _item_with_finding(cast, b"video nobody reported", "dismissed")
    now = timezone.now()
    case_open(actor=cast.monitor, officer=Personnel.objects.get(personnel_id="P-1001"),
              clause_keys=["KHI-2024-SM-1"], posted_at=now - timedelta(days=1), captured_at=now,
              content_sha256=held.sha256, report_text="complaint by a citizen")  # fmt: skip
    assert held.item_media.get().item_id in items_on_hold()
    assert free.item_media.get().item_id not in items_on_hold()

    with time_machine.travel(now + timedelta(days=31)), django_capture_on_commit_callbacks(execute=True):
        call_command("evidence", "purge", stdout=io.StringIO())
    held.refresh_from_db()
    free.refresh_from_db()
    assert held.purged_at is None
    assert free.purged_at is not None
