"""Pages of the social account registry; reads through the registry selectors, changes through its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zabta.access.models import Role
from zabta.access.scopes import get_unit_for_user, personnel_visible_to
from zabta.accounts_registry import actions
from zabta.accounts_registry.deadlines import declaration_days, declaration_deadline
from zabta.accounts_registry.forms import (
    AccountForm,
    AppointForm,
    LinkForm,
    LookupForm,
    OfficialAccountForm,
    RemoveForm,
)
from zabta.accounts_registry.lookup import lookup_account
from zabta.accounts_registry.models import Custodian, Declaration
from zabta.accounts_registry.selectors import (
    current_custodians,
    declaration_is_late,
    discovered_accounts_visible_to,
    get_official_account_for_user,
    is_unit_head_of,
    may_review_accounts,
    official_accounts_visible_to,
    own_personal_accounts,
    undeclared_personnel,
    units_where,
)
from zabta.accounts_registry.web import attempt, form_errors, signed_in
from zabta.org.models import Personnel, Unit

PAGE_SIZE = 50


def _officer(request: HttpRequest, personnel_id: str) -> Personnel:
    officer = personnel_visible_to(request.user).filter(personnel_id=personnel_id.strip()).first()
    if officer is None:
        raise PermissionDenied(_("no officer with that id in your scope"))
    return officer


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    accounts = official_accounts_visible_to(request.user)
    context = {
        "page": Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page")),
        "head_units": Unit.objects.filter(id__in=units_where(request.user, Role.UNIT_HEAD)).order_by("code"),
        "form": OfficialAccountForm(),
    }
    return render(request, "accounts_registry/account_list.html", context)


@login_required
@require_POST
def account_register(request: HttpRequest) -> HttpResponse:
    form = OfficialAccountForm(request.POST)
    if not form.is_valid():
        form_errors(request, form.errors)
        return redirect("registry:account_list")
    data = form.cleaned_data
    unit = get_unit_for_user(request.user, data["unit"])
    account = attempt(request, lambda: actions.official_account_register(
        actor=signed_in(request), platform=data["platform"], handle=data["handle"], unit=unit, url=data["url"],
        display_name=data["display_name"], verified=data["verified"]))  # fmt: skip
    if account is None:
        return redirect("registry:account_list")
    messages.success(request, _("Account registered."))
    return redirect("registry:account_detail", pk=account.pk)


@login_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_official_account_for_user(request.user, pk)
    context = {
        "account": account,
        "custodians": current_custodians(account),
        "history": account.custodians.select_related("personnel").order_by("-appointed_on", "-id"),
        "may_manage": is_unit_head_of(request.user, account.unit),
        "today": timezone.localdate(),
    }
    return render(request, "accounts_registry/account_detail.html", context)


@login_required
@require_POST
def custodian_appoint(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_official_account_for_user(request.user, pk)
    form = AppointForm(request.POST)
    if form.is_valid():
        officer = _officer(request, form.cleaned_data["personnel_id"])
        if attempt(request, lambda: actions.custodian_appoint(actor=signed_in(request), account=account,
                                                              personnel=officer, on=form.cleaned_data["on"])):  # fmt: skip
            messages.success(request, _("Custodian appointed."))
    else:
        form_errors(request, form.errors)
    return redirect("registry:account_detail", pk=account.pk)


@login_required
@require_POST
def custodian_remove(request: HttpRequest, pk: int) -> HttpResponse:
    custodian = get_object_or_404(Custodian, pk=pk, account__in=official_accounts_visible_to(request.user))
    form = RemoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: actions.custodian_remove(actor=signed_in(request), custodian=custodian,
                                                             on=data["on"], reason=data["reason"])):  # fmt: skip
            messages.success(request, _("Custodian removed."))
    else:
        form_errors(request, form.errors)
    return redirect("registry:account_detail", pk=custodian.account_id)


@login_required
def my_accounts(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    declaration = Declaration.objects.filter(personnel_id=user.personnel_id or 0).first()
    context = {"accounts": own_personal_accounts(user), "declaration": declaration, "form": AccountForm(),
               "is_officer": user.personnel_id is not None}  # fmt: skip
    return render(request, "accounts_registry/my_accounts.html", context)


@login_required
@require_POST
def personal_declare(request: HttpRequest) -> HttpResponse:
    form = AccountForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: actions.personal_account_declare(actor=signed_in(request), platform=data["platform"],
                                                                     handle=data["handle"], url=data["url"])):  # fmt: skip
            messages.success(request, _("Account declared."))
    else:
        form_errors(request, form.errors)
    return redirect("registry:my_accounts")


@login_required
@require_POST
def personal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(own_personal_accounts(request.user), pk=pk)
    reason = request.POST.get("reason", "")[:300]
    if attempt(
        request, lambda: actions.personal_account_withdraw(actor=signed_in(request), account=account, reason=reason)
    ):
        messages.success(request, _("Declaration withdrawn."))
    return redirect("registry:my_accounts")


@login_required
@require_POST
def declaration_confirm(request: HttpRequest) -> HttpResponse:
    holds_none = request.POST.get("holds_none") == "1"
    if attempt(request, lambda: actions.declaration_confirm(actor=signed_in(request), holds_none=holds_none)):
        messages.success(request, _("Declaration confirmed."))
    return redirect("registry:my_accounts")


@login_required
def undeclared(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    today = timezone.localdate()
    page = Paginator(undeclared_personnel(request.user, unit), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for officer in page.object_list:
        deadline = declaration_deadline(officer.received_at)  # type: ignore[attr-defined]
        rows.append((officer, deadline, declaration_is_late(None, deadline, today)))
    context = {"unit": unit, "page": page, "rows": rows, "days": declaration_days()}
    return render(request, "accounts_registry/undeclared.html", context)


@login_required
def discovered_list(request: HttpRequest) -> HttpResponse:
    accounts = discovered_accounts_visible_to(request.user)
    context = {"page": Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page")),
               "may_review": may_review_accounts(request.user)}  # fmt: skip
    return render(request, "accounts_registry/discovered_list.html", context)


@login_required
@require_POST
def discovered_link(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(discovered_accounts_visible_to(request.user), pk=pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        officer = _officer(request, data["personnel_id"])
        if attempt(request, lambda: actions.discovered_account_link(actor=signed_in(request), account=account,
                   personnel=officer, confidence=data["confidence"], reason=data["reason"])):  # fmt: skip
            messages.success(request, _("Account linked."))
    else:
        form_errors(request, form.errors)
    return redirect("registry:discovered_list")


@login_required
def lookup(request: HttpRequest) -> HttpResponse:
    """What the registry says of an account; officers and people outside the account's unit see no names."""
    if not (may_review_accounts(request.user) or units_where(request.user, Role.UNIT_HEAD, Role.MEDIA_TEAM)):
        raise PermissionDenied
    form = LookupForm(request.GET or None)
    found = None
    if form.is_valid():
        found = lookup_account(form.cleaned_data["platform"], form.cleaned_data["handle"])
    officer = found.personnel if found else None
    account = found.official_account if found else None
    context = {
        "form": form, "found": found,
        "show_officer": officer is not None and personnel_visible_to(request.user).filter(pk=officer.pk).exists(),
        "show_account": account is not None and official_accounts_visible_to(request.user).filter(pk=account.pk).exists(),
    }  # fmt: skip
    return render(request, "accounts_registry/lookup.html", context)
