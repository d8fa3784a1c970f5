"""Input forms of the circulation pages (typed input; the actions decide)."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zabta.circulation.actions import MAX_DAYS
from zabta.org.models import Unit
from zabta.policy.models import DirectiveVersion


class CirculateForm(forms.Form):
    version = forms.ModelChoiceField(queryset=DirectiveVersion.objects.none(), label=_("Directive version"))
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Circulate to (with every unit below it)"))
    note = forms.CharField(
        label=_("Covering note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    remind_after_days = forms.IntegerField(label=_("Remind after (days)"), min_value=1, max_value=MAX_DAYS, initial=3)
    escalate_after_days = forms.IntegerField(label=_("Tell the unit head after (days)"), min_value=1, max_value=MAX_DAYS,
                                             initial=7)  # fmt: skip

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version_field = cast(forms.ModelChoiceField[DirectiveVersion], self.fields["version"])
        unit_field = cast(forms.ModelChoiceField[Unit], self.fields["unit"])
        version_field.queryset = DirectiveVersion.objects.in_force(timezone.now()).select_related("directive")
        unit_field.queryset = units.order_by("code")


class PaperAcknowledgementForm(forms.Form):
    register_ref = forms.CharField(label=_("Register and entry signed"), max_length=200, strip=True)
