"""Typed input of the approval pages (parsing only; the rules live in the actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zabta.approvals.models import Decision


class RequestForm(forms.Form):
    account = forms.IntegerField(label=_("Official account"))
    caption = forms.CharField(label=_("Caption"), max_length=2200, required=False, widget=forms.Textarea)
    purpose = forms.CharField(label=_("Purpose"), max_length=1000, widget=forms.Textarea)
    planned_for = forms.DateTimeField(label=_("Planned publication"))


class ResubmitForm(forms.Form):
    caption = forms.CharField(label=_("Caption"), max_length=2200, required=False, widget=forms.Textarea)
    purpose = forms.CharField(label=_("Purpose"), max_length=1000, widget=forms.Textarea)
    planned_for = forms.DateTimeField(label=_("Planned publication"))


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)


class RoutingForm(forms.Form):
    unit = forms.IntegerField(label=_("Unit"))
    steps = forms.CharField(
        label=_("Steps, one per line: unit code and hours to decide"), max_length=500, widget=forms.Textarea
    )
    validity_days = forms.IntegerField(label=_("Approval valid for (days)"), min_value=1, max_value=365)

    def clean_steps(self) -> list[tuple[str, int]]:
        parsed = []
        for line in str(self.cleaned_data["steps"]).splitlines():
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 2 or not parts[1].isdigit():
                raise forms.ValidationError(_("write each step as: UNIT-CODE HOURS"))
            parsed.append((parts[0][:40], int(parts[1][:4])))
        return parsed
