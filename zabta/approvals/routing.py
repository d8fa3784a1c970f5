"""Where an approval request goes: the unit's routing rule (or the nearest one above), else the nearest
competent authority above the account's unit."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from zabta.access.models import Role, RoleGrant
from zabta.accounts_registry.models import OfficialAccount
from zabta.approvals.models import RoutingRule
from zabta.org.actions import InvalidTransition
from zabta.org.tree import load_tree

DEFAULT_HOURS = 48
DEFAULT_VALIDITY_DAYS = 30


@dataclass(frozen=True)
class Route:
    unit_ids: list[int]
    hours: list[int]
    validity_days: int


def resolve_route(account: OfficialAccount) -> Route:
    chain = [account.unit_id, *load_tree().ancestors(account.unit_id)]
    rules = {r.unit_id: r for r in RoutingRule.objects.filter(unit_id__in=chain).prefetch_related("steps")}
    for unit_id in chain:
        rule = rules.get(unit_id)
        steps = list(rule.steps.all()) if rule else []
        if rule and steps:
            return Route([s.authority_unit_id for s in steps], [s.decision_hours for s in steps], rule.validity_days)
    return _default_route(chain)


def _default_route(chain: list[int]) -> Route:
    grants = RoleGrant.objects.active().filter(role=Role.COMPETENT_AUTHORITY, unit_id__in=chain)
    holders = set(grants.values_list("unit_id", flat=True))
    for unit_id in chain:
        if unit_id in holders:
            return Route([unit_id], [DEFAULT_HOURS], DEFAULT_VALIDITY_DAYS)
    raise InvalidTransition(_("no competent authority is appointed over this account's unit"))
