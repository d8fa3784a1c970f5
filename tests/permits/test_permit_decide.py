"""The competent authority approves with conditions or rejects with reason; permits are revoked; validity by date."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from tests.conftest import Cast
from tests.permits.factories import applied
from zabta.audit.models import AuditEvent
from zabta.org.actions import InvalidTransition
from zabta.permits.actions import permit_approve, permit_reject, permit_revoke
from zabta.permits.models import PermitApplication, PermitStatus, Validity
from zabta.permits.qr import qr_svg
from zabta.permits.selectors import application_by_token, permit_queue

pytestmark = pytest.mark.django_db


def test_approval_gives_a_number_and_conditions_and_is_audited(cast: Cast) -> None:
    application = applied(cast)
    assert list(permit_queue(cast.ssp)) == [application] and list(permit_queue(cast.dig)) == [application]
    permit = permit_approve(application=application, actor=cast.ssp, conditions="No filming of the lock-up")
    assert permit.status == PermitStatus.APPROVED and permit.number == f"KR-PRM-{permit.decided_at:%Y}-{permit.pk:06d}"
    assert AuditEvent.objects.get(action="permits.permit.approved").after == {
        "number": permit.number, "conditions": "No filming of the lock-up"
    }  # fmt: skip
    assert not permit_queue(cast.ssp).exists()


def test_an_approved_permit_cannot_be_approved_or_rejected_again(cast: Cast) -> None:
    application = applied(cast)
    stale = PermitApplication.objects.get(pk=application.pk)
    permit_approve(application=application, actor=cast.ssp, conditions="")
    with pytest.raises(InvalidTransition):
        permit_approve(application=stale, actor=cast.dig, conditions="")
    with pytest.raises(InvalidTransition):
        permit_reject(application=stale, actor=cast.ssp, reason="late objection")
    assert AuditEvent.objects.filter(action="permits.permit.approved").count() == 1


@pytest.mark.parametrize("persona", ["sho", "media", "other_zone", "applicant", "constable", "monitor"])
def test_only_the_competent_authority_over_the_premises_decides(cast: Cast, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        permit_approve(application=applied(cast), actor=getattr(cast, persona), conditions="")


def test_rejection_needs_a_reason(cast: Cast) -> None:
    application = applied(cast)
    with pytest.raises(ValidationError):
        permit_reject(application=application, actor=cast.ssp, reason=" ")
    rejected = permit_reject(application=application, actor=cast.ssp, reason="Premises under renovation")
    assert rejected.status == PermitStatus.REJECTED and rejected.validity_on(rejected.starts_on) == Validity.NOT_ISSUED


def test_revoked_permit_verifies_as_revoked_and_revokes_once(cast: Cast) -> None:
    permit = permit_approve(application=applied(cast), actor=cast.ssp, conditions="")
    with pytest.raises(ValidationError):
        permit_revoke(application=permit, actor=cast.ssp, reason="")
    permit = permit_revoke(application=permit, actor=cast.ssp, reason="Crew broke the conditions")
    assert application_by_token(verify_token=permit.verify_token).validity_on(permit.starts_on) == Validity.REVOKED
    with pytest.raises(InvalidTransition):
        permit_revoke(application=permit, actor=cast.ssp, reason="again")
    assert AuditEvent.objects.get(action="permits.permit.revoked").after == {"status": "revoked"}


def test_a_submitted_application_cannot_be_revoked(cast: Cast) -> None:
    with pytest.raises(InvalidTransition):
        permit_revoke(application=applied(cast), actor=cast.ssp, reason="no")


def test_validity_follows_the_dates(cast: Cast) -> None:
    permit = permit_approve(application=applied(cast), actor=cast.ssp, conditions="")
    assert permit.validity_on(permit.starts_on - timedelta(days=1)) == Validity.NOT_YET
    assert permit.validity_on(permit.starts_on) == Validity.VALID
    assert permit.validity_on(permit.ends_on) == Validity.VALID
    assert permit.validity_on(permit.ends_on + timedelta(days=1)) == Validity.EXPIRED


def test_expired_shows_as_expired_with_a_controlled_clock(cast: Cast) -> None:
    permit = permit_approve(application=applied(cast), actor=cast.ssp, conditions="")
    with time_machine.travel(permit.ends_on + timedelta(days=2), tick=False):
        assert permit.validity_on(timezone.localdate()) == Validity.EXPIRED


def test_lookup_by_token_never_by_guess(cast: Cast) -> None:
    permit = permit_approve(application=applied(cast), actor=cast.ssp, conditions="")
    for bad in ("", "x", permit.status_token[:-1], str(permit.pk), permit.number or ""):
        with pytest.raises(Http404):
            application_by_token(verify_token=bad)


def test_qr_code_is_an_svg_of_the_link_only() -> None:
    svg = qr_svg("https://zabta.example/permits/verify/abc123/")
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg[:200]
    assert "abc123" not in svg  # the link is encoded in the pattern, not written out
