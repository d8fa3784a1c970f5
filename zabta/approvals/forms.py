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
