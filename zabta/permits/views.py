"""Permit pages: the public form, status and verification pages (no login), and the authority's queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zabta.access.models import Role
from zabta.accounts_registry.selectors import units_where
from zabta.accounts_registry.web import attempt, form_errors, signed_in
from zabta.org.models import Unit
from zabta.permits import actions
from zabta.permits.forms import ApplyForm, AssetEditForm, AssetForm, DecideForm, RevokeForm
from zabta.permits.qr import qr_svg
from zabta.permits.ratelimit import RateLimited, client_key_for
from zabta.permits.selectors import (
    application_by_token,
    applications_visible_to,
    assets_managed_by,
    can_decide_permit,
    get_application_for_user,
    get_managed_asset,
    own_applications,
    permit_queue,
    public_assets,
    public_premises,
)

PAGE_SIZE = 50


def _apply_page(request: HttpRequest, form: ApplyForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "units": public_premises(), "assets": public_assets()}
    return render(request, "permits/apply.html", context, status=status)


def apply(request: HttpRequest) -> HttpResponse:
    """Public: a private person applies (signed in with a light applicant account, or not at all)."""
    if request.method != "POST":
        return _apply_page(request, ApplyForm())
    form = ApplyForm(request.POST)
    if not form.is_valid():
        form_errors(request, form.errors)
        return _apply_page(request, form, 400)
    data = form.cleaned_data
    unit = public_premises().filter(pk=data["unit"]).first()
    asset = public_assets().filter(pk=data["asset"]).first() if data["asset"] else None
    if unit is None or (data["asset"] and asset is None):
        messages.error(request, _("Choose the police premises from the list."))
        return _apply_page(request, form, 400)
    try:
        created = attempt(request, lambda: actions.permit_apply(
            applicant_name=data["applicant_name"], cnic=data["cnic"], phone=data["phone"], purpose=data["purpose"],
            platform=data["platform"], unit=unit, asset=asset, starts_on=data["starts_on"], ends_on=data["ends_on"],
            crew_size=data["crew_size"], client_key=client_key_for(request.META.get("REMOTE_ADDR", "")),
            applicant_user=request.user if request.user.is_authenticated else None))  # fmt: skip
    except RateLimited:
        messages.error(request, _("Too many applications from your connection in the last hour. Try again later."))
        return _apply_page(request, form, 429)
    if created is None:
        return _apply_page(request, form, 400)
    return redirect("permits:status", token=created.status_token)


def status(request: HttpRequest, token: str) -> HttpResponse:
    """Public, by the unguessable link given after applying: the applicant follows his application."""
    application = application_by_token(status_token=token[:64])
    verify_url = request.build_absolute_uri(reverse("permits:verify", kwargs={"token": application.verify_token}))
    context = {"application": application, "verify_url": verify_url, "today": timezone.localdate(),
               "qr": qr_svg(verify_url) if application.number else ""}  # fmt: skip
    return render(request, "permits/status.html", context)


def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Public, from the QR code: only validity, premises and dates; no personal data."""
    permit = application_by_token(verify_token=token[:64])
    context = {"permit": permit, "validity": permit.validity_on(timezone.localdate())}
    return render(request, "permits/verify.html", context)


def qr(request: HttpRequest, token: str) -> HttpResponse:
    permit = application_by_token(verify_token=token[:64])
    url = request.build_absolute_uri(reverse("permits:verify", kwargs={"token": permit.verify_token}))
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "permits/mine.html", {"applications": own_applications(request.user)})


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    context = {"pending": permit_queue(request.user)[:200],
               "page": Paginator(applications_visible_to(request.user), PAGE_SIZE).get_page(request.GET.get("page"))}  # fmt: skip
    return render(request, "permits/queue.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request.user, pk)
    context = {"application": application, "may_decide": can_decide_permit(request.user, application),
               "validity": application.validity_on(timezone.localdate())}  # fmt: skip
    return render(request, "permits/detail.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request.user, pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        form_errors(request, form.errors)
        return redirect("permits:detail", pk=pk)
    text = form.cleaned_data["text"]
    if form.cleaned_data["decision"] == "approve":
        done = attempt(
            request, lambda: actions.permit_approve(application=application, actor=signed_in(request), conditions=text)
        )
    else:
        done = attempt(
            request, lambda: actions.permit_reject(application=application, actor=signed_in(request), reason=text)
        )
    if done is not None:
        messages.success(request, _("Decision recorded."))
    return redirect("permits:detail", pk=pk)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request.user, pk)
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if attempt(
        request, lambda: actions.permit_revoke(application=application, actor=signed_in(request), reason=reason)
    ):
        messages.success(request, _("Permit revoked."))
    return redirect("permits:detail", pk=pk)


@login_required
def assets(request: HttpRequest) -> HttpResponse:
    """Vehicles and buildings the user's units list for filming; unit heads add to the list."""
    head_units = Unit.objects.filter(id__in=units_where(request.user, Role.UNIT_HEAD, Role.RANGE_ADMIN))
    if request.method == "POST":
        form = AssetForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            unit = get_object_or_404(head_units, pk=data["unit"])
            if attempt(request, lambda: actions.premises_asset_add(actor=signed_in(request), unit=unit, kind=data["kind"],
                       name=data["name"], registration_no=data["registration_no"])):  # fmt: skip
                messages.success(request, _("Added."))
        else:
            form_errors(request, form.errors)
        return redirect("permits:assets")
    listed = assets_managed_by(request.user)
    return render(request, "permits/assets.html", {"assets": listed, "units": head_units.order_by("code"),
                                                   "form": AssetForm()})  # fmt: skip


@login_required
@require_POST
def asset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a listed vehicle or building, or take it out of service (with a reason)."""
    asset = get_managed_asset(request.user, pk)
    form = AssetEditForm(request.POST)
    if not form.is_valid():
        form_errors(request, form.errors)
        return redirect("permits:assets")
    data = form.cleaned_data
    if attempt(request, lambda: actions.premises_asset_update(actor=signed_in(request), asset=asset, name=data["name"],
               registration_no=data["registration_no"], active=data["active"], reason=data["reason"])):  # fmt: skip
        messages.success(request, _("Saved."))
    return redirect("permits:assets")
