"""Deciding approval requests: approve / reject / return with reasons, guarded transitions, multi-step routes."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.accounts_registry.factories import korangi_tiktok
from tests.approvals.factories import jpeg, planned, submitted
from tests.conftest import Cast
from zabta.accounts_registry.actions import official_account_register
from zabta.approvals.actions import request_decide, request_resubmit, request_submit, request_withdraw, routing_rule_set
from zabta.approvals.models import ApprovalRequest, ApprovedFingerprint, RequestStatus
from zabta.approvals.selectors import decision_queue
from zabta.audit.models import AuditEvent
from zabta.org.actions import InvalidTransition

pytestmark = pytest.mark.django_db


def test_approval_sets_validity_and_records_fingerprints_for_that_account(cast: Cast) -> None:
    request = submitted(cast)
    assert list(decision_queue(cast.ssp)) == [request]
    request = request_decide(request=request, actor=cast.ssp, decision="approve", reason="Fine")
    assert request.status == RequestStatus.APPROVED
    assert request.decided_at is not None and request.valid_until == request.decided_at + timedelta(days=30)
    row = ApprovedFingerprint.objects.get(request=request)
    assert (row.account, row.value) == (request.account, request.media.get().sha256)
    event = AuditEvent.objects.get(action="approvals.request.approve")
    assert event.before == {"status": "pending", "step": 0} and event.reason == "Fine"
    assert not decision_queue(cast.ssp).exists()


def test_an_approved_request_cannot_be_approved_again(cast: Cast) -> None:
    request = submitted(cast)
    stale = ApprovalRequest.objects.get(pk=request.pk)  # a second browser tab still showing it pending
    request_decide(request=request, actor=cast.ssp, decision="approve", reason="Fine")
    with pytest.raises(InvalidTransition):
        request_decide(request=stale, actor=cast.ssp, decision="approve", reason="Again")
    with pytest.raises(InvalidTransition):
        request_decide(request=ApprovalRequest.objects.get(pk=request.pk), actor=cast.ssp, decision="reject",
                       reason="Changed my mind")  # fmt: skip
    assert AuditEvent.objects.filter(action__startswith="approvals.request.approve").count() == 1
    assert ApprovedFingerprint.objects.count() == 1


@pytest.mark.parametrize(("decision", "reason"), [("approve", ""), ("reject", "  "), ("publish", "ok")])
def test_decision_needs_a_known_choice_and_a_reason(cast: Cast, decision: str, reason: str) -> None:
    request = submitted(cast)
    with pytest.raises(ValidationError):
        request_decide(request=request, actor=cast.ssp, decision=decision, reason=reason)


@pytest.mark.parametrize("persona", ["dig", "sho", "media", "other_zone", "monitor"])
def test_only_the_authority_the_request_awaits_may_decide(cast: Cast, persona: str) -> None:
    request = submitted(cast)
    with pytest.raises(PermissionDenied):
        request_decide(request=request, actor=getattr(cast, persona), decision="approve", reason="ok")


def test_nobody_decides_his_own_request(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    request = request_submit(requester=cast.ssp, account=account, caption="", purpose="p", planned_for=planned(),
                             files=[jpeg()])  # fmt: skip
    with pytest.raises(PermissionDenied):
        request_decide(request=request, actor=cast.ssp, decision="approve", reason="mine")


def test_rejection_is_final_and_records_no_approval(cast: Cast) -> None:
    request = request_decide(request=submitted(cast), actor=cast.ssp, decision="reject", reason="Shows a suspect")
    assert request.status == RequestStatus.REJECTED and request.valid_until is None
    assert not ApprovedFingerprint.objects.exists()
    with pytest.raises(InvalidTransition):
        request_resubmit(request=request, actor=cast.media, caption="", purpose="p", planned_for=planned())


def test_return_for_changes_then_resubmit_with_new_media_starts_a_new_round(cast: Cast) -> None:
    request = request_decide(request=submitted(cast), actor=cast.ssp, decision="return", reason="Blur the faces")
    assert request.status == RequestStatus.RETURNED and not decision_queue(cast.ssp).exists()
    with pytest.raises(PermissionDenied):
        request_resubmit(request=request, actor=cast.constable, caption="", purpose="p", planned_for=planned())
    request = request_resubmit(request=request, actor=cast.media, caption="Blurred", purpose="Awareness",
                               planned_for=planned(), files=[jpeg("blurred.jpg", seed=9)])  # fmt: skip
    assert request.status == RequestStatus.PENDING and list(decision_queue(cast.ssp)) == [request]
    request = request_decide(request=request, actor=cast.ssp, decision="approve", reason="Good now")
    approved = set(ApprovedFingerprint.objects.values_list("value", flat=True))
    assert approved == {request.media.get(round=2).sha256}  # only the round that was approved


def test_resubmit_without_new_media_carries_the_previous_round(cast: Cast) -> None:
    request = request_decide(request=submitted(cast), actor=cast.ssp, decision="return", reason="Fix caption")
    request = request_resubmit(request=request, actor=cast.media, caption="Fixed", purpose="p", planned_for=planned())
    assert request.media.filter(round=2).count() == 1


def test_withdraw_only_while_open_and_only_by_the_requester(cast: Cast) -> None:
    request = submitted(cast)
    with pytest.raises(PermissionDenied):
        request_withdraw(request=request, actor=cast.ssp, reason="not mine")
    request = request_withdraw(request=request, actor=cast.media, reason="event cancelled")
    assert request.status == RequestStatus.WITHDRAWN
    with pytest.raises(InvalidTransition):
        request_withdraw(request=request, actor=cast.media, reason="again")


def test_multi_step_route_configured_by_the_unit_head(cast: Cast) -> None:
    routing_rule_set(actor=cast.ssp, unit=cast.korangi, steps=[(cast.korangi, 24), (cast.east, 48)], validity_days=7)
    request = submitted(cast)
    assert request.route == [cast.korangi.pk, cast.east.pk]
    request = request_decide(request=request, actor=cast.ssp, decision="approve", reason="District fine")
    assert request.status == RequestStatus.PENDING and request.current_unit == cast.east
    assert list(decision_queue(cast.dig)) == [request] and not decision_queue(cast.ssp).exists()
    with pytest.raises(PermissionDenied):
        request_decide(request=request, actor=cast.ssp, decision="approve", reason="again")
    request = request_decide(request=request, actor=cast.dig, decision="approve", reason="Zone fine")
    assert request.status == RequestStatus.APPROVED and request.decisions.count() == 2
    assert request.valid_until is not None and request.decided_at is not None
    assert request.valid_until - request.decided_at == timedelta(days=7)


def test_routing_rule_is_the_unit_heads_to_set_and_is_audited(cast: Cast) -> None:
    for persona in ("media", "sho", "other_zone"):
        with pytest.raises(PermissionDenied):
            routing_rule_set(actor=getattr(cast, persona), unit=cast.korangi, steps=[(cast.korangi, 24)],
                             validity_days=7)  # fmt: skip
    with pytest.raises(ValidationError):
        routing_rule_set(actor=cast.ssp, unit=cast.korangi, steps=[], validity_days=7)
    routing_rule_set(actor=cast.dig, unit=cast.korangi, steps=[(cast.east, 12)], validity_days=10)
    assert AuditEvent.objects.get(action="approvals.routing.set").after == {
        "steps": [["KHI-E", 12]], "validity_days": 10
    }  # fmt: skip


def test_overdue_is_shown_once_the_deadline_passes(cast: Cast) -> None:
    request = submitted(cast)
    assert request.due_at is not None
    assert not request.is_overdue_at(timezone.now())
    with time_machine.travel(request.due_at + timedelta(minutes=1), tick=False):
        assert request.is_overdue_at(timezone.now())


def test_no_competent_authority_means_the_request_cannot_be_routed(cast: Cast) -> None:
    account = official_account_register(actor=cast.other_zone, platform="x", handle="gulberg_police",
                                        unit=cast.ps_gulberg)  # fmt: skip
    with pytest.raises(InvalidTransition):
        request_submit(requester=cast.other_zone, account=account, caption="", purpose="p", planned_for=planned(),
                       files=[jpeg()])  # fmt: skip


def test_route_steps_must_be_the_unit_or_above(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        routing_rule_set(actor=cast.ssp, unit=cast.korangi, steps=[(cast.west, 24)], validity_days=7)
    with pytest.raises(ValidationError):
        routing_rule_set(actor=cast.ssp, unit=cast.korangi, steps=[(cast.ps_kia, 24)], validity_days=7)
