"""The queue's claim lock (with expiry), decisions with reasons, bulk decisions audited one by one, re-screening."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.conftest import Cast
from tests.review.factories import item_with_findings
from zabta.audit.models import AuditEvent
from zabta.review.actions import ReviewError, finding_claim, finding_decide, findings_bulk_decide, screening_record
from zabta.review.models import Finding, FindingStatus
from zabta.review.screening import FindingData, Outcome


def test_a_claimed_finding_is_locked_for_others(cast: Cast) -> None:
    _item, [finding] = item_with_findings(cast.monitor)
    finding_claim(finding=finding, actor=cast.monitor)
    with pytest.raises(ReviewError, match="claimed by monitor"):
        finding_claim(finding=finding, actor=cast.range_admin)
    with pytest.raises(ReviewError, match="claimed by monitor"):
        finding_decide(finding=finding, actor=cast.range_admin, decision="dismissed", reason="not him")


def test_a_lapsed_claim_can_be_taken_over(cast: Cast) -> None:
    _item, [finding] = item_with_findings(cast.monitor)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        finding_claim(finding=finding, actor=cast.monitor)
    with time_machine.travel(now + timedelta(minutes=16), tick=False):
        taken = finding_claim(finding=finding, actor=cast.range_admin)
    assert taken.claimed_by == cast.range_admin
    assert AuditEvent.objects.filter(action="review.finding.claimed", object_id=str(finding.pk)).count() == 2


def test_decision_needs_a_reason_and_is_audited(cast: Cast) -> None:
    _item, [finding] = item_with_findings(cast.monitor)
    finding_claim(finding=finding, actor=cast.monitor)
    with pytest.raises(ReviewError, match="reason"):
        finding_decide(finding=finding, actor=cast.monitor, decision="confirmed", reason="  ")
    decided = finding_decide(finding=finding, actor=cast.monitor, decision="confirmed", reason="clear political post")
    assert decided.status == FindingStatus.CONFIRMED and decided.decided_by == cast.monitor
    event = AuditEvent.objects.get(action="review.finding.confirmed")
    assert event.reason == "clear political post" and event.object_id == str(finding.pk)
    with pytest.raises(ReviewError, match="no longer awaiting"):
        finding_decide(finding=finding, actor=cast.monitor, decision="dismissed", reason="changed my mind")


def test_bulk_decision_audits_each_item_or_none(cast: Cast) -> None:
    _a, [one] = item_with_findings(cast.monitor, text="a")
    _b, [two] = item_with_findings(cast.monitor, text="b")
    _c, [held] = item_with_findings(cast.monitor, text="c")
    finding_claim(finding=held, actor=cast.range_admin)
    with pytest.raises(ReviewError):
        findings_bulk_decide(findings=[one, two, held], actor=cast.monitor, decision="dismissed", reason="satire page")
    assert Finding.objects.filter(status=FindingStatus.DISMISSED).count() == 0  # all or none
    findings_bulk_decide(findings=[one, two], actor=cast.monitor, decision="dismissed", reason="satire page")
    events = AuditEvent.objects.filter(action="review.finding.dismissed")
    assert sorted(events.values_list("object_id", flat=True)) == sorted([str(one.pk), str(two.pk)])


def test_rescreening_keeps_history_and_the_reviewers_decision(cast: Cast) -> None:
    item, [decided, pending] = item_with_findings(cast.monitor, clauses=("KHI-2024-SM-3", "KHI-2024-SM-2"))
    finding_claim(finding=decided, actor=cast.monitor)
    finding_decide(finding=decided, actor=cast.monitor, decision="dismissed", reason="quoted news, not his view")
    again = [
        FindingData("KHI-2024-SM v2", k, "high", 0.95, "r", "new model", ("x",))
        for k in ("KHI-2024-SM-3", "KHI-2024-SM-2")
    ]
    screening_record(item=item, text=Outcome("analysed", versions={"model": "2"}), media=Outcome("no media"),
                     findings=again, context={}, started_at=timezone.now())  # fmt: skip
    decided.refresh_from_db()
    pending.refresh_from_db()
    assert decided.status == FindingStatus.DISMISSED and decided.decision_reason == "quoted news, not his view"
    assert pending.status == FindingStatus.SUPERSEDED
    fresh = Finding.objects.filter(item=item, status=FindingStatus.PENDING)
    assert [f.clause_key for f in fresh] == ["KHI-2024-SM-2"]  # the decided clause is not queued again
    assert item.screening_runs.count() == 2
