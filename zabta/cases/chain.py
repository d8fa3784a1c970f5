"""Who answers for a case: the officer's unit at the time, its head, and the escalation ladder above it."""

from datetime import date

from django.db.models import Q

from zabta.org.models import Personnel, Posting, Unit, UnitKind
from zabta.org.tree import load_tree

# After the officer's own unit head: SSP (district) -> DIG (zone) -> Addl. IGP (range).
LADDER_KINDS = (UnitKind.DISTRICT, UnitKind.ZONE, UnitKind.RANGE)


def posting_on(officer: Personnel, day: date) -> Posting | None:
    """The officer's posting on a day, falling back to his current posting (HR data can start late)."""
    postings = officer.postings.select_related("unit")
    on_day = postings.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day)).first()
    return on_day or postings.filter(valid_to__isnull=True).first()


def head_of(unit: Unit, day: date | None = None) -> Personnel | None:
    heads = Posting.objects.filter(unit=unit, is_head=True).select_related("personnel")
    if day is not None:
        heads = heads.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    else:
        heads = heads.filter(valid_to__isnull=True)
    posting = heads.order_by("-valid_from").first()
    return posting.personnel if posting else None


def ladder(unit: Unit) -> list[Unit]:
    """The unit itself, then each district, zone and range above it, bottom up."""
    above = load_tree().ancestors(unit.id)
    by_id = Unit.objects.in_bulk([unit.id, *above])
    rungs = [unit]
    for unit_id in above:
        candidate = by_id[unit_id]
        if candidate.kind in LADDER_KINDS:
            rungs.append(candidate)
    return rungs
