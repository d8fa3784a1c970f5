"""Approval requests, their media, routing rules with ordered steps, decisions, and approved fingerprints."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zabta.accounts_registry.models import OfficialAccount
from zabta.org.models import Unit


class RoutingRule(models.Model):
    """How a unit routes its approval requests: ordered steps, each decided by an authority unit's competent
    authority. Applies to accounts of the unit and of units below it without a rule of their own."""

    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="approval_rule", verbose_name=_("unit"))
    validity_days = models.PositiveSmallIntegerField(_("approval valid for (days)"), default=30)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return str(self.unit)


class RoutingStep(models.Model):
    rule = models.ForeignKey(RoutingRule, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    authority_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("competent authority of"))  # fmt: skip
    decision_hours = models.PositiveSmallIntegerField(_("hours to decide"), default=48)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rule", "position"], name="routing_step_position")]
        ordering = ["rule", "position"]
        verbose_name = _("routing step")
        verbose_name_plural = _("routing steps")

    def __str__(self) -> str:
        return f"{self.rule} #{self.position}: {self.authority_unit}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting decision")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ApprovalRequest(models.Model):
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("requested by"))  # fmt: skip
    account = models.ForeignKey(OfficialAccount, on_delete=models.PROTECT, related_name="approval_requests",
                                verbose_name=_("official account"))  # fmt: skip
    caption = models.TextField(_("caption"), max_length=2200)
    purpose = models.TextField(_("purpose"), max_length=1000)
    planned_for = models.DateTimeField(_("planned publication"))
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices, default="pending")
    route = models.JSONField(_("route"), default=list, help_text=_("authority unit ids, in order"))
    step = models.PositiveSmallIntegerField(_("current step"), default=0)
    current_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("awaiting the competent authority of"))  # fmt: skip
    due_at = models.DateTimeField(_("decision due"), null=True, blank=True)
    step_hours = models.JSONField(_("hours per step"), default=list)
    validity_days = models.PositiveSmallIntegerField(_("validity (days)"), default=30)
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    overdue_reminded_at = models.DateTimeField(_("overdue reminder sent"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "current_unit", "due_at"])]
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")

    def __str__(self) -> str:
        return f"#{self.pk} → {self.account}"

    def is_valid_at(self, at: datetime) -> bool:
        return self.status == RequestStatus.APPROVED and self.valid_until is not None and at < self.valid_until

    def is_expired_at(self, at: datetime) -> bool:
        return self.status == RequestStatus.APPROVED and not self.is_valid_at(at)

    def is_overdue_at(self, at: datetime) -> bool:
        return self.status == RequestStatus.PENDING and self.due_at is not None and at > self.due_at


def _media_path(instance: "ApprovalMedia", filename: str) -> str:
    """Stored under its content hash and sniffed type: the uploader's file name never reaches the file system."""
    extension = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
                 "video/mp4": ".mp4", "video/quicktime": ".mov", "video/webm": ".webm"}.get(instance.content_type, "")  # fmt: skip
    return f"approvals/{instance.sha256[:2]}/{instance.sha256}{extension}"


class ApprovalMedia(models.Model):
    request = models.ForeignKey(ApprovalRequest, on_delete=models.PROTECT, related_name="media")
    file = models.FileField(_("file"), upload_to=_media_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    # Perceptual fingerprint from the media-screening core: {"kind", "pdq": [hex, quality] | None,
    # "frames": [[second, timecode, frame, hex, quality, variant], ...], "duration_s"}.
    perceptual = models.JSONField(_("perceptual fingerprint"), default=dict, blank=True)
    round = models.PositiveSmallIntegerField(_("submission round"), default=1)

    class Meta:
        verbose_name = _("approval media")
        verbose_name_plural = _("approval media")

    def __str__(self) -> str:
        return self.original_name


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    RETURN = "return", _("Return for changes")


class ApprovalDecision(models.Model):
    request = models.ForeignKey(ApprovalRequest, on_delete=models.PROTECT, related_name="decisions")
    step = models.PositiveSmallIntegerField(_("step"))
    authority_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("approval decision")
        verbose_name_plural = _("approval decisions")

    def __str__(self) -> str:
        return f"{self.request} {self.decision}"


class ApprovedFingerprint(models.Model):
    """Media approved for publication on ONE official account, for the validity period (kind: sha256, later pdq)."""

    kind = models.CharField(_("kind"), max_length=12, default="sha256")
    value = models.CharField(_("fingerprint"), max_length=256)
    account = models.ForeignKey(OfficialAccount, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(ApprovalRequest, on_delete=models.PROTECT, related_name="fingerprints")
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))

    class Meta:
        indexes = [models.Index(fields=["kind", "value"])]
        verbose_name = _("approved fingerprint")
        verbose_name_plural = _("approved fingerprints")

    def __str__(self) -> str:
        return f"{self.kind}:{self.value[:12]}… → {self.account}"
