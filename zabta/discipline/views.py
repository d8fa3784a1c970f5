"""Proceeding pages: the stages with the action the user may take next, and the PDF documents."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zabta.access.models import Role, User
from zabta.access.scopes import has_role, role_unit_ids
from zabta.cases.errors import CaseInputError, InvalidTransition
from zabta.discipline import actions
from zabta.discipline.models import Proceeding
from zabta.discipline.schedule import EXONERATED, penalties
from zabta.discipline.selectors import get_document_for_user, get_proceeding_for_user

TEXT_MAX = 20000


def is_manager(user: Any, p: Proceeding) -> bool:
    """A head, competent authority or range administrator over the proceeding's unit (not merely one who sees it)."""
    ids = role_unit_ids(user, Role.UNIT_HEAD, Role.COMPETENT_AUTHORITY, Role.RANGE_ADMIN)
    return ids is None or p.unit_id in ids


def is_accused(user: Any, p: Proceeding) -> bool:
    return getattr(user, "personnel_id", None) == p.officer_id


def _text(request: Any, name: str) -> str:
    """A text field from a form post or (through the API) a JSON body."""
    source = getattr(request, "data", None) or request.POST
    return str(source.get(name, "") or "")[:TEXT_MAX]


def _inquiry_officer(request: Any) -> User:
    found = User.objects.filter(username=_text(request, "inquiry_officer").strip(), is_active=True).first()
    if found is None or not has_role(found, Role.INQUIRY_OFFICER):
        raise CaseInputError(_("no active inquiry officer with that user name"))
    return found


Handler = Callable[[Any, Proceeding], Any]
MANAGER_ACTIONS: dict[str, Handler] = {
    "suspend": lambda r, p: actions.suspension_order(proceeding=p, actor=r.user, reason=_text(r, "reason")),
    "reinstate": lambda r, p: actions.suspension_lift(proceeding=p, actor=r.user, reason=_text(r, "reason")),
    "charge": lambda r, p: actions.charge_issue(proceeding=p, kind=_text(r, "kind"), actor=r.user,
                                                allegations=_text(r, "allegations"), reply_days=_days(r)),
    "appoint-inquiry": lambda r, p: actions.inquiry_appoint(proceeding=p, inquiry_officer=_inquiry_officer(r),
                                                            actor=r.user),
    "hearing": lambda r, p: actions.hearing_record(proceeding=p, notes=_text(r, "notes"), actor=r.user),
    "order": lambda r, p: actions.order_pass(proceeding=p, penalty_code=_text(r, "penalty"), actor=r.user,
                                             reasons=_text(r, "reasons"), departure_reason=_text(r, "departure")),
    "decide-appeal": lambda r, p: actions.appeal_decide(proceeding=p, decision=_text(r, "decision"), actor=r.user,
                                                        reasons=_text(r, "reasons"), penalty_code=_text(r, "penalty")),
    "finalise": lambda r, p: actions.proceeding_finalise(proceeding=p, actor=r.user),
}  # fmt: skip
ACCUSED_ACTIONS: dict[str, Handler] = {
    "reply": lambda r, p: actions.reply_record(proceeding=p, text=_text(r, "text"), actor=r.user),
    "appeal": lambda r, p: actions.appeal_file(proceeding=p, text=_text(r, "text"), actor=r.user),
}
INQUIRY_ACTIONS: dict[str, Handler] = {
    "report": lambda r, p: actions.inquiry_report_record(proceeding=p, report=_text(r, "report"), actor=r.user),
}


def _days(request: Any) -> int:
    try:
        return int(_text(request, "reply_days") or "7")
    except ValueError as error:
        raise CaseInputError(_("the reply period must be a whole number of days")) from error


@login_required
def proceeding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_proceeding_for_user(request.user, pk)
    context = {
        "p": p, "documents": p.documents.all(), "manager": is_manager(request.user, p),
        "accused": is_accused(request.user, p), "inquirer": p.inquiry_officer_id == request.user.pk,
        "penalties": penalties().values(), "exonerated": EXONERATED,
        "recommended": penalties().get(p.recommended_penalty),
    }  # fmt: skip
    return render(request, "discipline/proceeding_detail.html", context)


@login_required
@require_POST
def proceeding_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    p = get_proceeding_for_user(request.user, pk)
    handler = (
        (MANAGER_ACTIONS.get(action) if is_manager(request.user, p) else None)
        or (ACCUSED_ACTIONS.get(action) if is_accused(request.user, p) else None)
        or (INQUIRY_ACTIONS.get(action) if p.inquiry_officer_id == request.user.pk else None)
    )
    if handler is None:
        raise PermissionDenied
    try:
        handler(request, p)
    except (InvalidTransition, CaseInputError, ValueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done."))
    return redirect("discipline:proceeding_detail", pk=p.pk)


@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_document_for_user(request.user, pk)
    return FileResponse(document.pdf.open("rb"), content_type="application/pdf", as_attachment=False,
                        filename=document.reference.replace("/", "_") + ".pdf")  # fmt: skip
