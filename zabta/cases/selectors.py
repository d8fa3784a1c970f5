"""Reads of cases that depend on who asks: a unit's cases go to those whose role covers the unit's subtree,
and an officer sees the cases against himself."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from zabta.access.scopes import scope_unit_ids
from zabta.cases.models import Case, InAppNotice


def cases_visible_to(user: Any) -> QuerySet[Case]:
    ids = scope_unit_ids(user)
    cases = Case.objects.select_related("officer__rank", "responsible_unit", "directive_version")
    if ids is None:
        return cases
    own = Q(officer__user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    return cases.filter(Q(responsible_unit_id__in=ids) | own) if ids else cases.filter(own)


def get_case_for_user(user: Any, pk: int) -> Case:
    case = cases_visible_to(user).filter(pk=pk).first()
    if case is None:
        raise Http404("No such case in your scope")
    return case


def is_subject_of(user: Any, case: Case) -> bool:
    """The user is the officer the case is against (he may acknowledge and mark removed, nothing else)."""
    personnel_id = getattr(user, "personnel_id", None)
    return personnel_id is not None and personnel_id == case.officer_id


def in_app_notices_for(user: Any) -> QuerySet[InAppNotice]:
    if not getattr(user, "is_authenticated", False):
        return InAppNotice.objects.none()
    return InAppNotice.objects.filter(Q(user=user) | Q(officer__user=user)).select_related("case")
