"""SMS channel: a JSON POST to a configurable HTTP gateway.

Protocol (ZABTA_SMS_GATEWAY_URL, optional bearer token ZABTA_SMS_GATEWAY_TOKEN):

    POST <url>  Content-Type: application/json; Authorization: Bearer <token>
    {"to": "+923001234567", "message": "<text>", "reference": "zabta-<notification id>",
     "sender": "<ZABTA_SMS_SENDER>", "unicode": true|false}

Any 2xx answer is success (a JSON body with "id" is kept as the gateway's message id). 4xx other than
408/429 is a permanent failure (bad number, bad request); timeouts, connection errors, 408, 429 and 5xx
are retried by the notifications retry task. The reference is stable so a gateway can drop duplicates.
"""

import json
import re
import urllib.error
import urllib.request

from django.conf import settings

from zabta.notifications.channels import DeliveryError, Reach
from zabta.notifications.models import Notification
from zabta.notifications.recipients import Recipient

RETRYABLE_STATUS = {408, 429}
MAX_RESPONSE_BYTES = 4096
# A multi-part SMS beyond this is almost certainly a template bug; gateways reject or truncate it anyway.
MAX_MESSAGE_CHARS = 640


def normalise_phone(raw: str) -> str:
    """Pakistani mobile numbers to E.164 (+92...); other international numbers kept; junk gives ""."""
    digits = re.sub(r"[\s\-().]", "", raw or "")
    if re.fullmatch(r"03\d{9}", digits):
        return "+92" + digits[1:]
    if re.fullmatch(r"(\+|00)923\d{9}", digits):
        return "+92" + digits[-10:]
    if re.fullmatch(r"\+[1-9]\d{7,14}", digits):
        return digits
    return ""


class SmsChannel:
    name = "sms"
    immediate = False

    def reach(self, recipient: Recipient) -> Reach:
        if not settings.ZABTA_SMS_GATEWAY_URL:
            return Reach(reason="SMS gateway not configured (ZABTA_SMS_GATEWAY_URL)")
        if not recipient.phone.strip():
            return Reach(reason="no phone number")
        number = normalise_phone(recipient.phone)
        return Reach(address=number) if number else Reach(reason="phone number not usable for SMS")

    def deliver(self, notification: Notification) -> str:
        if len(notification.body) > MAX_MESSAGE_CHARS:
            raise DeliveryError(f"message of {len(notification.body)} characters is too long for SMS", permanent=True)
        request = urllib.request.Request(  # noqa: S310 - the gateway URL is operator configuration, http(s) checked
            settings.ZABTA_SMS_GATEWAY_URL, data=json.dumps(_payload(notification)).encode(), method="POST",
            headers=_headers(),
        )  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=settings.ZABTA_SMS_TIMEOUT_SECONDS) as response:  # noqa: S310
                return _message_id(response.read(MAX_RESPONSE_BYTES))
        except urllib.error.HTTPError as exc:
            permanent = 400 <= exc.code < 500 and exc.code not in RETRYABLE_STATUS
            raise DeliveryError(f"gateway answered HTTP {exc.code}", permanent=permanent) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise DeliveryError(f"gateway unreachable: {exc}") from exc


def _payload(notification: Notification) -> dict[str, object]:
    return {"to": notification.address, "message": notification.body, "reference": f"zabta-{notification.pk}",
            "sender": settings.ZABTA_SMS_SENDER, "unicode": not notification.body.isascii()}  # fmt: skip


def _headers() -> dict[str, str]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if settings.ZABTA_SMS_GATEWAY_TOKEN:
        headers["Authorization"] = f"Bearer {settings.ZABTA_SMS_GATEWAY_TOKEN}"
    return headers


def _message_id(raw: bytes) -> str:
    """The gateway's id for the message when its answer is JSON with one; anything else is still a success."""
    try:
        answer = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        return ""
    return str(answer.get("id", ""))[:100] if isinstance(answer, dict) else ""


CHANNEL = SmsChannel()
