"""Delivery over the real protocols: SMS through a local fake gateway, e-mail through a local SMTP server."""

from typing import Any

import pytest

from tests.conftest import Cast
from tests.notifications.fakes import SmsGatewayState, SmtpState
from zabta.audit.models import AuditEvent
from zabta.notifications.actions import deliver, send
from zabta.notifications.channels.sms import normalise_phone
from zabta.notifications.models import Notification
from zabta.notifications.recipients import Recipient
from zabta.org.actions import personnel_update

pytestmark = pytest.mark.django_db
Status = Notification.Status


def _officer_with_addresses(cast: Cast, *, language: str = "en") -> Any:
    officer = cast.constable.personnel
    assert officer is not None
    return personnel_update(personnel=officer, actor="test", phone="0300-1234567", email="imran@police.example",
                            preferred_language=language)  # fmt: skip


def test_sms_goes_to_the_gateway_in_its_protocol(cast: Cast, sms_gateway: SmsGatewayState, immediate_tasks: None,
                                                 django_capture_on_commit_callbacks: Any) -> None:  # fmt: skip
    officer = _officer_with_addresses(cast)
    with django_capture_on_commit_callbacks(execute=True):
        rows = send(recipient=officer, template="notifications_test", context={"what": "a test"}, channels=["sms"])
    assert len(sms_gateway.received) == 1
    payload = sms_gateway.received[0]
    assert payload["to"] == "+923001234567"
    assert payload["reference"] == f"zabta-{rows[0].pk}"
    assert payload["unicode"] is False and "a test" in payload["message"]
    assert sms_gateway.headers[0]["Authorization"] == "Bearer gateway-secret"
    row = Notification.objects.get(pk=rows[0].pk)
    assert row.status == Status.SENT and row.provider_ref == "gw-1"


def test_urdu_sms_is_sent_as_unicode_in_urdu(cast: Cast, sms_gateway: SmsGatewayState, immediate_tasks: None,
                                            django_capture_on_commit_callbacks: Any) -> None:  # fmt: skip
    officer = _officer_with_addresses(cast, language="ur")
    with django_capture_on_commit_callbacks(execute=True):
        send(recipient=officer, template="notifications_test", context={"what": "x"}, channels=["sms"])
    assert sms_gateway.received[0]["unicode"] is True
    assert "آزمائشی" in sms_gateway.received[0]["message"]


def test_gateway_server_error_is_retried_and_client_error_is_final(cast: Cast, sms_gateway: SmsGatewayState) -> None:
    officer = _officer_with_addresses(cast)
    rows = send(recipient=officer, template="notifications_test", context={}, channels=["sms", "sms"])
    sms_gateway.answers = [503, 400]
    assert deliver(notification_id=rows[0].pk) == Status.PENDING
    retry = Notification.objects.get(pk=rows[0].pk)
    assert retry.next_attempt_at is not None and "503" in retry.last_error
    assert deliver(notification_id=rows[1].pk) == Status.FAILED
    assert AuditEvent.objects.filter(action="notifications.delivery_failed", object_id=str(rows[1].pk)).exists()
    assert sms_gateway.received == []


def test_unreachable_gateway_is_a_retryable_failure(cast: Cast, settings: Any) -> None:
    settings.ZABTA_SMS_GATEWAY_URL = "http://127.0.0.1:9/send"  # discard port: nothing listens
    officer = _officer_with_addresses(cast)
    [row] = send(recipient=officer, template="notifications_test", context={}, channels=["sms"])
    assert deliver(notification_id=row.pk) == Status.PENDING
    assert "unreachable" in Notification.objects.get(pk=row.pk).last_error


def test_a_claimed_notification_is_not_delivered_twice(cast: Cast, sms_gateway: SmsGatewayState) -> None:
    officer = _officer_with_addresses(cast)
    [row] = send(recipient=officer, template="notifications_test", context={}, channels=["sms"])
    assert deliver(notification_id=row.pk) == Status.SENT
    assert deliver(notification_id=row.pk) == "not-claimed"
    assert len(sms_gateway.received) == 1


def test_email_goes_through_a_local_smtp_server(cast: Cast, smtp_server: SmtpState) -> None:
    officer = _officer_with_addresses(cast)
    [row] = send(recipient=officer, template="notifications_test", context={"what": "mail"}, channels=["email"],
                 link="https://zabta.example/x/")  # fmt: skip
    assert deliver(notification_id=row.pk) == Status.SENT
    [message] = smtp_server.messages
    assert smtp_server.envelope_to == [["imran@police.example"]]
    assert message["Subject"] == "Zabta test notice"
    assert "mail" in message.get_content() and "https://zabta.example/x/" in message.get_content()


def test_refused_recipient_fails_for_good(cast: Cast, smtp_server: SmtpState) -> None:
    officer = _officer_with_addresses(cast)
    smtp_server.refuse.add("imran@police.example")
    [row] = send(recipient=officer, template="notifications_test", context={}, channels=["email"])
    assert deliver(notification_id=row.pk) == Status.FAILED
    assert "refused" in Notification.objects.get(pk=row.pk).last_error


def test_unconfigured_channels_say_so_instead_of_sending(cast: Cast, settings: Any) -> None:
    settings.ZABTA_SMS_GATEWAY_URL = ""
    settings.ZABTA_EMAIL_ENABLED = False
    officer = _officer_with_addresses(cast)
    rows = send(recipient=officer, template="notifications_test", context={}, channels=["sms", "email", "in_app"])
    by_channel = {n.channel: n for n in rows}
    assert by_channel["sms"].status == Status.SKIPPED and "not configured" in by_channel["sms"].skip_reason
    assert by_channel["email"].status == Status.SKIPPED and "not configured" in by_channel["email"].skip_reason
    assert by_channel["in_app"].status == Status.SENT


def test_missing_or_junk_addresses_are_reported(
    cast: Cast, sms_gateway: SmsGatewayState, smtp_server: SmtpState
) -> None:
    junk = Recipient(name="x", phone="call me maybe", email="not-an-address<script>", language="en")
    rows = send(recipient=junk, template="notifications_test", context={}, channels=["sms", "email", "in_app"])
    reasons = {n.channel: n.skip_reason for n in rows}
    assert reasons == {"sms": "phone number not usable for SMS", "email": "invalid e-mail address",
                       "in_app": "no login account"}  # fmt: skip
    assert all(n.status == Status.SKIPPED for n in rows)


def test_send_is_audited_in_the_same_transaction(cast: Cast) -> None:
    officer = _officer_with_addresses(cast)
    [row] = send(recipient=officer, template="notifications_test", context={}, channels=["in_app"])
    event = AuditEvent.objects.get(action="notifications.sent", object_id=str(row.pk))
    assert event.after is not None
    assert event.after["template"] == "notifications_test" and event.after["outcome"] == {"in_app:sent": 1}


@pytest.mark.parametrize(("raw", "expected"), [
    ("0300-1234567", "+923001234567"), ("+92 300 1234567", "+923001234567"), ("00923001234567", "+923001234567"),
    ("+447700900123", "+447700900123"), ("12345", ""), ("", ""), ("0300-12345678901", ""), ("+0123456789", ""),
])  # fmt: skip
def test_phone_numbers_are_normalised(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected


def test_text_rendered_by_the_caller_goes_out_in_the_recipients_language(cast: Cast) -> None:
    officer = _officer_with_addresses(cast, language="ur")
    from zabta.notifications.actions import send_text

    [row] = send_text(recipient=officer, kind="cases.notice", subjects={"en": "Notice", "ur": "نوٹس"},
                      bodies={"en": "Remove it.", "ur": "اسے ہٹا دیں۔"}, channels=["in_app"])  # fmt: skip
    assert (row.language, row.subject, row.body, row.template) == ("ur", "نوٹس", "اسے ہٹا دیں۔", "cases.notice")
    [fallback] = send_text(recipient=officer, kind="x", subjects={"en": "Only English"}, bodies={"en": "Body"},
                           channels=["in_app"])  # fmt: skip
    assert fallback.language == "en" and fallback.subject == "Only English"
