"""The review queue pages: filter, claim, look (media blurred until revealed), decide with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zabta.content.actions import item_viewed
from zabta.review.actions import ReviewError, finding_claim, finding_decide, finding_release, findings_bulk_decide
from zabta.review.forms import BulkDecisionForm, DecisionForm
from zabta.review.highlight import media_marks, segments
from zabta.review.models import SEVERITY_RANK
from zabta.review.selectors import (
    QUEUE_FILTERS,
    can_review,
    detector_precision,
    findings_visible_to,
    get_finding_for_user,
    review_queue,
)


def _reviewer(request: HttpRequest) -> None:
    if not can_review(request.user):
        raise PermissionDenied


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    filters = {name: request.GET.get(name, "") for name in QUEUE_FILTERS}
    findings = review_queue(request.user, filters)
    page = Paginator(findings, 50).get_page(request.GET.get("page"))
    context = {"page": page, "filters": filters, "now": timezone.now(), "severities": list(SEVERITY_RANK),
               "clauses": sorted(set(findings_visible_to(request.user).values_list("clause_key", flat=True))),
               "precision": detector_precision(findings_visible_to(request.user)), "form": DecisionForm()}  # fmt: skip
    return render(request, "review/queue.html", context)


@login_required
def finding(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    found = get_finding_for_user(request.user, pk)
    item_viewed(item=found.item, actor=request.user)
    context = {"finding": found, "item": found.item, "pieces": segments(found.item.text, found.evidence),
               "marks": media_marks(found.evidence), "media": found.item.media.select_related("evidence"),
               "form": DecisionForm(), "now": timezone.now(),
               "mine": found.claimed_by_id == request.user.pk and found.claim_is_live(timezone.now())}  # fmt: skip
    return render(request, "review/finding.html", context)


@login_required
@require_POST
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    found = get_finding_for_user(request.user, pk)
    try:
        finding_claim(finding=found, actor=request.user)
    except ReviewError as exc:
        messages.error(request, str(exc))
    return redirect("review:finding", pk=pk)


@login_required
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    finding_release(finding=get_finding_for_user(request.user, pk), actor=request.user)
    return redirect("review:queue")


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    found = get_finding_for_user(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose confirm or dismiss and give a reason."))
        return redirect("review:finding", pk=pk)
    try:
        finding_decide(finding=found, actor=request.user, **form.cleaned_data)
    except ReviewError as exc:
        messages.error(request, str(exc))
        return redirect("review:finding", pk=pk)
    messages.success(request, _("Finding %(id)s: %(d)s.") % {"id": pk, "d": found.get_status_display()})
    return redirect("review:queue")


@login_required
@require_POST
def bulk_decide(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    visible = list(findings_visible_to(request.user).filter(pk__in=request.POST.getlist("findings")))
    form = BulkDecisionForm(request.POST, allowed=[f.pk for f in visible])
    if not form.is_valid():
        messages.error(request, _("Select findings, choose confirm or dismiss and give a reason."))
        return redirect("review:queue")
    chosen = [f for f in visible if f.pk in form.cleaned_data["findings"]]
    try:
        done = findings_bulk_decide(findings=chosen, actor=request.user, decision=form.cleaned_data["decision"],
                                    reason=form.cleaned_data["reason"])  # fmt: skip
    except ReviewError as exc:
        messages.error(request, _("Nothing decided: %(e)s") % {"e": exc})
    else:
        messages.success(request, _("%(n)d findings decided.") % {"n": len(done)})
    return redirect("review:queue")
