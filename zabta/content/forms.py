"""Web intake forms: one item (URL and/or uploaded files and text) and a bulk file of posts."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zabta.content.models import ItemKind, Platform

MAX_UPLOAD = 200 * 1024 * 1024
MAX_BULK = 50 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        if any(f.size > MAX_UPLOAD for f in cleaned):
            raise forms.ValidationError(_("A file is larger than %(n)d MB.") % {"n": MAX_UPLOAD >> 20})
        return cleaned


class ItemIntakeForm(forms.Form):
    url = forms.CharField(label=_("Link to the post"), max_length=2000, required=False)
    capture = forms.BooleanField(label=_("Capture the page and its media now"), required=False, initial=True)
    platform = forms.ChoiceField(label=_("Platform"), choices=[("", _("from the link")), *Platform.choices],
                                 required=False)  # fmt: skip
    account = forms.CharField(label=_("Account (handle)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices, initial=ItemKind.POST)
    text = forms.CharField(label=_("Text of the post"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                           max_length=20_000)  # fmt: skip
    uploads = MultipleFileField(label=_("Screenshots, videos, images"), required=False)
    author = forms.CharField(label=_("Officer (personnel id)"), max_length=30, required=False)
    author_reason = forms.CharField(label=_("Why this officer"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("url") or data.get("text") or data.get("uploads")):
            raise forms.ValidationError(_("Give a link, the text or at least one file."))
        if data.get("author") and not data.get("author_reason"):
            self.add_error("author_reason", _("Say why this officer is behind the post."))
        return data


class BulkIntakeForm(forms.Form):
    file = forms.FileField(label=_("List of links and posts (CSV, JSON or JSONL)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BULK:
            raise forms.ValidationError(_("The file is larger than %(n)d MB.") % {"n": MAX_BULK >> 20})
        return upload
