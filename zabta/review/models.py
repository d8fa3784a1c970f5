"""Screening runs over content items and the findings they raise, each awaiting a reviewer's decision."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zabta.content.models import ContentItem
from zabta.org.models import Unit


class ScreeningRun(models.Model):
    """One screening of one item: which parts ran (text, media, rules) and with which detector versions."""

    item = models.ForeignKey(ContentItem, on_delete=models.PROTECT, related_name="screening_runs")
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    text_status = models.CharField(_("text"), max_length=300)
    media_status = models.CharField(_("media"), max_length=300)
    language = models.CharField(_("language"), max_length=12, blank=True)
    detector_versions = models.JSONField(_("detector versions"), default=dict)
    signals = models.JSONField(_("signals"), default=list)
    context = models.JSONField(_("rule context"), default=dict)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("screening run")
        verbose_name_plural = _("screening runs")

    def __str__(self) -> str:
        return f"run {self.pk} of item {self.item_id}"


class FindingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")
    SUPERSEDED = "superseded", _("Superseded by a later screening")


SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3, "critical": 4}


class Finding(models.Model):
    run = models.ForeignKey(ScreeningRun, on_delete=models.PROTECT, related_name="findings")
    item = models.ForeignKey(ContentItem, on_delete=models.PROTECT, related_name="findings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    directive = models.CharField(_("directive"), max_length=40)
    clause_key = models.CharField(_("clause"), max_length=40)
    severity = models.CharField(_("severity"), max_length=10)
    severity_rank = models.PositiveSmallIntegerField(default=0)
    score = models.FloatField(_("score"))
    rule_id = models.CharField(_("rule"), max_length=80)
    rationale = models.TextField(_("rationale"))
    labels = models.JSONField(_("labels"), default=list)
    detectors = models.JSONField(_("detectors and versions"), default=dict)
    evidence = models.JSONField(_("evidence spans and frames"), default=list)
    language = models.CharField(_("language"), max_length=12, blank=True)
    platform = models.CharField(_("platform"), max_length=12, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=FindingStatus.choices, default=FindingStatus.PENDING)
    created_at = models.DateTimeField(_("raised at"))
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("claimed by"))  # fmt: skip
    claim_expires_at = models.DateTimeField(_("claim expires"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "-severity_rank", "created_at"])]
        ordering = ["-severity_rank", "created_at", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"#{self.pk} {self.clause_key} on item {self.item_id}"

    def claimed_by_other(self, user_id: int | None, at: datetime) -> bool:
        return self.claimed_by_id is not None and self.claimed_by_id != user_id and self.claim_is_live(at)

    def claim_is_live(self, at: datetime) -> bool:
        return self.claim_expires_at is not None and self.claim_expires_at > at
