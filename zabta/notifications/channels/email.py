"""E-mail channel through Django's MAILERS["default"] (SMTP when ZABTA_EMAIL_HOST is set)."""

import smtplib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email

from zabta.notifications.channels import DeliveryError, Reach
from zabta.notifications.models import Notification
from zabta.notifications.recipients import Recipient


class EmailChannel:
    name = "email"
    immediate = False

    def reach(self, recipient: Recipient) -> Reach:
        if not settings.ZABTA_EMAIL_ENABLED:
            return Reach(reason="e-mail not configured (ZABTA_EMAIL_HOST)")
        address = recipient.email.strip()
        if not address:
            return Reach(reason="no e-mail address")
        try:
            validate_email(address)
        except ValidationError:
            return Reach(reason="invalid e-mail address")
        return Reach(address=address)

    def deliver(self, notification: Notification) -> str:
        message = EmailMessage(subject=notification.subject, body=_body(notification),
                               from_email=settings.DEFAULT_FROM_EMAIL, to=[notification.address])  # fmt: skip
        try:
            message.send(using="default")
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(f"recipient refused: {exc.recipients}", permanent=True) from exc
        except smtplib.SMTPResponseException as exc:
            # 5xx on the message itself will fail again; 4xx is the server asking to come back later.
            permanent = exc.smtp_code >= 500 and not isinstance(exc, smtplib.SMTPAuthenticationError)
            raise DeliveryError(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", permanent=permanent) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"SMTP: {exc}") from exc
        return ""


def _body(notification: Notification) -> str:
    if not notification.link:
        return notification.body
    return f"{notification.body}\n\n{notification.link}"


CHANNEL = EmailChannel()
