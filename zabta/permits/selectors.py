"""Reads of permit applications that depend on who asks, built on zabta.access.scopes."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from zabta.access.models import Role
from zabta.access.scopes import scope_unit_ids
from zabta.accounts_registry.selectors import units_where
from zabta.org.models import Unit
from zabta.permits.models import PermitApplication, PermitStatus, PremisesAsset


def applications_visible_to(user: Any) -> QuerySet[PermitApplication]:
    base = PermitApplication.objects.select_related("unit", "asset")
    ids = scope_unit_ids(user)
    return base if ids is None else base.filter(unit_id__in=ids)


def get_application_for_user(user: Any, pk: int) -> PermitApplication:
    found = applications_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such application in your scope")
    return found


def permit_queue(user: Any) -> QuerySet[PermitApplication]:
    """Applications awaiting a decision on premises where the user is the competent authority."""
    units = units_where(user, Role.COMPETENT_AUTHORITY)
    pending = PermitApplication.objects.filter(status=PermitStatus.SUBMITTED, unit_id__in=units)
    return pending.select_related("unit", "asset").order_by("starts_on", "id")


def can_decide_permit(user: Any, application: PermitApplication) -> bool:
    """The competent authority over the premises' unit (his own unit or one above it)."""
    return application.unit_id in units_where(user, Role.COMPETENT_AUTHORITY)


def public_premises() -> QuerySet[Unit]:
    """Units a private person may name on the public form (those not abolished)."""
    return Unit.objects.filter(abolished_on__isnull=True).order_by("code")


def public_assets() -> QuerySet[PremisesAsset]:
    return PremisesAsset.objects.filter(active=True).select_related("unit")


def assets_managed_by(user: Any) -> QuerySet[PremisesAsset]:
    """Listed vehicles and buildings (in service or not) of the units the user heads or administers."""
    units = units_where(user, Role.UNIT_HEAD, Role.RANGE_ADMIN)
    return PremisesAsset.objects.filter(unit_id__in=units).select_related("unit")


def get_managed_asset(user: Any, pk: int) -> PremisesAsset:
    found = assets_managed_by(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such vehicle or building in your units")
    return found


def application_by_token(*, verify_token: str = "", status_token: str = "") -> PermitApplication:
    """Public reads go by unguessable token only, never by id."""
    query = {"verify_token": verify_token} if verify_token else {"status_token": status_token}
    if not any(query.values()):
        raise Http404("No such permit")
    found = PermitApplication.objects.select_related("unit", "asset").filter(**query).first()
    if found is None:
        raise Http404("No such permit")
    return found


def may_manage_premises(user: Any, unit: Unit) -> bool:
    """The head of the unit or of one above it, or a range administrator."""
    return bool(getattr(user, "is_superuser", False)) or unit.pk in units_where(user, Role.UNIT_HEAD, Role.RANGE_ADMIN)


def own_applications(user: Any) -> QuerySet[PermitApplication]:
    """A signed-in applicant's own applications (the light applicant account)."""
    if not getattr(user, "is_authenticated", False):
        return PermitApplication.objects.none()
    return PermitApplication.objects.filter(applicant_user=user).select_related("unit", "asset")
