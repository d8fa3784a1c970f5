"""Login users linked to personnel, and role grants over a unit subtree."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zabta.org.models import Personnel, Unit


class User(AbstractUser):
    personnel = models.OneToOneField(
        Personnel, on_delete=models.PROTECT, null=True, blank=True, related_name="user", verbose_name=_("officer")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    PERSONNEL = "personnel", _("Personnel (own records)")
    MONITOR = "monitor", _("Monitor / analyst")
    MEDIA_TEAM = "media_team", _("Media team")
    UNIT_HEAD = "unit_head", _("Unit head")
    COMPETENT_AUTHORITY = "competent_authority", _("Competent authority")
    INQUIRY_OFFICER = "inquiry_officer", _("Inquiry officer")
    RANGE_ADMIN = "range_admin", _("Range administrator")
    AUDITOR = "auditor", _("Auditor (read-only)")


class RoleGrantQuerySet(models.QuerySet["RoleGrant"]):
    def active(self) -> "RoleGrantQuerySet":
        return self.filter(revoked_at__isnull=True)


class RoleGrant(models.Model):
    """A role held over a unit and everything below it. Revoked grants stay as history."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_grants", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="role_grants", verbose_name=_("unit")
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    granted_by = models.CharField(_("granted by"), max_length=150)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"], condition=Q(revoked_at__isnull=True), name="one_active_grant"
            ),
            models.CheckConstraint(
                condition=Q(role="personnel") | Q(unit__isnull=False), name="scoped_roles_need_unit"
            ),
        ]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} @ {self.unit or '—'}"
