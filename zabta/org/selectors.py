"""Reads of the organisation registry that do not depend on the viewer (scoping is in zabta.access)."""

from django.db.models import QuerySet

from zabta.org.models import Personnel, Posting, Unit


def current_posting(personnel: Personnel) -> Posting | None:
    return personnel.postings.filter(valid_to__isnull=True).select_related("unit").first()


def current_head(unit: Unit) -> Posting | None:
    return unit.postings.filter(valid_to__isnull=True, is_head=True).select_related("personnel__rank").first()


def posting_history(personnel: Personnel) -> QuerySet[Posting]:
    return personnel.postings.select_related("unit").order_by("-valid_from", "-id")


def personnel_in_units(unit_ids: set[int]) -> QuerySet[Personnel]:
    posted = Posting.objects.filter(valid_to__isnull=True, unit_id__in=unit_ids).values("personnel_id")
    return Personnel.objects.filter(id__in=posted)
