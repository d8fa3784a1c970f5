"""Directives, their versions and clauses. Findings and cases point at a clause of a version."""

from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class ClauseKind(models.TextChoices):
    MEDIA_POLICE_IDENTIFIERS = "media_police_identifiers", _("Media with police identifiers")
    IDENTITY_MOCKERY = "identity_mockery", _("Mockery of race, gender, caste or religion")
    VIEWS = "views", _("Personal, political or religious views")
    OFFICIAL_PLATFORMS = "official_platforms", _("Official platforms")
    PREMISES_USE = "premises_use", _("Use of police premises by private persons")
    REMOVAL_DEADLINE = "removal_deadline", _("Removal deadline")
    SANCTIONS = "sanctions", _("Sanctions")
    ENFORCEMENT = "enforcement", _("Enforcement responsibility")
    CIRCULATION = "circulation", _("Circulation")
    OTHER = "other", _("Other")


class Directive(models.Model):
    """A directive as a family of versions (e.g. the Karachi Range social media policy)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_ur = models.CharField(_("title (Urdu)"), max_length=300, blank=True)
    issuing_office = models.CharField(_("issuing office"), max_length=300)

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class DirectiveVersionQuerySet(models.QuerySet["DirectiveVersion"]):
    def in_force(self, at: datetime) -> "DirectiveVersionQuerySet":
        return self.filter(effective_from__lte=at).filter(
            models.Q(effective_to__isnull=True) | models.Q(effective_to__gt=at)
        )


class DirectiveVersion(models.Model):
    directive = models.ForeignKey(
        Directive, on_delete=models.PROTECT, related_name="versions", verbose_name=_("directive")
    )
    version = models.PositiveIntegerField(_("version"))
    reference_number = models.CharField(_("reference number"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    effective_from = models.DateTimeField(_("effective from"))
    effective_to = models.DateTimeField(_("effective to"), null=True, blank=True)
    addressees = models.JSONField(_("addressees"), default=list)
    full_text = models.TextField(_("full text"))
    # Rule data that is not a clause of its own: e.g. how the removal clock starts.
    parameters = models.JSONField(_("parameters"), default=dict)
    # How screening signals map to this version's clauses (read by zabta.screening.rules).
    screening_rules = models.JSONField(_("screening rules"), default=list)
    source_sha256 = models.CharField(_("source SHA-256"), max_length=64)

    objects = DirectiveVersionQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["directive", "version"], name="uniq_directive_version")]
        ordering = ["directive__code", "version"]
        verbose_name = _("directive version")
        verbose_name_plural = _("directive versions")

    def __str__(self) -> str:
        return f"{self.directive.code} v{self.version}"


class Clause(models.Model):
    version = models.ForeignKey(
        DirectiveVersion, on_delete=models.PROTECT, related_name="clauses", verbose_name=_("directive version")
    )
    key = models.CharField(_("clause id"), max_length=40)  # stable across versions, e.g. KHI-2024-SM-6
    number = models.CharField(_("number"), max_length=10)
    kind = models.CharField(_("kind"), max_length=40, choices=ClauseKind.choices)
    text = models.TextField(_("text"))
    text_ur = models.TextField(_("text (Urdu)"), blank=True)
    default_severity = models.CharField(_("default severity"), max_length=10, choices=Severity.choices)
    time_limit_days = models.PositiveIntegerField(_("time limit (days)"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="uniq_clause_key_per_version")]
        ordering = ["version", "id"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self) -> str:
        return f"{self.key} ({self.version})"
