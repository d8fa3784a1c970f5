"""Telling people about a case: an in-app notice tied to the case (shown on "My notices"), and the same text in
English and Urdu through the notification service (in-app inbox, e-mail and SMS where configured)."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from zabta.cases.models import Case, InAppNotice
from zabta.notifications.actions import send_text
from zabta.org.models import Personnel


@dataclass(frozen=True)
class Message:
    subject_en: str
    subject_ur: str
    body_en: str
    body_ur: str


def bilingual(subject: str, body: str, **values: Any) -> Message:
    """Render a message (msgids in English, from the app's catalogue) in English and in Urdu."""
    texts: dict[str, tuple[str, str]] = {}
    for lang in ("en", "ur"):
        with translation.override(lang):
            texts[lang] = (gettext(subject) % values, gettext(body) % values)
    return Message(texts["en"][0], texts["ur"][0], texts["en"][1], texts["ur"][1])


CHANNELS = ("in_app", "email", "sms")


def notify_in_app(
    *, case: Case, officer: Personnel | None, kind: str, message: Message, actor: Any = "system"
) -> InAppNotice | None:
    """Store an in-app notice for the officer (and his login user, when he has one) and send the text through the
    notification service. Call inside the action's transaction. Nobody to tell (an unlinked account) returns None."""
    if officer is None:
        return None
    user = getattr(officer, "user", None)
    send_text(recipient=officer, kind=f"cases.{kind}", subjects={"en": message.subject_en, "ur": message.subject_ur},
              bodies={"en": message.body_en, "ur": message.body_ur}, channels=CHANNELS,
              link=reverse("cases:case_detail", args=[case.pk]), actor=actor)  # fmt: skip
    return InAppNotice.objects.create(
        officer=officer, user=user, case=case, kind=kind, subject_en=message.subject_en,
        subject_ur=message.subject_ur, body_en=message.body_en, body_ur=message.body_ur,
    )  # fmt: skip
