"""Access helpers: every read that depends on who asks goes through these.

A user sees the union of the unit subtrees of his active role grants; the personnel role sees
only the officer's own record. Superusers see everything.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from zabta.access.models import Role, RoleGrant, User
from zabta.org.models import Personnel, Posting, Unit
from zabta.org.tree import load_tree

_CACHE_ATTR = "_zabta_scope_unit_ids"


def roles_of(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(RoleGrant.objects.active().filter(user=user).values_list("role", flat=True))


def has_role(user: Any, *roles: Role) -> bool:
    return bool(roles_of(user) & {str(role) for role in roles})


def role_unit_ids(user: Any, *roles: Role) -> set[int] | None:
    """Units (with their subtrees) over which the user holds one of these roles; None means every unit.

    Scope is the union over all of a user's roles; a permission to act needs the role over the unit itself
    (a monitor of one zone who heads a station in another manages cases only at his station).
    """
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return None
    roots = (
        RoleGrant.objects.active().filter(user=user, role__in=[str(r) for r in roles]).values_list("unit_id", flat=True)
    )
    return load_tree().subtree_ids(u for u in roots if u is not None)


def scope_unit_ids(user: Any) -> set[int] | None:
    """Unit ids the user may see; None means every unit. Cached on the user object per request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached: set[int] | bool | None = getattr(user, _CACHE_ATTR, False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    result = _compute_scope(user)
    setattr(user, _CACHE_ATTR, result)
    return result


def _compute_scope(user: User) -> set[int] | None:
    if user.is_superuser:
        return None
    roots = set(
        RoleGrant.objects.active().filter(user=user).exclude(role=Role.PERSONNEL).values_list("unit_id", flat=True)
    )
    roots.discard(None)
    return load_tree().subtree_ids(roots) if roots else set()


def units_visible_to(user: Any) -> QuerySet[Unit]:
    ids = scope_unit_ids(user)
    return Unit.objects.all() if ids is None else Unit.objects.filter(id__in=ids)


def personnel_visible_to(user: Any) -> QuerySet[Personnel]:
    ids = scope_unit_ids(user)
    if ids is None:
        return Personnel.objects.all()
    own = Q(user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    if not ids:
        return Personnel.objects.filter(own)
    posted_in_scope = Posting.objects.filter(valid_to__isnull=True, unit_id__in=ids).values("personnel_id")
    return Personnel.objects.filter(Q(id__in=posted_in_scope) | own)


def get_unit_for_user(user: Any, pk: int) -> Unit:
    unit = units_visible_to(user).filter(pk=pk).first()
    if unit is None:
        raise Http404(_("No such unit in your scope"))
    return unit


def get_personnel_for_user(user: Any, pk: int) -> Personnel:
    officer = personnel_visible_to(user).filter(pk=pk).first()
    if officer is None:
        raise Http404(_("No such officer in your scope"))
    return officer


def can_administer(user: Any) -> bool:
    """Range administrators (and superusers) maintain the registries."""
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.RANGE_ADMIN)


def unit_ancestors_visible_to(user: Any, unit: Unit) -> list[Unit]:
    """The chain of command above a unit, from the top down, as far as the user may see it (for breadcrumbs)."""
    chain = load_tree().ancestors(unit.id)
    visible = {u.id: u for u in units_visible_to(user).filter(id__in=chain)}
    return [visible[unit_id] for unit_id in reversed(chain) if unit_id in visible]


def sub_units_visible_to(user: Any, unit: Unit) -> QuerySet[Unit]:
    """The units directly below a unit that the user may see."""
    children = load_tree().children_of.get(unit.id, [])
    return units_visible_to(user).filter(id__in=children).order_by("code")


def role_grants_of(user: Any) -> QuerySet[RoleGrant]:
    """The user's own active role grants (what the home page tells him he holds)."""
    if not getattr(user, "is_authenticated", False):
        return RoleGrant.objects.none()
    return RoleGrant.objects.active().filter(user=user).select_related("unit").order_by("role")
