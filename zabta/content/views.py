"""Intake pages for the monitoring cell and item pages; every read goes through the content selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zabta.content.actions import IntakeError, ItemInput, MediaInput, item_ingest, item_viewed
from zabta.content.bulk import BulkFileError, RowOutcome, ingest_rows, read_text_stream
from zabta.content.capture import capture_url
from zabta.content.fetch import FetchRefused
from zabta.content.forms import BulkIntakeForm, ItemIntakeForm
from zabta.content.models import Channel
from zabta.content.selectors import can_take_in, get_item_for_user, items_visible_to
from zabta.evidence.actions import Provenance, evidence_open

SHOWN_ROWS = 500


def _input(form: ItemIntakeForm) -> ItemInput:
    data = form.cleaned_data
    media = tuple(MediaInput(f.read(), f.name or "", f.content_type or "", Provenance(tool="web upload"), "screenshot")
                  for f in data["uploads"])  # fmt: skip
    return ItemInput(url=data["url"].strip(), platform=data["platform"], account_handle=data["account"],
                     author_personnel_id=data["author"], author_link_reason=data["author_reason"], kind=data["kind"],
                     text=data["text"], media=media)  # fmt: skip


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    if not can_take_in(request.user):
        raise PermissionDenied
    form = ItemIntakeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = _input(form)
        try:
            if data.url and form.cleaned_data["capture"]:
                result = capture_url(url=data.url, actor=request.user, base=data)
            else:
                result = item_ingest(data=data, actor=request.user, channel=Channel.WEB_FORM)
        except (IntakeError, FetchRefused) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Item %(id)s taken in; screening is queued.") % {"id": result.item.pk})
            return redirect("content:item_detail", pk=result.item.pk)
    return render(request, "content/intake.html", {"form": form, "bulk_form": BulkIntakeForm()},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_POST
def bulk_intake(request: HttpRequest) -> HttpResponse:
    if not can_take_in(request.user):
        raise PermissionDenied
    form = BulkIntakeForm(request.POST, request.FILES)
    rows: list[RowOutcome] = []
    error = ""
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = list(ingest_rows(read_text_stream(upload.read(), upload.name or "upload"), actor=request.user))
        except BulkFileError as exc:
            error = str(exc)
    context = {"form": ItemIntakeForm(), "bulk_form": form, "rows": rows[:SHOWN_ROWS], "error": error,
               "created": sum(r.created for r in rows), "failed": sum(bool(r.error) for r in rows), "total": len(rows)}  # fmt: skip
    return render(request, "content/intake.html", context, status=400 if error or form.errors else 200)


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    items = items_visible_to(request.user).select_related("author", "unit").order_by("-created_at", "-id")
    return render(request, "content/item_list.html", {"page": Paginator(items, 50).get_page(request.GET.get("page"))})


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    item_viewed(item=item, actor=request.user)
    context = {"item": item, "media": item.media.select_related("evidence"), "findings": item.findings.all(),
               "runs": item.screening_runs.all()[:10], "can_review": can_take_in(request.user)}  # fmt: skip
    return render(request, "content/item_detail.html", context)


INLINE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif", "video/mp4", "video/webm", "audio/mpeg")


@login_required
def media_file(request: HttpRequest, pk: int, sha256: str) -> HttpResponse:
    """One evidence file of an item, the access logged in the custody log; never rendered as a page."""
    item = get_item_for_user(request.user, pk)
    link = item.media.select_related("evidence").filter(evidence__sha256=sha256, evidence__purged_at__isnull=True)
    media = link.first()
    if media is None:
        raise Http404("No such file")
    data = evidence_open(evidence=media.evidence, actor=request.user, item=item, why="viewed in review")
    kind = media.evidence.content_type if media.evidence.content_type in INLINE_TYPES else "application/octet-stream"
    response = HttpResponse(data, content_type=kind)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    if kind == "application/octet-stream":
        response["Content-Disposition"] = f'attachment; filename="{media.evidence.sha256}"'
    return response
