"""Official accounts with their custodians, personal accounts declared by officers, and discovered accounts."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zabta.org.models import Personnel, Unit


class Platform(models.TextChoices):
    TIKTOK = "tiktok", _("TikTok")
    FACEBOOK = "facebook", _("Facebook")
    WHATSAPP = "whatsapp", _("WhatsApp channel")
    INSTAGRAM = "instagram", _("Instagram")
    YOUTUBE = "youtube", _("YouTube")
    X = "x", _("X (Twitter)")


class OfficialAccount(models.Model):
    """An account a unit runs officially; only its custodians may post to it (clause 4)."""

    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    handle = models.CharField(_("handle"), max_length=120)
    handle_key = models.CharField(_("normalised handle"), max_length=120, editable=False)
    url = models.URLField(_("URL"), max_length=300, blank=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="official_accounts", verbose_name=_("unit"))
    verified = models.BooleanField(_("verified by the platform"), default=False)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "handle_key"], name="official_account_unique")]
        ordering = ["platform", "handle_key"]
        verbose_name = _("official account")
        verbose_name_plural = _("official accounts")

    def __str__(self) -> str:
        return f"{self.get_platform_display()} @{self.handle_key}"


class CustodianQuerySet(models.QuerySet["Custodian"]):
    def current(self, on: date | None = None) -> "CustodianQuerySet":
        if on is None:
            return self.filter(removed_on__isnull=True)
        return self.filter(appointed_on__lte=on).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=on))


class Custodian(models.Model):
    """A media-team member appointed by the unit head to run an official account, from one date to another."""

    account = models.ForeignKey(OfficialAccount, on_delete=models.PROTECT, related_name="custodians")
    personnel = models.ForeignKey(Personnel, on_delete=models.PROTECT, related_name="custodianships",
                                  verbose_name=_("officer"))  # fmt: skip
    appointed_on = models.DateField(_("appointed on"))
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")  # fmt: skip
    removal_reason = models.CharField(_("reason for removal"), max_length=300, blank=True)

    objects = CustodianQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "personnel"], condition=Q(removed_on__isnull=True),
                                    name="one_current_custodianship"),
        ]  # fmt: skip
        ordering = ["-appointed_on", "id"]
        verbose_name = _("custodian")
        verbose_name_plural = _("custodians")

    def __str__(self) -> str:
        return f"{self.personnel} → {self.account}"


class PersonalAccount(models.Model):
    """An account an officer declared as his own. Withdrawn declarations stay as history."""

    personnel = models.ForeignKey(Personnel, on_delete=models.PROTECT, related_name="personal_accounts",
                                  verbose_name=_("officer"))  # fmt: skip
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    handle = models.CharField(_("handle"), max_length=120)
    handle_key = models.CharField(_("normalised handle"), max_length=120, editable=False)
    url = models.URLField(_("URL"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "handle_key"], condition=Q(withdrawn_at__isnull=True),
                                    name="personal_account_unique"),
        ]  # fmt: skip
        ordering = ["platform", "handle_key"]
        verbose_name = _("personal account")
        verbose_name_plural = _("personal accounts")

    def __str__(self) -> str:
        return f"{self.get_platform_display()} @{self.handle_key}"


class Declaration(models.Model):
    """An officer's statement that his list of personal accounts is complete (possibly empty)."""

    personnel = models.OneToOneField(Personnel, on_delete=models.PROTECT, related_name="account_declaration")
    declared_at = models.DateTimeField(_("declared at"))
    holds_none = models.BooleanField(_("holds no accounts"), default=False)

    class Meta:
        verbose_name = _("account declaration")
        verbose_name_plural = _("account declarations")

    def __str__(self) -> str:
        return f"{self.personnel} ({self.declared_at:%Y-%m-%d})"


class DiscoveredAccount(models.Model):
    """An account found by monitoring; a reviewer may link it to an officer with a confidence and a reason."""

    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    handle = models.CharField(_("handle"), max_length=120)
    handle_key = models.CharField(_("normalised handle"), max_length=120, editable=False)
    url = models.URLField(_("URL"), max_length=300, blank=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    source = models.CharField(_("found by"), max_length=100, blank=True)
    discovered_at = models.DateTimeField(_("discovered at"), auto_now_add=True)
    personnel = models.ForeignKey(Personnel, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="discovered_accounts", verbose_name=_("linked officer"))  # fmt: skip
    confidence = models.PositiveSmallIntegerField(_("confidence (%)"), null=True, blank=True)
    link_reason = models.CharField(_("reason for the link"), max_length=500, blank=True)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")  # fmt: skip
    linked_at = models.DateTimeField(_("linked at"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "handle_key"], name="discovered_account_unique")]
        ordering = ["-discovered_at", "id"]
        verbose_name = _("discovered account")
        verbose_name_plural = _("discovered accounts")

    def __str__(self) -> str:
        return f"{self.get_platform_display()} @{self.handle_key}"
