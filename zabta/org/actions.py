"""State changes of the organisation registry, each audited in the same transaction."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zabta.audit.actions import record, snapshot
from zabta.org.models import Personnel, Posting, Unit, UnitParent

PERSONNEL_FIELDS = ("personnel_id", "name", "name_ur", "father_name", "rank", "belt_no", "cnic",
                    "service_card_no", "status", "phone", "email", "preferred_language")  # fmt: skip


class InvalidTransition(ValueError):
    """The requested change does not fit the current state."""


def unit_create(
    *, code: str, name: str, kind: str, head_title: str, parent: Unit | None, valid_from: date, actor: Any,
    name_ur: str = "", order_ref: str = "",
) -> Unit:  # fmt: skip
    with transaction.atomic():
        unit = Unit.objects.create(code=code, name=name, name_ur=name_ur, kind=kind, head_title=head_title,
                                   established_on=valid_from)  # fmt: skip
        if parent is not None:
            UnitParent.objects.create(unit=unit, parent=parent, valid_from=valid_from, order_ref=order_ref)
        record(actor=actor, action="org.unit.created", obj=unit,
               after={**snapshot(unit, ("code", "name", "kind", "head_title")), "parent": parent.code if parent else None})  # fmt: skip
    return unit


def unit_move(*, unit: Unit, new_parent: Unit, effective: date, order_ref: str, actor: Any) -> UnitParent:
    """Change a unit's jurisdiction by order: the old link is closed, never overwritten."""
    with transaction.atomic():
        current = UnitParent.objects.select_for_update().filter(unit=unit, valid_to__isnull=True).first()
        if current is not None and current.parent_id == new_parent.id:
            raise InvalidTransition(_("%(unit)s is already under %(parent)s") % {"unit": unit, "parent": new_parent})
        if current is not None and effective <= current.valid_from:
            raise InvalidTransition(_("the move must take effect after the current jurisdiction began"))
        if unit.id == new_parent.id or _is_below(new_parent, unit):
            raise InvalidTransition(_("a unit cannot be placed under itself or its own sub-unit"))
        if current is not None:
            UnitParent.objects.filter(pk=current.pk).update(valid_to=effective)
        link = UnitParent.objects.create(unit=unit, parent=new_parent, valid_from=effective, order_ref=order_ref)
        record(actor=actor, action="org.unit.moved", obj=unit,
               before={"parent": current.parent.code if current else None},
               after={"parent": new_parent.code, "effective": effective, "order_ref": order_ref})  # fmt: skip
    return link


def _is_below(candidate: Unit, root: Unit) -> bool:
    from zabta.org.tree import load_tree

    return candidate.id in load_tree().subtree_ids([root.id])


def personnel_create(*, actor: Any, **fields: Any) -> Personnel:
    with transaction.atomic():
        officer = Personnel(**fields)
        officer.full_clean()
        officer.save()
        record(actor=actor, action="org.personnel.created", obj=officer, after=snapshot(officer, PERSONNEL_FIELDS))
    return officer


def personnel_update(*, personnel: Personnel, actor: Any, reason: str = "", **changes: Any) -> Personnel:
    with transaction.atomic():
        before = snapshot(personnel, PERSONNEL_FIELDS)
        for name, value in changes.items():
            setattr(personnel, name, value)
        personnel.full_clean()
        after = snapshot(personnel, PERSONNEL_FIELDS)
        diff = {k: v for k, v in after.items() if before.get(k) != v}
        if diff:
            personnel.save()
            record(actor=actor, action="org.personnel.updated", obj=personnel,
                   before={k: before[k] for k in diff}, after=diff, reason=reason)  # fmt: skip
    return personnel


def posting_transfer(
    *, personnel: Personnel, unit: Unit, effective: date, actor: Any, designation: str = "", is_head: bool = False,
    order_ref: str = "",
) -> Posting:  # fmt: skip
    """Post an officer to a unit from a date: the current posting ends that day and stays as history."""
    with transaction.atomic():
        current = Posting.objects.select_for_update().filter(personnel=personnel, valid_to__isnull=True).first()
        if current is not None and effective < current.valid_from:
            raise InvalidTransition(_("the new posting cannot start before the current one began"))
        if is_head:
            _end_current_head(unit, effective, actor)
        if current is not None:
            Posting.objects.filter(pk=current.pk).update(valid_to=effective)
        posting = Posting.objects.create(personnel=personnel, unit=unit, designation=designation, is_head=is_head,
                                         valid_from=effective, order_ref=order_ref)  # fmt: skip
        record(actor=actor, action="org.posting.transferred", obj=personnel,
               before={"unit": current.unit.code if current else None},
               after={"unit": unit.code, "designation": designation, "is_head": is_head, "effective": effective,
                      "order_ref": order_ref})  # fmt: skip
    return posting


def _end_current_head(unit: Unit, effective: date, actor: Any) -> None:
    """A new head relieves the old one of the head post; he keeps a plain posting until transferred."""
    old = Posting.objects.select_for_update().filter(unit=unit, is_head=True, valid_to__isnull=True).first()
    if old is None:
        return
    Posting.objects.filter(pk=old.pk).update(valid_to=effective)
    Posting.objects.create(personnel_id=old.personnel_id, unit=unit, designation="", is_head=False,
                           valid_from=effective, order_ref=old.order_ref)  # fmt: skip
    record(actor=actor, action="org.unit.head_relieved", obj=unit, before={"head": old.personnel.personnel_id})
