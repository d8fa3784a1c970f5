"""Bank pages: the banks with their entries, a file looked up in every bank, a file added to one (managers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zabta.banks import actions
from zabta.banks.forms import EntryAddForm, MatchForm
from zabta.banks.matching import match_fingerprint
from zabta.banks.models import Bank
from zabta.banks.selectors import (
    banks_visible_to,
    banks_with_counts,
    can_manage_banks,
    can_read_banks,
    entries_of,
    get_bank_for_user,
)
from zabta.banks.uploads import fingerprint_upload

PAGE_SIZE = 50


def _readable(request: HttpRequest) -> None:
    if not can_read_banks(request.user):
        raise PermissionDenied


def _bank(request: HttpRequest, name: str) -> Bank:
    try:
        return get_bank_for_user(request.user, name)
    except Bank.DoesNotExist as exc:
        raise Http404 from exc


def _form_errors(request: HttpRequest, form: Form) -> None:
    for field, problems in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(map(str, problems))}" if label else " ".join(map(str, problems)))


def _list_page(request: HttpRequest, match_form: MatchForm, status: int = 200, **extra: object) -> HttpResponse:
    context = {
        "banks": banks_with_counts(request.user),
        "match_form": match_form,
        "manager": can_manage_banks(request.user),
        **extra,
    }
    return render(request, "banks/list.html", context, status=status)


@login_required
def bank_list(request: HttpRequest) -> HttpResponse:
    _readable(request)
    return _list_page(request, MatchForm())


@login_required
@require_POST
def match(request: HttpRequest) -> HttpResponse:
    """Look an uploaded file up in every bank the user may read; the file itself is not kept."""
    _readable(request)
    form = MatchForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
        return _list_page(request, form, 400)
    try:
        fingerprint = fingerprint_upload(form.cleaned_data["file"])
    except actions.BankError as exc:
        messages.error(request, str(exc))
        return _list_page(request, form, 400)
    hits = match_fingerprint(fingerprint, list(banks_visible_to(request.user)))
    return _list_page(
        request, MatchForm(), hits=hits, looked_up=form.cleaned_data["file"].name, fingerprint=fingerprint
    )


@login_required
def bank_detail(request: HttpRequest, name: str) -> HttpResponse:
    _readable(request)
    bank = _bank(request, name)
    page = Paginator(entries_of(bank), PAGE_SIZE).get_page(request.GET.get("page"))
    form = EntryAddForm() if can_manage_banks(request.user) else None
    return render(request, "banks/detail.html", {"bank": bank, "page": page, "form": form})


@login_required
@require_POST
def entry_add(request: HttpRequest, name: str) -> HttpResponse:
    """A monitoring cell or the range administrator adds a file to a bank (audited by the action)."""
    _readable(request)
    bank = _bank(request, name)
    if not can_manage_banks(request.user):
        raise PermissionDenied
    form = EntryAddForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("banks:detail", name=bank.name)
    data = form.cleaned_data
    try:
        entry = actions.bank_entry_add(
            bank=bank, fingerprint=fingerprint_upload(data["file"], enrol=True), actor=request.user,
            label=data["label"] or data["file"].name, account=data["account"].strip(), case_ref=data["case_ref"],
            valid_from=data["valid_from"], valid_until=data["valid_until"],
        )  # fmt: skip
    except actions.BankError as exc:
        messages.error(request, str(exc))
        return redirect("banks:detail", name=bank.name)
    messages.success(request, _("Added to %(bank)s as entry %(id)d.") % {"bank": bank.name, "id": entry.pk})
    return redirect("banks:detail", name=bank.name)
