"""Who may circulate, see a circulation's dashboard, or record a paper acknowledgement (built on zabta.access)."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from zabta.access.models import Role, RoleGrant
from zabta.access.scopes import scope_unit_ids
from zabta.circulation.models import Circulation, Receipt
from zabta.org.models import Unit
from zabta.org.tree import load_tree

COMMAND_ROLES = (Role.UNIT_HEAD, Role.RANGE_ADMIN)


def commanded_unit_ids(user: Any) -> set[int] | None:
    """Units the user commands (unit head or range administrator over them); None means every unit."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return None
    roots = set(RoleGrant.objects.active().filter(user=user, role__in=COMMAND_ROLES).values_list("unit_id", flat=True))
    roots.discard(None)
    return load_tree().subtree_ids(roots) if roots else set()


def units_user_may_circulate_to(user: Any) -> QuerySet[Unit]:
    ids = commanded_unit_ids(user)
    units = Unit.objects.filter(abolished_on__isnull=True)
    return units if ids is None else units.filter(id__in=ids)


def circulations_visible_to(user: Any) -> QuerySet[Circulation]:
    """Circulations that reach into the user's scope: his own units' and those of commands above him."""
    scope = scope_unit_ids(user)
    circulations = Circulation.objects.select_related("version__directive", "unit", "circulated_by")
    if scope is None:
        return circulations
    tree = load_tree()
    covering = set(scope)
    for unit_id in scope:
        covering.update(tree.ancestors(unit_id))
    return circulations.filter(unit_id__in=covering)


def get_circulation_for_user(user: Any, pk: int) -> Circulation:
    circulation = circulations_visible_to(user).filter(pk=pk).first()
    if circulation is None:
        raise Http404("No such circulation in your scope")
    return circulation


def dashboard_unit_ids(user: Any, circulation: Circulation) -> set[int]:
    """Units of the circulation's subtree the user may see figures and names for."""
    subtree = load_tree().subtree_ids([circulation.unit_id])
    scope = scope_unit_ids(user)
    return subtree if scope is None else subtree & scope


def get_dashboard_unit(visible: set[int], unit_id: int | str) -> Unit:
    """One unit of a circulation's dashboard, only when the reader may see it (else 404, as for any unit)."""
    if not str(unit_id).isdigit() or int(unit_id) not in visible:
        raise Http404(_("No such unit in your scope"))
    return Unit.objects.get(pk=int(unit_id))


def dashboard_roots(visible: set[int], requested: str = "") -> list[Unit]:
    """The unit asked for (when the reader may see it), else the topmost units of what he may see."""
    if requested.isdigit() and int(requested) in visible:
        return list(Unit.objects.filter(pk=int(requested)))
    parent_of = load_tree().parent_of
    tops = [unit_id for unit_id in visible if parent_of.get(unit_id) not in visible]
    return list(Unit.objects.filter(id__in=tops).order_by("code"))


def own_receipts(user: Any) -> QuerySet[Receipt]:
    """The signed-in officer's own copies of directives."""
    officer_id = getattr(user, "personnel_id", None) if getattr(user, "is_authenticated", False) else None
    if officer_id is None:
        return Receipt.objects.none()
    return Receipt.objects.filter(personnel_id=officer_id).select_related("version__directive", "circulation__unit")


def receipts_visible_to(user: Any) -> QuerySet[Receipt]:
    """Receipts of officers the user may see (evidence for enforcement), and his own."""
    from zabta.access.scopes import personnel_visible_to

    visible = personnel_visible_to(user).values("id")
    return Receipt.objects.filter(personnel_id__in=visible).select_related("version__directive", "personnel__rank")


def get_own_receipt(user: Any, pk: int) -> Receipt:
    receipt = own_receipts(user).filter(pk=pk).first()
    if receipt is None:
        raise Http404("No such directive receipt of yours")
    return receipt


def may_record_paper_acknowledgement(user: Any, receipt: Receipt, unit_id: int | None) -> bool:
    """A unit head (or range administrator) over the unit where the officer now serves."""
    ids = commanded_unit_ids(user)
    return unit_id is not None and (ids is None or unit_id in ids)
