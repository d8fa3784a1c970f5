"""One notification per recipient and channel: its rendered text, address and delivery state."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zabta.org.models import Personnel


class NotificationQuerySet(models.QuerySet["Notification"]):
    def in_app(self) -> "NotificationQuerySet":
        return self.filter(channel="in_app")

    def unread_in_app(self) -> "NotificationQuerySet":
        return self.filter(channel="in_app", read_at__isnull=True)


class Notification(models.Model):
    """A message to one person on one channel; the row is also the delivery log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent")

    personnel = models.ForeignKey(
        Personnel, on_delete=models.PROTECT, null=True, blank=True, related_name="notifications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="notifications"
    )
    channel = models.CharField(_("channel"), max_length=20)
    template = models.CharField(_("template"), max_length=80)
    language = models.CharField(_("language"), max_length=5)
    address = models.CharField(_("address"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # Why a notification was not sent ("SMS gateway not configured", "no phone number"): never a silent skip.
    skip_reason = models.CharField(_("why not sent"), max_length=120, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    provider_ref = models.CharField(_("gateway message id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["personnel", "channel", "read_at"]),
            models.Index(fields=["user", "channel", "read_at"]),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.template} → {self.address or self.personnel_id or self.user_id} ({self.channel})"
