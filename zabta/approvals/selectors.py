"""Reads of approval requests that depend on who asks, built on zabta.access.scopes."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from zabta.access.models import Role, RoleGrant
from zabta.access.scopes import scope_unit_ids
from zabta.accounts_registry.models import OfficialAccount
from zabta.accounts_registry.selectors import units_where
from zabta.approvals.models import ApprovalRequest, RequestStatus
from zabta.org.models import Unit
from zabta.org.selectors import current_posting
from zabta.org.tree import load_tree


def authority_unit_ids(user: Any) -> set[int]:
    """Units whose competent authority the user is (exactly those units: routing names them step by step)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    grants = RoleGrant.objects.active().filter(user=user, role=Role.COMPETENT_AUTHORITY)
    return set(grants.values_list("unit_id", flat=True)) - {None}


def requests_visible_to(user: Any) -> QuerySet[ApprovalRequest]:
    """Own requests, requests on accounts of units in scope, and requests routed through the user's units."""
    base = ApprovalRequest.objects.select_related("account__unit", "requester", "current_unit")
    ids = scope_unit_ids(user)
    if ids is None:
        return base
    own = Q(requester_id=getattr(user, "pk", None) or 0)
    return base.filter(own | Q(account__unit_id__in=ids) | Q(current_unit_id__in=authority_unit_ids(user)))


def get_request_for_user(user: Any, pk: int) -> ApprovalRequest:
    found = requests_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such request in your scope")
    return found


def own_requests(user: Any) -> QuerySet[ApprovalRequest]:
    return requests_visible_to(user).filter(requester_id=getattr(user, "pk", None) or 0)


def decision_queue(user: Any) -> QuerySet[ApprovalRequest]:
    """Pending requests awaiting this user's decision, the most urgent first."""
    units = authority_unit_ids(user)
    pending = ApprovalRequest.objects.filter(status=RequestStatus.PENDING, current_unit_id__in=units)
    return pending.select_related("account__unit", "requester", "current_unit").order_by("due_at", "id")


def can_decide(user: Any, request: ApprovalRequest) -> bool:
    return request.status == RequestStatus.PENDING and request.current_unit_id in authority_unit_ids(user)


def accounts_user_may_request_for(user: Any) -> QuerySet[OfficialAccount]:
    """Official accounts of units where the user is on the media team or head, or where he is posted."""
    units = units_where(user, Role.MEDIA_TEAM, Role.UNIT_HEAD)
    officer = getattr(user, "personnel", None)
    posting = current_posting(officer) if officer is not None else None
    if posting is not None:
        units |= set(load_tree().ancestors(posting.unit_id)) | {posting.unit_id}
    return OfficialAccount.objects.filter(unit_id__in=units).select_related("unit").order_by("platform", "handle_key")


def may_configure_routing(user: Any, unit: Unit) -> bool:
    """The head of the unit or of one above it, or a range administrator."""
    return bool(getattr(user, "is_superuser", False)) or unit.pk in units_where(user, Role.UNIT_HEAD, Role.RANGE_ADMIN)
