"""Telling people about a case. Until the notification service (zabta.notifications) carries messages, they are
kept as in-app notices; `notify_in_app` is the one place to switch over."""

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from zabta.cases.models import Case, InAppNotice
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


def notify_in_app(*, case: Case, officer: Personnel | None, kind: str, message: Message) -> InAppNotice | None:
    """Store an in-app notice for the officer (and his login user, when he has one). Call inside the action's
    transaction. Nobody to tell (an account not linked to an officer) returns None."""
    if officer is None:
        return None
    user = getattr(officer, "user", None)
    return InAppNotice.objects.create(
        officer=officer, user=user, case=case, kind=kind, subject_en=message.subject_en,
        subject_ur=message.subject_ur, body_en=message.body_en, body_ur=message.body_ur,
    )  # fmt: skip
