"""Reads of cases that depend on who asks: a unit's cases go to those whose role covers the unit's subtree,
and an officer sees the cases against himself."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from zabta.access.scopes import scope_unit_ids
from zabta.cases.models import Case, CaseStatus, InAppNotice


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


def items_on_hold() -> set[int]:
    """Content items whose evidence is under legal hold because a case rests on it (used by evidence retention).

    Every case counts, closed ones too: an order can be appealed and later challenged before the Service Tribunal,
    so the evidence behind it must outlive the case. An item is held when a case names it in its evidence, was
    opened from one of its findings, or points at the same URL or media hash (a case opened by hand from a report).
    """
    from zabta.content.models import ContentItem

    cases = Case.objects.exclude(status=CaseStatus.MERGED)  # a merged case's references live on in its target
    item_ids: set[int] = set()
    urls: set[str] = set()
    hashes: set[str] = set()
    for evidence, url, sha256 in cases.values_list("evidence", "content_url", "content_sha256"):
        if isinstance(evidence, dict) and isinstance(evidence.get("item"), int):
            item_ids.add(evidence["item"])
        if isinstance(evidence, dict):
            hashes.update(h for h in evidence.get("media_sha256") or [] if isinstance(h, str))
        if url:
            urls.add(url)
        if sha256:
            hashes.add(sha256)
    by_url = ContentItem.objects.filter(url__in=urls).values_list("id", flat=True) if urls else []
    by_hash = (
        ContentItem.objects.filter(media__evidence__sha256__in=hashes).values_list("id", flat=True) if hashes else []
    )
    return item_ids | set(by_url) | set(by_hash)
