"""Circulations of a directive version to a unit subtree, each officer's receipt, and one-time acknowledgement codes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zabta.org.models import Personnel, Unit
from zabta.policy.models import DirectiveVersion


class Circulation(models.Model):
    """A commander sends a directive version to every serving officer under his unit."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    version = models.ForeignKey(DirectiveVersion, on_delete=models.PROTECT, related_name="circulations",
                                verbose_name=_("directive version"))  # fmt: skip
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="circulations", verbose_name=_("unit"))
    note = models.TextField(_("covering note"), blank=True, max_length=1000)
    remind_after_days = models.PositiveSmallIntegerField(_("remind after (days)"), default=3)
    escalate_after_days = models.PositiveSmallIntegerField(_("escalate to unit head after (days)"), default=7)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    circulated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("circulated by"))  # fmt: skip
    circulated_at = models.DateTimeField(_("circulated at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-circulated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "unit"], condition=Q(status="active"), name="one_active_circulation_per_unit"
            ),
            models.CheckConstraint(
                condition=Q(remind_after_days__gte=1) & Q(escalate_after_days__gte=1), name="circulation_days_positive"
            ),
        ]
        verbose_name = _("circulation")
        verbose_name_plural = _("circulations")

    def __str__(self) -> str:
        return f"{self.version} → {self.unit}"

    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class AckMethod(models.TextChoices):
    WEB = "web", _("In the web app")
    LINK = "link", _("One-time link")
    SMS_REPLY = "sms_reply", _("SMS reply with code")
    PAPER = "paper", _("Signed circulation register (recorded by unit head)")


class Receipt(models.Model):
    """One officer's copy of a directive version: delivery, reminders, escalation and acknowledgement.

    One per officer and version, whichever circulation reached him first; it follows him through transfers.
    """

    version = models.ForeignKey(DirectiveVersion, on_delete=models.PROTECT, related_name="receipts")
    personnel = models.ForeignKey(Personnel, on_delete=models.PROTECT, related_name="directive_receipts")
    circulation = models.ForeignKey(Circulation, on_delete=models.PROTECT, related_name="receipts")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("posted at when delivered"))  # fmt: skip
    language = models.CharField(_("language"), max_length=2)
    delivered_at = models.DateTimeField(_("delivered at"))
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    method = models.CharField(_("acknowledged by"), max_length=10, choices=AckMethod.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))  # fmt: skip
    reference = models.CharField(_("reference"), max_length=200, blank=True,
                                 help_text=_("register entry, or the number an SMS reply came from"))  # fmt: skip

    class Meta:
        ordering = ["-delivered_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["version", "personnel"], name="one_receipt_per_officer")]
        indexes = [
            models.Index(fields=["version", "acknowledged_at"]),
            models.Index(fields=["circulation", "acknowledged_at"]),
        ]
        verbose_name = _("directive receipt")
        verbose_name_plural = _("directive receipts")

    def __str__(self) -> str:
        return f"{self.version} ⟶ {self.personnel_id}"

    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class AckCode(models.Model):
    """A one-time code (SMS reply) and link token for one receipt; only keyed digests are stored."""

    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="codes")
    code_digest = models.CharField(max_length=64, db_index=True)
    token_digest = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("acknowledgement code")
        verbose_name_plural = _("acknowledgement codes")

    def __str__(self) -> str:
        return f"code for receipt {self.receipt_id}"
