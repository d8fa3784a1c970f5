"""Typed input of the permit pages (parsing and size limits only; the rules live in the actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zabta.accounts_registry.models import Platform
from zabta.permits.models import AssetKind


class ApplyForm(forms.Form):
    applicant_name = forms.CharField(label=_("Your full name"), max_length=120)
    cnic = forms.CharField(label=_("CNIC"), max_length=20, help_text=_("12345-1234567-1"))
    phone = forms.CharField(label=_("Mobile number"), max_length=40)
    purpose = forms.CharField(label=_("What you will film and why"), max_length=1000, widget=forms.Textarea)
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    unit = forms.IntegerField(label=_("Police premises"))
    asset = forms.IntegerField(label=_("Vehicle or building"), required=False)
    starts_on = forms.DateField(label=_("From"))
    ends_on = forms.DateField(label=_("To"))
    crew_size = forms.IntegerField(label=_("Crew size"), min_value=1, max_value=50)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    text = forms.CharField(label=_("Conditions or reason"), max_length=2000, required=False, widget=forms.Textarea)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class AssetForm(forms.Form):
    unit = forms.IntegerField(label=_("Unit"))
    kind = forms.ChoiceField(label=_("Kind"), choices=AssetKind.choices)
    name = forms.CharField(label=_("Name"), max_length=120)
    registration_no = forms.CharField(label=_("Registration number"), max_length=30, required=False)


class AssetEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    registration_no = forms.CharField(label=_("Registration number"), max_length=30, required=False)
    active = forms.BooleanField(label=_("In service"), required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500)
