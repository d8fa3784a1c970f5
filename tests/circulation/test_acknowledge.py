"""Acknowledging a directive: in the web app, by one-time link, by SMS reply, or on paper recorded by the unit head."""

from datetime import timedelta
from typing import Any

import pytest

from tests.circulation.conftest import T0
from tests.circulation.helpers import circulate_east, code_and_token, give_phones, receipt_of
from tests.conftest import Cast
from zabta.audit.models import AuditEvent
from zabta.circulation.actions import (
    AckRejected,
    NotPermitted,
    acknowledge_by_link,
    acknowledge_by_sms_reply,
    acknowledge_in_web,
    acknowledge_on_paper,
    receipt_acknowledge,
)
from zabta.circulation.models import AckMethod
from zabta.circulation.selectors import acknowledged_at, acknowledgement_evidence
from zabta.org.actions import InvalidTransition
from zabta.org.models import Personnel
from zabta.policy.models import DirectiveVersion

pytestmark = pytest.mark.django_db


def test_officer_acknowledges_in_the_web_app_once(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0)
    receipt = acknowledge_in_web(receipt=receipt_of("P-1001", version), actor=cast.constable)
    assert receipt.method == AckMethod.WEB and receipt.acknowledged_at is not None
    event = AuditEvent.objects.get(action="circulation.acknowledged", object_id=str(receipt.pk))
    assert event.actor_label == "constable" and event.after is not None and event.after["method"] == "web"
    with pytest.raises(InvalidTransition):
        acknowledge_in_web(receipt=receipt, actor=cast.constable)
    assert AuditEvent.objects.filter(action="circulation.acknowledged").count() == 1


def test_nobody_acknowledges_for_another_officer_in_the_web_app(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0)
    with pytest.raises(NotPermitted):
        acknowledge_in_web(receipt=receipt_of("P-1001", version), actor=cast.sho)


def test_one_time_link_acknowledges_and_cannot_be_reused_for_another(cast: Cast, version: DirectiveVersion) -> None:
    give_phones()
    circulate_east(cast, version, T0)
    _code, token = code_and_token("P-1001")
    receipt = acknowledge_by_link(token=token, client="test phone")
    assert receipt.personnel.personnel_id == "P-1001" and receipt.method == AckMethod.LINK
    with pytest.raises(InvalidTransition):
        acknowledge_by_link(token=token)


@pytest.mark.parametrize("token", ["", "short", "x" * 65, "../../etc/passwd", "<script>alert(1)</script>", "A" * 22])
def test_malformed_or_unknown_links_are_refused(cast: Cast, version: DirectiveVersion, token: str) -> None:
    circulate_east(cast, version, T0)
    with pytest.raises(AckRejected):
        acknowledge_by_link(token=token)


def test_expired_link_is_refused(cast: Cast, version: DirectiveVersion) -> None:
    give_phones()
    circulate_east(cast, version, T0)
    _code, token = code_and_token("P-1001")
    with pytest.raises(AckRejected, match="expired"):
        acknowledge_by_link(token=token, now=T0 + timedelta(days=31))


def test_sms_reply_from_the_officers_number_acknowledges(cast: Cast, version: DirectiveVersion, settings: Any) -> None:
    give_phones()
    circulate_east(cast, version, T0)
    code, _token = code_and_token("P-1007")
    receipt = acknowledge_by_sms_reply(phone="+92 300 1110007", text=f"ack {code}")
    assert receipt.personnel.personnel_id == "P-1007" and receipt.method == AckMethod.SMS_REPLY
    assert receipt.reference == "+923001110007"


def test_sms_reply_in_urdu_digits_is_understood(cast: Cast, version: DirectiveVersion) -> None:
    give_phones()
    circulate_east(cast, version, T0)
    code, _token = code_and_token("P-1001")
    urdu = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert acknowledge_by_sms_reply(phone="03001110001", text=f"ACK {urdu}").method == AckMethod.SMS_REPLY


def test_sms_reply_from_another_number_is_refused(cast: Cast, version: DirectiveVersion) -> None:
    give_phones()
    circulate_east(cast, version, T0)
    code, _token = code_and_token("P-1001")
    with pytest.raises(AckRejected):
        acknowledge_by_sms_reply(phone="03001110002", text=f"ACK {code}")
    assert acknowledged_at(personnel_id=receipt_of("P-1001", version).personnel_id, version_id=version.pk) is None


@pytest.mark.parametrize("text", ["", "ACK", "ACK 1234", "hello", "ACK 1234 5678 9", "<b>ACK</b>" * 50])
def test_sms_reply_without_a_valid_code_is_refused(cast: Cast, version: DirectiveVersion, text: str) -> None:
    give_phones()
    circulate_east(cast, version, T0)
    with pytest.raises(AckRejected):
        acknowledge_by_sms_reply(phone="03001110001", text=text)


def test_unit_head_records_a_signed_register(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0)
    receipt = acknowledge_on_paper(
        receipt=receipt_of("P-1001", version), actor=cast.sho, register_ref="Reg 4/2024 p.12"
    )
    assert receipt.method == AckMethod.PAPER and receipt.recorded_by == cast.sho
    with pytest.raises(NotPermitted):
        acknowledge_on_paper(receipt=receipt_of("P-1007", version), actor=cast.sho, register_ref="x")  # not his station
    with pytest.raises(NotPermitted):
        acknowledge_on_paper(receipt=receipt_of("P-1007", version), actor=cast.other_zone, register_ref="x")
    with pytest.raises(InvalidTransition):
        acknowledge_on_paper(receipt=receipt_of("P-1007", version), actor=cast.ssp, register_ref="   ")


def test_acknowledgement_is_evidence_for_enforcement(cast: Cast, version: DirectiveVersion) -> None:
    officer = Personnel.objects.get(personnel_id="P-1001")
    assert acknowledgement_evidence(personnel=officer, version=version) is None  # never received
    circulate_east(cast, version, T0)
    pending = acknowledgement_evidence(personnel=officer, version=version)
    assert pending is not None and pending.delivered_at == T0 and pending.acknowledged_at is None
    receipt_acknowledge(receipt=receipt_of("P-1001", version), method=AckMethod.WEB, actor=cast.constable,
                        now=T0 + timedelta(days=2))  # fmt: skip
    done = acknowledgement_evidence(personnel=officer, version=version)
    assert done is not None and done.acknowledged_at == T0 + timedelta(days=2) and done.method == "web"
    assert acknowledged_at(personnel_id=officer.pk, version_id=version.pk) == T0 + timedelta(days=2)
