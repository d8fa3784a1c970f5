"""Reads of the account registry that depend on who asks, built on zabta.access.scopes."""

from datetime import date
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from zabta.access.models import Role, RoleGrant
from zabta.access.scopes import personnel_visible_to, scope_unit_ids
from zabta.accounts_registry.models import Custodian, DiscoveredAccount, OfficialAccount, PersonalAccount
from zabta.circulation.models import Receipt
from zabta.org.models import Personnel, PersonnelStatus, Unit
from zabta.org.selectors import personnel_in_units
from zabta.org.tree import load_tree


def units_where(user: Any, *roles: Role) -> set[int]:
    """Units (with their subtrees) over which the user holds one of the roles."""
    if not getattr(user, "is_authenticated", False):
        return set()
    roots = RoleGrant.objects.active().filter(user=user, role__in=[str(r) for r in roles])
    return load_tree().subtree_ids(roots.values_list("unit_id", flat=True))


def is_unit_head_of(user: Any, unit: Unit) -> bool:
    """The head of the unit or of a unit above it (DIG over his zone, SSP over his district)."""
    return unit.id in units_where(user, Role.UNIT_HEAD)


def may_review_accounts(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or bool(units_where(user, Role.MONITOR, Role.RANGE_ADMIN))


def official_accounts_visible_to(user: Any) -> QuerySet[OfficialAccount]:
    ids = scope_unit_ids(user)
    accounts = OfficialAccount.objects.select_related("unit")
    return accounts if ids is None else accounts.filter(unit_id__in=ids)


def get_official_account_for_user(user: Any, pk: int) -> OfficialAccount:
    account = official_accounts_visible_to(user).filter(pk=pk).first()
    if account is None:
        raise Http404("No such account in your scope")
    return account


def current_custodians(account: OfficialAccount, on: date | None = None) -> QuerySet[Custodian]:
    return account.custodians.current(on).select_related("personnel__rank")


def own_personal_accounts(user: Any) -> QuerySet[PersonalAccount]:
    officer_id = getattr(user, "personnel_id", None)
    return PersonalAccount.objects.filter(personnel_id=officer_id or 0, withdrawn_at__isnull=True)


def personal_accounts_visible_to(user: Any) -> QuerySet[PersonalAccount]:
    visible = personnel_visible_to(user).values("id")
    return PersonalAccount.objects.filter(personnel_id__in=visible, withdrawn_at__isnull=True).select_related(
        "personnel"
    )


def discovered_accounts_visible_to(user: Any) -> QuerySet[DiscoveredAccount]:
    """Linked accounts of officers in scope; unlinked ones only to reviewers (they have no unit yet)."""
    visible = personnel_visible_to(user).values("id")
    unlinked = Q(personnel__isnull=True) if may_review_accounts(user) else Q(pk__in=[])
    return DiscoveredAccount.objects.filter(Q(personnel_id__in=visible) | unlinked).select_related("personnel")


def undeclared_personnel(user: Any, unit: Unit) -> QuerySet[Personnel]:
    """Serving officers of the unit's subtree (within the user's scope) who have not declared their accounts, each
    annotated with `received_at`: when a directive was first delivered to him (the declaration deadline runs from it)."""
    subtree = load_tree().subtree_ids([unit.id])
    ids = scope_unit_ids(user)
    if ids is not None:
        subtree &= ids
    officers = personnel_in_units(subtree).filter(status=PersonnelStatus.SERVING)
    first = Receipt.objects.filter(personnel=OuterRef("pk")).order_by("delivered_at").values("delivered_at")[:1]
    officers = officers.filter(account_declaration__isnull=True).annotate(received_at=Subquery(first))
    return officers.select_related("rank").order_by("name", "id")


def declaration_is_late(declared_on: date | None, deadline: date | None, today: date) -> bool:
    """Late when not declared by the deadline; without a deadline (no directive in force) nobody is late."""
    if deadline is None:
        return False
    if declared_on is None:
        return today > deadline
    return declared_on > deadline
