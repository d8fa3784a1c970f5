"""Forms of the bank pages: a file to look up, and a file to add to a bank with what is known about it."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MatchForm(forms.Form):
    file = forms.FileField(label=_("Picture, video or audio file"))


class EntryAddForm(forms.Form):
    file = forms.FileField(label=_("Picture, video or audio file"))
    label = forms.CharField(label=_("Label"), max_length=200, required=False)
    case_ref = forms.CharField(label=_("Case reference"), max_length=100, required=False)
    account = forms.CharField(label=_("Official account (platform:handle)"), max_length=200, required=False)
    valid_from = forms.DateTimeField(label=_("Valid from"), required=False)
    valid_until = forms.DateTimeField(label=_("Valid until"), required=False)
