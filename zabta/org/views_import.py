"""Web upload of an HR personnel file (CSV or XLSX) for range administrators."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from zabta.access.scopes import can_administer
from zabta.org.import_files import MAX_BYTES, limit
from zabta.org.importing import ImportReport, import_personnel

SHOWN_ISSUES = 500


class PersonnelImportForm(forms.Form):
    file = forms.FileField(label=_("HR file (CSV UTF-8 or XLSX)"))
    effective = forms.DateField(label=_("Transfers take effect on"), required=False,
                                help_text=_("for rows without posting_from; default today"),
                                widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        max_bytes = limit("ZABTA_IMPORT_MAX_BYTES", MAX_BYTES)
        if upload.size > max_bytes:
            raise forms.ValidationError(_("The file is larger than %(n)d MB.") % {"n": max_bytes // (1024 * 1024)})
        return upload


@login_required
def personnel_import(request: HttpRequest) -> HttpResponse:
    if not can_administer(request.user):
        raise PermissionDenied
    form = PersonnelImportForm(request.POST or None, request.FILES or None)
    report: ImportReport | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_personnel(data=upload.read(), filename=upload.name or "", actor=request.user,
                                  effective=form.cleaned_data["effective"], dry_run=form.cleaned_data["dry_run"])  # fmt: skip
    context = {"form": form, "report": report, "issues": report.rejected[:SHOWN_ISSUES] if report else [],
               "shown_issues": SHOWN_ISSUES}  # fmt: skip
    return render(request, "org/personnel_import.html", context, status=400 if report and report.fatal else 200)
