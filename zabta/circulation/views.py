"""Pages of circulation: circulate, the acknowledgement dashboard, outstanding officers, and the officer's own copies.

Every read goes through zabta.circulation.scopes (built on zabta.access.scopes); every change through one action.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zabta.circulation import actions
from zabta.circulation.forms import CirculateForm, PaperAcknowledgementForm
from zabta.circulation.scopes import (
    circulations_visible_to,
    commanded_unit_ids,
    dashboard_roots,
    dashboard_unit_ids,
    get_circulation_for_user,
    get_dashboard_unit,
    get_own_receipt,
    own_receipts,
    receipts_visible_to,
    units_user_may_circulate_to,
)
from zabta.circulation.selectors import acknowledgement_rates, current_units, outstanding_personnel
from zabta.circulation.texts import clauses_in
from zabta.notifications.selectors import unconfigured_channels
from zabta.org.actions import InvalidTransition

PAGE_SIZE = 50


@login_required
def circulation_list(request: HttpRequest) -> HttpResponse:
    context = {
        "circulations": circulations_visible_to(request.user)[:200],
        "may_circulate": units_user_may_circulate_to(request.user).exists(),
        "pending_own": own_receipts(request.user).filter(acknowledged_at__isnull=True).count(),
    }
    return render(request, "circulation/circulation_list.html", context)


@login_required
def circulation_new(request: HttpRequest) -> HttpResponse:
    units = units_user_may_circulate_to(request.user)
    if not units.exists():
        raise Http404(_("You command no unit to circulate to"))
    form = CirculateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            circulation = actions.circulation_create(actor=request.user, **form.cleaned_data)
        except (InvalidTransition, actions.NotPermitted) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Circulated. Every officer under the unit is being notified."))
            return redirect("circulation:detail", pk=circulation.pk)
    return render(request, "circulation/circulation_new.html", {"form": form})


@login_required
def circulation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    circulation = get_circulation_for_user(request.user, pk)
    visible = dashboard_unit_ids(request.user, circulation)
    roots = dashboard_roots(visible, request.GET.get("unit", ""))
    tables = [acknowledgement_rates(circulation, root=root, visible=visible) for root in roots]
    commanded = commanded_unit_ids(request.user)
    context = {
        "circulation": circulation,
        "tables": tables,
        "may_close": circulation.is_active() and (commanded is None or circulation.unit_id in commanded),
        "unconfigured": unconfigured_channels(),
    }
    return render(request, "circulation/circulation_detail.html", context)


@login_required
def circulation_outstanding(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    circulation = get_circulation_for_user(request.user, pk)
    visible = dashboard_unit_ids(request.user, circulation)
    unit = get_dashboard_unit(visible, unit_pk)
    officers = outstanding_personnel(circulation, unit=unit, visible=visible)
    page = Paginator(officers, PAGE_SIZE).get_page(request.GET.get("page"))
    commanded = commanded_unit_ids(request.user)
    context = {"circulation": circulation, "unit": unit, "page": page, "paper_form": PaperAcknowledgementForm(),
               "may_record": circulation.is_active() and (commanded is None or bool(commanded & visible))}  # fmt: skip
    return render(request, "circulation/circulation_outstanding.html", context)


@login_required
@require_POST
def circulation_close(request: HttpRequest, pk: int) -> HttpResponse:
    circulation = get_circulation_for_user(request.user, pk)
    try:
        actions.circulation_close(circulation=circulation, actor=request.user)
    except (InvalidTransition, actions.NotPermitted) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Circulation closed: no more deliveries, reminders or escalations."))
    return redirect("circulation:detail", pk=pk)


@login_required
@require_POST
def receipt_paper(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = receipts_visible_to(request.user).filter(pk=pk).first()
    if receipt is None:
        raise Http404(_("No such directive receipt in your scope"))
    form = PaperAcknowledgementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the register and entry the officer signed."))
    else:
        try:
            actions.acknowledge_on_paper(
                receipt=receipt, actor=request.user, register_ref=form.cleaned_data["register_ref"]
            )
        except (InvalidTransition, actions.NotPermitted) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Acknowledgement recorded for %(name)s.") % {"name": receipt.personnel.name})
    unit_id = current_units([receipt.personnel_id]).get(receipt.personnel_id, receipt.unit_id)
    return redirect("circulation:outstanding", pk=receipt.circulation_id, unit_pk=unit_id)


@login_required
def my_directives(request: HttpRequest) -> HttpResponse:
    return render(request, "circulation/my_directives.html", {"receipts": own_receipts(request.user)})


@login_required
def receipt_read(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer reads the directive in his language and acknowledges it."""
    receipt = get_own_receipt(request.user, pk)
    if request.method == "POST":
        try:
            actions.acknowledge_in_web(receipt=receipt, actor=request.user)
        except (InvalidTransition, actions.NotPermitted) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you. Your acknowledgement has been recorded."))
        return redirect("circulation:read", pk=pk)
    context = {"receipt": receipt, "version": receipt.version, "clauses": clauses_in(receipt.version, receipt.language)}
    return render(request, "circulation/receipt_read.html", context)
