"""Premises (vehicles and other assets of a unit) and private persons' applications for permits to film there."""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zabta.accounts_registry.models import Platform
from zabta.org.models import Unit


class AssetKind(models.TextChoices):
    VEHICLE = "vehicle", _("Vehicle")
    OFFICE = "office", _("Office")
    HQ = "hq", _("Headquarters building")


class PremisesAsset(models.Model):
    """Police property a private person may ask to film: a vehicle, or a building that is not itself a unit."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="premises_assets", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=10, choices=AssetKind.choices)
    name = models.CharField(_("name"), max_length=120)
    registration_no = models.CharField(_("registration number"), max_length=30, blank=True)
    active = models.BooleanField(_("in service"), default=True)

    class Meta:
        ordering = ["unit__code", "kind", "name"]
        verbose_name = _("premises asset")
        verbose_name_plural = _("premises assets")

    def __str__(self) -> str:
        reg = f" ({self.registration_no})" if self.registration_no else ""
        return f"{self.get_kind_display()}: {self.name}{reg}"


class PermitStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", _("Revoked")


class Validity(models.TextChoices):
    """What the public verification page says."""

    VALID = "valid", _("Valid")
    NOT_YET = "not_yet", _("Not yet valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    NOT_ISSUED = "not_issued", _("Not issued")


def _token() -> str:
    return secrets.token_urlsafe(18)


class PermitApplication(models.Model):
    """One application; once approved it is the permit (number, QR code, public verification)."""

    applicant_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="permit_applications", verbose_name=_("applicant account"))  # fmt: skip
    # A keyed hash of the submitting address: enough to rate-limit the public form, not to identify anyone.
    client_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    applicant_name = models.CharField(_("name"), max_length=120)
    cnic = models.CharField(_("CNIC"), max_length=13)
    phone = models.CharField(_("phone"), max_length=20)
    purpose = models.TextField(_("purpose"), max_length=1000)
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="permit_applications",
                             verbose_name=_("police premises"))  # fmt: skip
    asset = models.ForeignKey(PremisesAsset, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("vehicle or building"))  # fmt: skip
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    crew_size = models.PositiveSmallIntegerField(_("crew size"))
    submitted_at = models.DateTimeField(_("submitted at"))
    status = models.CharField(_("status"), max_length=10, choices=PermitStatus.choices, default="submitted")
    status_token = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    verify_token = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    number = models.CharField(_("permit number"), max_length=30, unique=True, null=True, blank=True)
    conditions = models.TextField(_("conditions"), max_length=2000, blank=True)
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revocation"), max_length=2000, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "unit"])]
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("permit application")
        verbose_name_plural = _("permit applications")

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def premises_label(self) -> str:
        return f"{self.unit} — {self.asset}" if self.asset_id else str(self.unit)

    def validity_on(self, day: date) -> Validity:
        """Revoked beats everything; an approved permit is valid only between its dates."""
        if self.status == PermitStatus.REVOKED:
            return Validity.REVOKED
        if self.status != PermitStatus.APPROVED:
            return Validity.NOT_ISSUED
        if day < self.starts_on:
            return Validity.NOT_YET
        return Validity.EXPIRED if day > self.ends_on else Validity.VALID
