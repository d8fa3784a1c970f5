"""Pages to browse units and personnel within one's scope; every read goes through zabta.access.scopes."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zabta.access.scopes import (
    get_personnel_for_user,
    get_unit_for_user,
    personnel_visible_to,
    scope_unit_ids,
    sub_units_visible_to,
    unit_ancestors_visible_to,
    units_visible_to,
)
from zabta.org.models import Personnel, PersonnelStatus, Posting, Unit
from zabta.org.selectors import current_head, personnel_in_units, posting_history
from zabta.org.tree import UnitTree, load_tree

PAGE_SIZE = 50
QUERY_MAX = 100


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """The unit tree as far as the user may see it, each visible subtree under its top unit."""
    tree = load_tree()
    visible = {u.id: u for u in units_visible_to(request.user)}
    roots = sorted((u for u in visible.values() if tree.parent_of.get(u.id) not in visible), key=lambda u: u.code)
    rows: list[tuple[int, Unit]] = []
    for root in roots:
        _walk(root.id, 0, tree, visible, rows)
    return render(request, "org/unit_list.html", {"rows": rows})


def _walk(unit_id: int, depth: int, tree: UnitTree, visible: dict[int, Unit], rows: list[tuple[int, Unit]]) -> None:
    rows.append((depth, visible[unit_id]))
    kids = sorted((visible[c] for c in tree.children_of.get(unit_id, ()) if c in visible), key=lambda u: u.code)
    for child in kids:
        _walk(child.id, depth + 1, tree, visible, rows)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    subtree = load_tree().subtree_ids([unit.id])
    members = _with_current_posting(personnel_in_units({unit.id})).order_by("-rank__seniority", "name", "id")
    by_status = dict(personnel_in_units(subtree).values_list("status").annotate(n=Count("id")))
    context = {
        "unit": unit,
        "ancestors": unit_ancestors_visible_to(request.user, unit),
        "head": current_head(unit),
        "sub_units": sub_units_visible_to(request.user, unit),
        "page": Paginator(members, PAGE_SIZE).get_page(request.GET.get("page")),
        "strength": sum(by_status.values()),
        "by_status": [(PersonnelStatus(status).label, n) for status, n in sorted(by_status.items())],
    }
    return render(request, "org/unit_detail.html", context)


@login_required
def personnel_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    officers = _with_current_posting(personnel_visible_to(request.user))
    if query:
        officers = officers.filter(
            Q(name__icontains=query) | Q(name_ur__icontains=query) | Q(personnel_id=query) | Q(belt_no=query)
        )
    page = Paginator(officers.order_by("name", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/personnel_list.html", {"page": page, "query": query})


@login_required
def personnel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    officer = get_personnel_for_user(request.user, pk)
    context = {"officer": officer, "postings": posting_history(officer), "linkable_units": scope_unit_ids(request.user)}
    return render(request, "org/personnel_detail.html", context)


def _with_current_posting(officers: QuerySet[Personnel]) -> QuerySet[Personnel]:
    current = Prefetch(
        "postings", Posting.objects.filter(valid_to__isnull=True).select_related("unit"), to_attr="current_postings"
    )
    return officers.select_related("rank").prefetch_related(current)
