"""Reads of proceedings that depend on who asks: the unit's subtree, the accused officer, the inquiry officer."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from zabta.access.scopes import scope_unit_ids
from zabta.discipline.models import Proceeding, ProceedingDocument


def proceedings_visible_to(user: Any) -> QuerySet[Proceeding]:
    ids = scope_unit_ids(user)
    proceedings = Proceeding.objects.select_related("officer__rank", "unit", "case", "inquiry_officer")
    if ids is None:
        return proceedings
    if not getattr(user, "is_authenticated", False):
        return proceedings.none()
    mine = Q(officer__user=user) | Q(inquiry_officer=user)
    return proceedings.filter(Q(unit_id__in=ids) | mine) if ids else proceedings.filter(mine)


def get_proceeding_for_user(user: Any, pk: int) -> Proceeding:
    proceeding = proceedings_visible_to(user).filter(pk=pk).first()
    if proceeding is None:
        raise Http404("No such proceeding in your scope")
    return proceeding


def get_document_for_user(user: Any, pk: int) -> ProceedingDocument:
    document = ProceedingDocument.objects.filter(pk=pk, proceeding__in=proceedings_visible_to(user)).first()
    if document is None:
        raise Http404("No such document in your scope")
    return document
