"""Pages of prior approval: requesters submit and follow, approvers work their queue; media served by access check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zabta.access.models import Role
from zabta.accounts_registry.selectors import units_where
from zabta.accounts_registry.web import attempt, form_errors, signed_in
from zabta.approvals import actions
from zabta.approvals.forms import DecideForm, RequestForm, ResubmitForm, RoutingForm
from zabta.approvals.models import ApprovalMedia, Decision, RoutingRule
from zabta.approvals.selectors import (
    accounts_user_may_request_for,
    can_decide,
    decision_queue,
    get_request_for_user,
    requests_visible_to,
)
from zabta.approvals.uploads import MAX_FILES, MB, limits
from zabta.org.models import Unit

PAGE_SIZE = 50


def _too_big(request: HttpRequest) -> HttpResponse | None:
    """Refuse a body larger than the files allowed could make, before Django reads it to disk."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    allowed = MAX_FILES * max(limits().values()) + MB
    if length <= allowed:
        return None
    message = _("The upload is too large: at most %(n)d files of %(mb)d MB each.") % {
        "n": MAX_FILES, "mb": max(limits().values()) // MB}  # fmt: skip
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    requests = requests_visible_to(request.user)
    context = {"page": Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page")),
               "accounts": accounts_user_may_request_for(request.user), "now": timezone.now()}  # fmt: skip
    return render(request, "approvals/request_list.html", context)


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    accounts = accounts_user_may_request_for(request.user)
    if request.method != "POST":
        return render(request, "approvals/request_new.html", {"accounts": accounts, "form": RequestForm()})
    if (refused := _too_big(request)) is not None:
        return refused
    form = RequestForm(request.POST)
    if not form.is_valid():
        form_errors(request, form.errors)
        return render(request, "approvals/request_new.html", {"accounts": accounts, "form": form}, status=400)
    data = form.cleaned_data
    account = get_object_or_404(accounts, pk=data["account"])
    files = request.FILES.getlist("media")[: MAX_FILES + 1]
    created = attempt(request, lambda: actions.request_submit(
        requester=signed_in(request), account=account, caption=data["caption"], purpose=data["purpose"],
        planned_for=data["planned_for"], files=files))  # fmt: skip
    if created is None:
        return render(request, "approvals/request_new.html", {"accounts": accounts, "form": form}, status=400)
    messages.success(request, _("Request submitted for approval."))
    return redirect("approvals:request_detail", pk=created.pk)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    approval = get_request_for_user(request.user, pk)
    now = timezone.now()
    context = {
        "approval": approval, "media": approval.media.order_by("-round", "id"), "now": now,
        "decisions": approval.decisions.select_related("decided_by", "authority_unit"),
        "may_decide": can_decide(request.user, approval) and approval.requester_id != request.user.pk,
        "is_requester": approval.requester_id == request.user.pk, "decision_choices": Decision.choices,
        "valid_now": approval.is_valid_at(now), "expired_now": approval.is_expired_at(now),
    }  # fmt: skip
    return render(request, "approvals/request_detail.html", context)


@login_required
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    approval = get_request_for_user(request.user, pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: actions.request_decide(request=approval, actor=signed_in(request),
                                                           decision=data["decision"], reason=data["reason"])):  # fmt: skip
            messages.success(request, _("Decision recorded."))
    else:
        form_errors(request, form.errors)
    return redirect("approvals:request_detail", pk=approval.pk)


@login_required
@require_POST
def request_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    if (refused := _too_big(request)) is not None:
        return refused
    approval = get_request_for_user(request.user, pk)
    form = ResubmitForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        files = request.FILES.getlist("media")[: MAX_FILES + 1]
        if attempt(request, lambda: actions.request_resubmit(request=approval, actor=signed_in(request),
                   caption=data["caption"], purpose=data["purpose"], planned_for=data["planned_for"],
                   files=files)):  # fmt: skip
            messages.success(request, _("Request resubmitted."))
    else:
        form_errors(request, form.errors)
    return redirect("approvals:request_detail", pk=approval.pk)


@login_required
@require_POST
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    approval = get_request_for_user(request.user, pk)
    reason = request.POST.get("reason", "")[:500]
    if attempt(request, lambda: actions.request_withdraw(request=approval, actor=signed_in(request), reason=reason)):
        messages.success(request, _("Request withdrawn."))
    return redirect("approvals:request_detail", pk=approval.pk)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Requests awaiting the user's decision, the nearest deadline first."""
    return render(
        request, "approvals/queue.html", {"requests": decision_queue(request.user)[:200], "now": timezone.now()}
    )


@login_required
def media_file(request: HttpRequest, pk: int) -> FileResponse:
    """A submitted file, only to those who may see its request; sent with the type found by sniffing."""
    media = get_object_or_404(ApprovalMedia, pk=pk, request__in=requests_visible_to(request.user))
    response = FileResponse(media.file.open("rb"), content_type=media.content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def routing(request: HttpRequest) -> HttpResponse:
    """Unit heads set who decides their units' requests (multi-step), and for how long approvals are valid."""
    units = Unit.objects.filter(id__in=units_where(request.user, Role.UNIT_HEAD, Role.RANGE_ADMIN)).order_by("code")
    if request.method == "POST":
        form = RoutingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            unit = get_object_or_404(units, pk=data["unit"])
            codes = {u.code: u for u in Unit.objects.filter(code__in=[c for c, _h in data["steps"]])}
            steps = [(codes[c], h) for c, h in data["steps"] if c in codes]
            if len(steps) != len(data["steps"]):
                messages.error(request, _("Unknown unit code in the steps."))
            elif attempt(request, lambda: actions.routing_rule_set(actor=signed_in(request), unit=unit, steps=steps,
                                                                   validity_days=data["validity_days"])):  # fmt: skip
                messages.success(request, _("Approval route saved."))
        else:
            form_errors(request, form.errors)
        return redirect("approvals:routing")
    rules = RoutingRule.objects.filter(unit__in=units).select_related("unit").prefetch_related("steps__authority_unit")
    return render(request, "approvals/routing.html", {"units": units, "rules": rules})
