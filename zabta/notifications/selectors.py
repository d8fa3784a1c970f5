"""Reads of notifications: a user's own in-app inbox (nobody reads another person's notifications)."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from zabta.notifications.models import Notification


def inbox_of(user: Any) -> QuerySet[Notification]:
    """In-app notifications addressed to the user's login or to his officer record."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    mine = Q(user=user)
    if getattr(user, "personnel_id", None) is not None:
        mine |= Q(personnel_id=user.personnel_id)
    return Notification.objects.in_app().filter(mine)


def get_own_notification(user: Any, pk: int) -> Notification:
    notification = inbox_of(user).filter(pk=pk).first()
    if notification is None:
        raise Http404("No such notification of yours")
    return notification


def unread_count(user: Any) -> int:
    return inbox_of(user).filter(read_at__isnull=True).count()


def inbox_label(user: Any) -> str:
    """The navigation entry of the inbox, with the number of unread notifications."""
    from django.utils.translation import gettext

    unread = unread_count(user)
    return gettext("Notifications (%(n)d)") % {"n": unread} if unread else gettext("Notifications")


def unconfigured_channels() -> list[str]:
    """Channels that send nothing because they are not configured (pages say so instead of implying delivery)."""
    from django.conf import settings
    from django.utils.translation import gettext

    missing = []
    if not settings.ZABTA_SMS_GATEWAY_URL:
        missing.append(gettext("SMS (no gateway configured: ZABTA_SMS_GATEWAY_URL)"))
    if not settings.ZABTA_EMAIL_ENABLED:
        missing.append(gettext("e-mail (no SMTP server configured: ZABTA_EMAIL_HOST)"))
    return missing
