"""Typed input of the case pages (output is the templates and the API serializers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zabta.cases.models import RecheckOutcome
from zabta.policy.models import Clause


def clause_choices() -> list[tuple[str, str]]:
    """Every clause key of every loaded directive version (the case resolves the version in force itself)."""
    keys = Clause.objects.order_by("key").values_list("key", flat=True).distinct()
    return [(key, key) for key in keys]


class CaseOpenForm(forms.Form):
    personnel_id = forms.CharField(label=_("Officer's personnel id"), max_length=30, required=False)
    account_handle = forms.CharField(label=_("Account (when no officer is linked yet)"), max_length=200, required=False)
    unit_code = forms.CharField(label=_("Responsible unit code (for an account)"), max_length=40, required=False)
    clause_keys = forms.MultipleChoiceField(label=_("Clauses"), choices=clause_choices)
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
