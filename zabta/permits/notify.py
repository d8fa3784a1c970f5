"""Who hears about a permit application, through zabta.notifications (English or Urdu).

The authorities over the premises get in-app and e-mail notices; the applicant gets an SMS to the number he gave
(and an in-app notice when he applied signed in). Called inside the action's transaction.
"""

from django.conf import settings
from django.urls import reverse

from zabta.access.models import Role, User
from zabta.notifications.actions import send
from zabta.notifications.recipients import Recipient
from zabta.org.tree import load_tree
from zabta.permits.models import PermitApplication


def _context(application: PermitApplication) -> dict[str, object]:
    return {"number": application.number or "", "premises": application.premises_label(),
            "starts_on": application.starts_on, "ends_on": application.ends_on, "status": application.status,
            "status_label": application.get_status_display(), "reason": application.decision_reason or application.revoke_reason}  # fmt: skip


def authorities_over(unit_id: int) -> list[User]:
    """Users holding the competent-authority role over the premises' unit or a unit above it."""
    units = [unit_id, *load_tree().ancestors(unit_id)]
    users = User.objects.filter(role_grants__role=Role.COMPETENT_AUTHORITY, role_grants__unit_id__in=units,
                                role_grants__revoked_at__isnull=True, is_active=True)  # fmt: skip
    return list(users.distinct().select_related("personnel"))


def notify_submitted(application: PermitApplication) -> None:
    link = f"{settings.ZABTA_PUBLIC_BASE_URL}{reverse('permits:detail', args=[application.pk])}"
    for user in authorities_over(application.unit_id):
        send(recipient=user, template="permit_submitted", context=_context(application), channels=("in_app", "email"),
             link=link, actor="system")  # fmt: skip


def notify_applicant(application: PermitApplication) -> None:
    """Approved, rejected or revoked: the applicant is told, with his status link (which shows the QR code)."""
    link = f"{settings.ZABTA_PUBLIC_BASE_URL}{reverse('permits:status', args=[application.status_token])}"
    recipient = Recipient(name=application.applicant_name, phone=application.phone, language="ur",
                          user_id=application.applicant_user_id)  # fmt: skip
    channels = ("sms", "in_app") if application.applicant_user_id else ("sms",)
    send(recipient=recipient, template="permit_decided", context=_context(application), channels=channels,
         link=link, actor="system")  # fmt: skip
