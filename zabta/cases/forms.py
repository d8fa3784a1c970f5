"""Typed input of the case pages (output is the templates and the API serializers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zabta.cases.models import RecheckOutcome

CLAUSE_CHOICES = [(f"KHI-2024-SM-{n}", f"KHI-2024-SM-{n}") for n in range(1, 10)]


class CaseOpenForm(forms.Form):
    personnel_id = forms.CharField(label=_("Officer's personnel id"), max_length=30, required=False)
    account_handle = forms.CharField(label=_("Account (when no officer is linked yet)"), max_length=200, required=False)
    unit_code = forms.CharField(label=_("Responsible unit code (for an account)"), max_length=40, required=False)
    clause_keys = forms.MultipleChoiceField(label=_("Clauses"), choices=CLAUSE_CHOICES)
    platform = forms.CharField(label=_("Platform"), max_length=40, required=False)
    content_url = forms.URLField(label=_("Content URL"), max_length=2000, required=False, assume_scheme="https")
    content_text = forms.CharField(label=_("Content text"), widget=forms.Textarea, required=False, max_length=20000)
    posted_at = forms.DateTimeField(label=_("Posted at (Pakistan time)"))
    captured_at = forms.DateTimeField(label=_("Captured at (Pakistan time)"))
    followers = forms.IntegerField(label=_("Followers"), min_value=0, required=False)
    views = forms.IntegerField(label=_("Views"), min_value=0, required=False)
    report_text = forms.CharField(label=_("Report"), widget=forms.Textarea, required=False, max_length=20000)


class RecheckForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=RecheckOutcome.choices)
    screenshot = forms.FileField(label=_("Screenshot"))
    detail = forms.CharField(label=_("Note"), max_length=500, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000)
