"""Case pages: list, open, detail with its actions, the officer's notices, the accountability dashboard.
Views parse input, check access through the selectors and permissions, call one action and render."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zabta.access.scopes import personnel_visible_to, units_visible_to
from zabta.cases.actions import case_open
from zabta.cases.dashboard import dashboard_for
from zabta.cases.errors import CaseInputError, InvalidTransition
from zabta.cases.escalation import case_close
from zabta.cases.forms import CaseOpenForm, ReasonForm, RecheckForm
from zabta.cases.models import Case, CaseStatus
from zabta.cases.permissions import can_manage, can_open_cases, can_verify
from zabta.cases.removal import notice_acknowledge, notice_issue, recheck_record, removal_mark
from zabta.cases.selectors import cases_visible_to, get_case_for_user, in_app_notices_for, is_subject_of
from zabta.discipline.actions import proceeding_open
from zabta.discipline.recommend import comparable_orders, recommend

PAGE_SIZE = 50


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    cases = cases_visible_to(request.user).filter(merged_into__isnull=True)
    status = request.GET.get("status", "")
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    page = Paginator(cases.order_by("-opened_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "statuses": CaseStatus.choices, "can_open": can_open_cases(request.user)}
    return render(request, "cases/case_list.html", context)


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    if not can_open_cases(request.user):
        raise PermissionDenied
    form = CaseOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = case_open(actor=request.user, **_open_arguments(request.user, form.cleaned_data))
        except CaseInputError as error:
            form.add_error(None, str(error))
        else:
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_new.html", {"form": form})


def _open_arguments(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    officer = None
    if data["personnel_id"]:
        officer = personnel_visible_to(user).filter(personnel_id=data["personnel_id"].strip()).first()
        if officer is None:
            raise CaseInputError(_("no officer with that personnel id in your scope"))
    unit = units_visible_to(user).filter(code=data["unit_code"].strip()).first() if data["unit_code"] else None
    if data["unit_code"] and unit is None:
        raise CaseInputError(_("no unit with that code in your scope"))
    return {
        "officer": officer, "unit": unit, "account_handle": data["account_handle"], "clause_keys": data["clause_keys"],
        "posted_at": data["posted_at"], "captured_at": data["captured_at"], "platform": data["platform"],
        "content_url": data["content_url"], "content_text": data["content_text"], "followers": data["followers"],
        "views": data["views"], "report_text": data["report_text"],
    }  # fmt: skip


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    manage = can_manage(request.user, case)
    advice = recommend(case) if manage and case.officer_id else None
    context = {
        "case": case, "clauses": case.clauses.all(), "notices": case.notices.all(), "rechecks": case.rechecks.all(),
        "escalations": case.escalations.select_related("unit", "head__rank"),
        "proceedings": case.proceedings.all(), "can_manage": manage, "can_verify": can_verify(request.user, case),
        "is_subject": is_subject_of(request.user, case), "advice": advice,
        "comparable": comparable_orders(case, advice.priors) if advice else [], "recheck_form": RecheckForm(),
    }  # fmt: skip
    return render(request, "cases/case_detail.html", context)


def _notice(request: HttpRequest, case: Case) -> None:
    if not can_manage(request.user, case):
        raise PermissionDenied
    notice_issue(case=case, actor=request.user)


def _acknowledge(request: HttpRequest, case: Case) -> None:
    notice = case.notices.first()
    if not is_subject_of(request.user, case) or notice is None:
        raise PermissionDenied
    notice_acknowledge(notice=notice, actor=request.user)


def _mark_removed(request: HttpRequest, case: Case) -> None:
    if not is_subject_of(request.user, case):
        raise PermissionDenied
    removal_mark(case=case, actor=request.user)


def _recheck(request: HttpRequest, case: Case) -> None:
    if not can_verify(request.user, case):
        raise PermissionDenied
    form = RecheckForm(request.POST, request.FILES)
    if not form.is_valid():
        raise CaseInputError("; ".join(str(e) for errors in form.errors.values() for e in errors))
    recheck_record(case=case, outcome=form.cleaned_data["outcome"], method="reviewer", actor=request.user,
                   detail=form.cleaned_data["detail"], screenshot=form.cleaned_data["screenshot"])  # fmt: skip


def _open_proceedings(request: HttpRequest, case: Case) -> HttpResponseRedirect | None:
    if not can_manage(request.user, case):
        raise PermissionDenied
    proceeding = proceeding_open(case=case, actor=request.user, facts=request.POST.get("facts", "")[:20000])
    return redirect("discipline:proceeding_detail", pk=proceeding.pk)


def _close(request: HttpRequest, case: Case) -> None:
    form = ReasonForm(request.POST)
    if not can_manage(request.user, case) or not form.is_valid():
        raise PermissionDenied
    case_close(case=case, actor=request.user, reason=form.cleaned_data["reason"])


CASE_ACTIONS: dict[str, Callable[[HttpRequest, Case], HttpResponseRedirect | None]] = {
    "notice": _notice, "acknowledge": _acknowledge, "mark-removed": _mark_removed, "recheck": _recheck,
    "open-proceedings": _open_proceedings, "close": _close,
}  # fmt: skip


@login_required
@require_POST
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    handler = CASE_ACTIONS.get(action)
    if handler is None:
        raise PermissionDenied
    try:
        response = handler(request, case)
    except (InvalidTransition, CaseInputError) as error:
        messages.error(request, str(error))
        return redirect("cases:case_detail", pk=case.pk)
    messages.success(request, _("Done."))
    return response or HttpResponseRedirect(reverse("cases:case_detail", args=[case.pk]))


@login_required
def my_notices(request: HttpRequest) -> HttpResponse:
    notices = in_app_notices_for(request.user)[:200]
    return render(request, "cases/my_notices.html", {"notices": notices})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    rows = dashboard_for(request.user)
    top = max((r.figures.open_cases for r in rows), default=0) or 1
    return render(request, "cases/dashboard.html", {"rows": rows, "top": top})
