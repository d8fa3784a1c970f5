"""Enforcement cases against officers (or unlinked accounts), their removal notices, re-checks and escalations."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zabta.org.models import Personnel, Unit
from zabta.policy.models import Clause, DirectiveVersion, Severity


class CaseSource(models.TextChoices):
    FINDING = "finding", _("Confirmed finding")
    REPORT = "report", _("Report (opened by hand)")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open, notice not yet issued")
    NOTICE_ISSUED = "notice_issued", _("Removal notice issued")
    REMOVAL_CLAIMED = "removal_claimed", _("Marked removed, re-check pending")
    REMOVED = "removed", _("Removal verified")
    ESCALATED = "escalated", _("With the unit head for departmental action")
    ACTION_TAKEN = "action_taken", _("Departmental action taken")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another case")


AWAITING_REMOVAL = (CaseStatus.NOTICE_ISSUED, CaseStatus.REMOVAL_CLAIMED)
OPEN_STATUSES = (CaseStatus.OPEN, *AWAITING_REMOVAL, CaseStatus.ESCALATED)


class Case(models.Model):
    """One piece of content of one officer (or account) that breaches the directive."""

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    source = models.CharField(_("source"), max_length=10, choices=CaseSource.choices)
    finding_refs = models.JSONField(_("findings"), default=list, blank=True)
    report_text = models.TextField(_("report"), blank=True)
    officer = models.ForeignKey(
        Personnel, on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("officer")
    )
    account_handle = models.CharField(_("account"), max_length=200, blank=True)
    platform = models.CharField(_("platform"), max_length=40, blank=True)
    content_url = models.URLField(_("content URL"), max_length=2000, blank=True)
    content_key = models.CharField(_("content key"), max_length=64, db_index=True)
    content_sha256 = models.CharField(_("content SHA-256"), max_length=64, blank=True)
    content_text = models.TextField(_("content"), blank=True)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    posted_at = models.DateTimeField(_("posted at"))
    captured_at = models.DateTimeField(_("captured at"))
    clauses = models.ManyToManyField(Clause, related_name="cases", verbose_name=_("clauses"))
    directive_version = models.ForeignKey(DirectiveVersion, on_delete=models.PROTECT, verbose_name=_("directive"))
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    severity_reasons = models.JSONField(_("severity reasons"), default=list, blank=True)
    followers = models.PositiveIntegerField(_("followers"), null=True, blank=True)
    views = models.PositiveIntegerField(_("views"), null=True, blank=True)
    responsible_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="cases", verbose_name=_("responsible unit")
    )
    responsible_head = models.ForeignKey(
        Personnel, on_delete=models.PROTECT, null=True, blank=True, related_name="cases_as_head",
        verbose_name=_("responsible unit head"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.CharField(_("opened by"), max_length=150)
    removal_deadline = models.DateTimeField(_("removal deadline"), null=True, blank=True)
    content_removed_at = models.DateTimeField(_("content removal verified at"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    action_due_at = models.DateTimeField(_("action due at"), null=True, blank=True)
    actioned_at = models.DateTimeField(_("action taken at"), null=True, blank=True)
    action_hours = models.PositiveIntegerField(_("hours from deadline to action"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_cases",
        verbose_name=_("merged into"),
    )  # fmt: skip

    class Meta:
        constraints = [
            # Merge, never duplicate: one live case per officer and content.
            models.UniqueConstraint(
                fields=["officer", "content_key"],
                condition=Q(merged_into__isnull=True, officer__isnull=False),
                name="one_live_case_per_officer_content",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "removal_deadline"]),
            models.Index(fields=["status", "action_due_at"]),
            # The dashboard's grouped scans read these indexes only (see zabta/cases/dashboard.py).
            models.Index(
                fields=["responsible_unit", "status", "merged_into", "removal_deadline", "content_removed_at"],
                name="case_dashboard",
            ),
            models.Index(fields=["responsible_unit", "officer", "merged_into"], name="case_unit_officer"),
            models.Index(
                fields=["responsible_unit", "action_hours", "merged_into"],
                condition=Q(action_hours__isnull=False),
                name="case_action_hours",
            ),
        ]
        ordering = ["-opened_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.reference

    @property
    def subject(self) -> str:
        return str(self.officer) if self.officer_id else self.account_handle

    def is_overdue(self, at: datetime | None = None) -> bool:
        moment = at or timezone.now()
        return self.status in AWAITING_REMOVAL and self.removal_deadline is not None and self.removal_deadline <= moment


class Notice(models.Model):
    """The 7-day removal notice to the officer, in English and Urdu."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notices")
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.CharField(_("issued by"), max_length=150)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    clock_rule = models.CharField(_("clock rule"), max_length=60)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    text_en = models.TextField(_("text (English)"))
    text_ur = models.TextField(_("text (Urdu)"))

    class Meta:
        indexes = [
            models.Index(fields=["case"], condition=Q(acknowledged_at__isnull=True), name="notice_unacknowledged")
        ]
        ordering = ["-issued_at", "-id"]
        verbose_name = _("removal notice")
        verbose_name_plural = _("removal notices")

    def __str__(self) -> str:
        return f"{self.case} notice {self.issued_at:%Y-%m-%d}"


class RecheckMethod(models.TextChoices):
    URL_FETCH = "url_fetch", _("URL fetch")
    CONNECTOR = "connector", _("Platform connector")
    REVIEWER = "reviewer", _("Reviewer confirmation with screenshot")


class RecheckOutcome(models.TextChoices):
    REMOVED = "removed", _("Removed")
    STILL_UP = "still_up", _("Still up")
    UNREACHABLE = "unreachable", _("Unreachable (not verified)")


class Recheck(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="rechecks")
    checked_at = models.DateTimeField(_("checked at"))
    method = models.CharField(_("method"), max_length=12, choices=RecheckMethod.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=RecheckOutcome.choices)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    checked_by = models.CharField(_("checked by"), max_length=150)
    screenshot = models.FileField(_("screenshot"), upload_to="cases/screenshots/%Y/%m/", blank=True)
    screenshot_sha256 = models.CharField(_("screenshot SHA-256"), max_length=64, blank=True)

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("re-check")
        verbose_name_plural = _("re-checks")

    def __str__(self) -> str:
        return f"{self.case} {self.outcome} {self.checked_at:%Y-%m-%d %H:%M}"


class Escalation(models.Model):
    """The case placed before a unit head for departmental action; `lapsed_at` counts against that head."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="escalations")
    level = models.PositiveSmallIntegerField(_("level"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="escalations")
    head = models.ForeignKey(Personnel, on_delete=models.PROTECT, null=True, blank=True, related_name="escalations")
    opened_at = models.DateTimeField(_("opened at"))
    due_at = models.DateTimeField(_("action due at"))
    acted_at = models.DateTimeField(_("acted at"), null=True, blank=True)
    lapsed_at = models.DateTimeField(_("lapsed at"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "level"], name="one_escalation_per_level")]
        indexes = [models.Index(fields=["unit"], condition=Q(lapsed_at__isnull=False), name="escalation_lapsed")]
        ordering = ["case", "level"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self) -> str:
        return f"{self.case} L{self.level} {self.unit}"


class InAppNotice(models.Model):
    """A message shown in the app to an officer or a login user (until the notification service carries it)."""

    officer = models.ForeignKey(Personnel, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="in_app_notices")
    kind = models.CharField(_("kind"), max_length=40)
    subject_en = models.CharField(_("subject (English)"), max_length=300)
    subject_ur = models.CharField(_("subject (Urdu)"), max_length=300)
    body_en = models.TextField(_("text (English)"))
    body_ur = models.TextField(_("text (Urdu)"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("in-app notice")
        verbose_name_plural = _("in-app notices")

    def __str__(self) -> str:
        return self.subject_en
