"""Evidence of dismissed findings is purged after the retention period; held evidence never is."""

import io
from datetime import timedelta
from typing import Any

import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import Cast
from zabta.audit.models import AuditEvent
from zabta.content.actions import ItemInput, MediaInput, item_ingest
from zabta.evidence import store
from zabta.evidence.models import CustodyEvent, EvidenceFile
from zabta.review.actions import finding_claim, finding_decide, screening_record
from zabta.review.screening import FindingData, Outcome


def _item_with_finding(cast: Cast, data: bytes, decision: str) -> EvidenceFile:
    media = (MediaInput(data, "v.mp4", "video/mp4"),)
    item = item_ingest(data=ItemInput(media=media, author_personnel_id="P-1001", author_link_reason="own"),
                       actor=cast.monitor, channel="web", screen=False).item  # fmt: skip
    run = screening_record(item=item, text=Outcome("no text"), media=Outcome("analysed"), context={},
                           findings=[FindingData("d", "KHI-2024-SM-1", "high", 0.9, "r", "uniform", ("x",))],
                           started_at=timezone.now())  # fmt: skip
    finding = run.findings.get()
    finding_claim(finding=finding, actor=cast.monitor)
    finding_decide(finding=finding, actor=cast.monitor, decision=decision, reason="reviewed")
    return item.media.get().evidence


def test_dismissed_evidence_is_purged_after_retention_and_confirmed_is_held(
    cast: Cast, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.ZABTA_EVIDENCE_RETENTION_DAYS = 30
    dismissed = _item_with_finding(cast, b"dismissed video", "dismissed")
    confirmed = _item_with_finding(cast, b"confirmed video", "confirmed")
    call_command("evidence", "purge", stdout=io.StringIO())
    assert EvidenceFile.objects.filter(purged_at__isnull=False).count() == 0  # not yet
    with time_machine.travel(timezone.now() + timedelta(days=31)), django_capture_on_commit_callbacks(execute=True):
        out = io.StringIO()
        call_command("evidence", "purge", stdout=out)
    dismissed.refresh_from_db()
    confirmed.refresh_from_db()
    assert dismissed.purged_at is not None and confirmed.purged_at is None
    assert not store.evidence_storage().exists(dismissed.storage_name)
    assert store.evidence_storage().exists(confirmed.storage_name)
    assert CustodyEvent.objects.filter(evidence=dismissed, action="purged").count() == 1
    assert AuditEvent.objects.filter(action="evidence.purged", object_id=str(dismissed.pk)).exists()
    assert "purged 1 file(s)" in out.getvalue()
