"""Decision forms of the review queue: the reason is required."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zabta.review.models import FindingStatus

DECISIONS = [(FindingStatus.CONFIRMED, _("Confirm")), (FindingStatus.DISMISSED, _("Dismiss"))]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=DECISIONS, widget=forms.Select(attrs={"class": "form-select"})
    )
    reason = forms.CharField(label=_("Reason"), min_length=3, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))  # fmt: skip


class BulkDecisionForm(DecisionForm):
    findings = forms.TypedMultipleChoiceField(coerce=int, choices=[], label=_("Findings"))

    def __init__(self, *args: object, allowed: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["findings"].choices = [(pk, str(pk)) for pk in allowed]  # type: ignore[attr-defined]
