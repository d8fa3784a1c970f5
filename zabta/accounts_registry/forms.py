"""Typed input of the registry pages (parsing only; the rules live in the actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zabta.accounts_registry.models import Platform

SELECT = {"class": "form-select"}


class AccountForm(forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices, widget=forms.Select(attrs=SELECT))
    handle = forms.CharField(label=_("Handle or link"), max_length=300)
    url = forms.CharField(label=_("Link (optional)"), max_length=300, required=False)


class OfficialAccountForm(AccountForm):
    unit = forms.IntegerField(label=_("Unit"), widget=forms.Select)
    display_name = forms.CharField(label=_("Display name"), max_length=150, required=False)
    verified = forms.BooleanField(label=_("Verified by the platform"), required=False)


class AppointForm(forms.Form):
    personnel_id = forms.CharField(label=_("Personnel id"), max_length=40)
    on = forms.DateField(label=_("Appointed on"))


class RemoveForm(forms.Form):
    on = forms.DateField(label=_("Removed on"))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class LinkForm(forms.Form):
    personnel_id = forms.CharField(label=_("Personnel id"), max_length=40)
    confidence = forms.IntegerField(label=_("Confidence (%)"), min_value=0, max_value=100)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class LookupForm(forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=[("", _("From the link")), *Platform.choices],
                                 required=False, widget=forms.Select(attrs=SELECT))  # fmt: skip
    handle = forms.CharField(label=_("Handle or link"), max_length=500)
