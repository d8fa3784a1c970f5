"""Approval events reach people through zabta.notifications: the authority to decide, then the requester."""

import pytest

from tests.approvals.factories import submitted
from tests.conftest import Cast
from zabta.approvals.actions import request_decide, routing_rule_set
from zabta.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _in_app(template: str) -> list[str]:
    rows = Notification.objects.filter(template=template, channel="in_app").select_related("user")
    return sorted(n.user.username for n in rows if n.user is not None)


def test_submission_tells_the_competent_authority_in_his_language(cast: Cast) -> None:
    request = submitted(cast)
    assert _in_app("approval_awaiting") == ["ssp"]
    notice = Notification.objects.get(template="approval_awaiting", channel="in_app")
    assert f"#{request.pk}" in notice.subject and f"/approvals/{request.pk}/" in notice.link
    assert notice.language == "ur" and "منظوری کی درخواست" in notice.subject  # the SSP's preferred language


def test_each_step_tells_its_authority_and_the_end_tells_the_requester(cast: Cast) -> None:
    routing_rule_set(actor=cast.ssp, unit=cast.korangi, steps=[(cast.korangi, 24), (cast.east, 24)], validity_days=7)
    request = submitted(cast)
    request_decide(request=request, actor=cast.ssp, decision="approve", reason="ok")
    assert _in_app("approval_awaiting") == ["dig", "ssp"]
    assert _in_app("approval_decided") == []
    request_decide(request=request, actor=cast.dig, decision="approve", reason="ok")
    assert _in_app("approval_decided") == ["media"]


def test_email_without_an_address_is_recorded_as_not_sent_not_dropped(cast: Cast) -> None:
    submitted(cast)
    email = Notification.objects.get(template="approval_awaiting", channel="email")
    assert email.status == Notification.Status.SKIPPED and email.skip_reason  # the cast's SSP has no e-mail address
