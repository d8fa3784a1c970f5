"""Permit events reach people through zabta.notifications: authorities on submission, the applicant on decisions."""

import pytest

from tests.conftest import Cast
from tests.permits.factories import applied
from zabta.notifications.models import Notification
from zabta.permits.actions import permit_approve, permit_revoke

pytestmark = pytest.mark.django_db


def test_submission_tells_every_competent_authority_above_the_premises(cast: Cast) -> None:
    applied(cast)
    users = {n.user.username for n in Notification.objects.filter(template="permit_submitted", channel="in_app")
             if n.user is not None}  # fmt: skip
    assert users == {"ssp", "dig"}


def test_applicant_gets_an_sms_in_urdu_with_his_status_link(cast: Cast) -> None:
    permit = permit_approve(application=applied(cast, applicant_user=cast.applicant), actor=cast.ssp, conditions="")
    sms = Notification.objects.get(template="permit_decided", channel="sms")
    assert sms.language == "ur" and permit.number and permit.number in sms.body
    assert permit.status_token in sms.link
    assert Notification.objects.filter(template="permit_decided", channel="in_app", user=cast.applicant).exists()
    permit_revoke(application=permit, actor=cast.ssp, reason="Broke the conditions")
    assert Notification.objects.filter(template="permit_decided", channel="sms").count() == 2
    latest = Notification.objects.filter(template="permit_decided", channel="sms").order_by("-id").first()
    assert latest is not None and "منسوخ" in latest.body
