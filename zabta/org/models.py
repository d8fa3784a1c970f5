"""Units (with jurisdiction history), ranks, personnel and postings."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zabta.org.cnic import format_cnic, mask_cnic, normalise_cnic


class Rank(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60)
    name_ur = models.CharField(_("name (Urdu)"), max_length=60)
    bps = models.PositiveSmallIntegerField(_("BPS grade"))
    seniority = models.PositiveSmallIntegerField(_("seniority"), help_text=_("higher is more senior"))

    class Meta:
        ordering = ["-seniority"]
        verbose_name = _("rank")
        verbose_name_plural = _("ranks")

    def __str__(self) -> str:
        return f"{self.name} (BPS-{self.bps})"


class UnitKind(models.TextChoices):
    RANGE = "range", _("Range")
    ZONE = "zone", _("Zone")
    RANGE_UNIT = "range_unit", _("Range-level unit")
    DISTRICT = "district", _("District")
    DIVISION = "division", _("Division")
    SUBDIVISION = "subdivision", _("Sub-division")
    STATION = "station", _("Police station")
    SECTION = "section", _("Section")


class Unit(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_ur = models.CharField(_("name (Urdu)"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    head_title = models.CharField(_("head post"), max_length=40, help_text=_("e.g. DIG, SSP, SP, SDPO, SHO"))
    established_on = models.DateField(_("established on"), default=date(2000, 1, 1))
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name


class UnitParent(models.Model):
    """Which unit a unit comes under, from when to when, by which order. History is never overwritten."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="parent_links", verbose_name=_("unit"))
    parent = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="child_links", verbose_name=_("comes under")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    order_ref = models.CharField(_("order reference"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit"], condition=Q(valid_to__isnull=True), name="one_current_parent"),
        ]
        indexes = [models.Index(fields=["parent", "valid_to"])]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdiction history")

    def __str__(self) -> str:
        return f"{self.unit} ⟶ {self.parent} ({self.valid_from}–{self.valid_to or '…'})"


class PersonnelStatus(models.TextChoices):
    # In context: other apps use "Dismissed" for a finding, which is not an officer dismissed from service.
    SERVING = "serving", pgettext_lazy("personnel status", "Serving")
    SUSPENDED = "suspended", pgettext_lazy("personnel status", "Suspended")
    RETIRED = "retired", pgettext_lazy("personnel status", "Retired")
    DISMISSED = "dismissed", pgettext_lazy("personnel status", "Dismissed")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    URDU = "ur", _("Urdu")


class Personnel(models.Model):
    personnel_id = models.CharField(_("personnel id"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_ur = models.CharField(_("name (Urdu)"), max_length=120, blank=True)
    father_name = models.CharField(_("father's name"), max_length=120, blank=True)
    rank = models.ForeignKey(Rank, on_delete=models.PROTECT, verbose_name=_("rank"))
    belt_no = models.CharField(_("belt number"), max_length=20, blank=True)
    # Stored as 13 digits; shown masked. Not assumed unique (data entry errors exist in HR).
    cnic = models.CharField(_("CNIC"), max_length=13, blank=True, db_index=True)
    service_card_no = models.CharField(_("service card number"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=PersonnelStatus.choices, default="serving")
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    preferred_language = models.CharField(_("language"), max_length=2, choices=Language.choices, default="ur")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("officer")
        verbose_name_plural = _("personnel")

    def __str__(self) -> str:
        return f"{self.rank.name if self.rank_id else ''} {self.name} ({self.personnel_id})".strip()

    @property
    def cnic_masked(self) -> str:
        return mask_cnic(self.cnic)

    @property
    def cnic_formatted(self) -> str:
        return format_cnic(self.cnic)

    def clean(self) -> None:
        self.cnic = normalise_cnic(self.cnic)


class Posting(models.Model):
    """An officer's posting to a unit by order; rank is separate. Ended postings stay as history."""

    personnel = models.ForeignKey(
        Personnel, on_delete=models.PROTECT, related_name="postings", verbose_name=_("officer")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="postings", verbose_name=_("unit"))
    designation = models.CharField(_("designation"), max_length=80, blank=True)
    is_head = models.BooleanField(_("head of unit"), default=False)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)
    order_ref = models.CharField(_("order reference"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["personnel"], condition=Q(valid_to__isnull=True), name="one_current_posting"
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(valid_to__isnull=True, is_head=True), name="one_current_head"
            ),
        ]
        indexes = [models.Index(fields=["unit", "valid_to"])]
        ordering = ["-valid_from"]
        verbose_name = _("posting")
        verbose_name_plural = _("postings")

    def __str__(self) -> str:
        return f"{self.personnel} @ {self.unit} ({self.valid_from}–{self.valid_to or '…'})"
