"""Disciplinary proceedings against an officer, in guarded stages, and the documents they generate."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zabta.cases.models import Case
from zabta.org.models import Personnel, Unit


class Stage(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary fact-finding")
    CHARGED = "charged", _("Show-cause notice / charge sheet issued")
    REPLIED = "replied", _("Written reply received")
    INQUIRY = "inquiry", _("Inquiry officer appointed")
    REPORTED = "reported", _("Inquiry report received")
    HEARD = "heard", _("Personal hearing held")
    ORDERED = "ordered", _("Order passed")
    APPEALED = "appealed", _("Appeal filed")
    FINAL = "final", _("Final")


class ChargeKind(models.TextChoices):
    SHOW_CAUSE = "show_cause", _("Show-cause notice")
    CHARGE_SHEET = "charge_sheet", _("Charge sheet with statement of allegations")


class AppealDecision(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    MODIFIED = "modified", _("Modified")
    SET_ASIDE = "set_aside", _("Set aside")


class Proceeding(models.Model):
    reference = models.CharField(_("reference"), max_length=60, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="proceedings")
    officer = models.ForeignKey(Personnel, on_delete=models.PROTECT, related_name="proceedings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="proceedings")
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.PRELIMINARY)
    opened_at = models.DateTimeField(_("opened at"))
    opened_by = models.CharField(_("opened by"), max_length=150)
    facts = models.TextField(_("preliminary facts"), blank=True)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    reinstated_at = models.DateTimeField(_("reinstated at"), null=True, blank=True)
    charge_kind = models.CharField(_("charge"), max_length=12, choices=ChargeKind.choices, blank=True)
    allegations = models.TextField(_("statement of allegations"), blank=True)
    charged_at = models.DateTimeField(_("charged at"), null=True, blank=True)
    reply_due_at = models.DateTimeField(_("reply due at"), null=True, blank=True)
    reply_text = models.TextField(_("written reply"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    inquiry_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    inquiry_report = models.TextField(_("inquiry report"), blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    hearing_notes = models.TextField(_("hearing notes"), blank=True)
    heard_at = models.DateTimeField(_("heard at"), null=True, blank=True)
    recommended_penalty = models.CharField(_("recommended penalty"), max_length=40, blank=True)
    priors = models.PositiveSmallIntegerField(_("prior violations"), default=0)
    recommendation_reasons = models.JSONField(_("recommendation reasons"), default=list, blank=True)
    penalty = models.CharField(_("penalty"), max_length=40, blank=True)
    order_reasons = models.TextField(_("reasons for the order"), blank=True)
    departure_reason = models.TextField(_("reason for departing from the recommendation"), blank=True)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ordered_at = models.DateTimeField(_("ordered at"), null=True, blank=True)
    appeal_due_at = models.DateTimeField(_("appeal due by"), null=True, blank=True)
    appeal_text = models.TextField(_("appeal"), blank=True)
    appealed_at = models.DateTimeField(_("appealed at"), null=True, blank=True)
    appeal_decision = models.CharField(_("appeal decision"), max_length=12, choices=AppealDecision.choices,
                                       blank=True)  # fmt: skip
    final_penalty = models.CharField(_("final penalty"), max_length=40, blank=True)
    final_at = models.DateTimeField(_("final at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["unit", "stage"])]
        verbose_name = _("disciplinary proceeding")
        verbose_name_plural = _("disciplinary proceedings")

    def __str__(self) -> str:
        return self.reference

    @property
    def penalty_label(self) -> str:
        from zabta.discipline.schedule import penalty  # the schedule is data; imported late to keep models plain

        chosen = penalty(self.final_penalty or self.penalty)
        return chosen.label if chosen else (self.final_penalty or self.penalty)

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None and self.reinstated_at is None


class DocumentKind(models.TextChoices):
    SHOW_CAUSE = "show_cause", _("Show-cause notice")
    CHARGE_SHEET = "charge_sheet", _("Charge sheet")
    ORDER = "order", _("Order")


class ProceedingDocument(models.Model):
    proceeding = models.ForeignKey(Proceeding, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    language = models.CharField(_("language"), max_length=2)
    reference = models.CharField(_("reference number"), max_length=80, unique=True)
    pdf = models.FileField(_("PDF"), upload_to="discipline/%Y/%m/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["proceeding", "created_at", "id"]
        verbose_name = _("proceeding document")
        verbose_name_plural = _("proceeding documents")

    def __str__(self) -> str:
        return self.reference
