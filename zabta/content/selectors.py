"""Reads of content items that depend on who asks: the unit subtree of his roles, or what he took in himself."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from zabta.access.models import Role
from zabta.access.scopes import has_role, scope_unit_ids
from zabta.content.models import ContentItem

INTAKE_ROLES = (Role.MONITOR, Role.RANGE_ADMIN)


def can_take_in(user: Any) -> bool:
    """Monitoring cells and range administrators take content in."""
    return bool(getattr(user, "is_superuser", False)) or has_role(user, *INTAKE_ROLES)


def items_visible_to(user: Any) -> QuerySet[ContentItem]:
    ids = scope_unit_ids(user)
    if ids is None:
        return ContentItem.objects.all()
    if not getattr(user, "is_authenticated", False):
        return ContentItem.objects.none()
    return ContentItem.objects.filter(Q(unit_id__in=ids) | Q(created_by=user))


def get_item_for_user(user: Any, pk: int) -> ContentItem:
    item = items_visible_to(user).filter(pk=pk).first()
    if item is None:
        raise Http404("No such item in your scope")
    return item
