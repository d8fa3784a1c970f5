"""Who a notification goes to: an officer, a login user, or an outside person known only by address."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zabta.org.models import Personnel


@dataclass(frozen=True)
class Recipient:
    """Addresses and language of one person; `personnel_id`/`user_id` link in-app notices to an account."""

    name: str = ""
    email: str = ""
    phone: str = ""
    language: str = "ur"
    personnel_id: int | None = None
    user_id: int | None = None


def recipient_of(target: Any) -> Recipient:
    """Accept a Personnel, a User (with or without an officer record) or a ready Recipient."""
    if isinstance(target, Recipient):
        return target
    if isinstance(target, Personnel):
        return recipients_for_personnel([target.pk])[target.pk]
    officer = getattr(target, "personnel", None)
    if officer is not None:
        return Recipient(name=officer.name, email=officer.email or target.email, phone=officer.phone,
                         language=officer.preferred_language, personnel_id=officer.pk, user_id=target.pk)  # fmt: skip
    return Recipient(name=target.get_full_name() or target.get_username(), email=target.email, language="en",
                     user_id=target.pk)  # fmt: skip


def recipients_for_personnel(ids: Iterable[int]) -> dict[int, Recipient]:
    """Recipients of many officers in one query (circulation notifies whole zones)."""
    rows = Personnel.objects.filter(id__in=list(ids)).values_list(
        "id", "name", "email", "phone", "preferred_language", "user__id", "user__email"
    )
    return {
        pk: Recipient(
            name=name,
            email=email or user_email or "",
            phone=phone,
            language=language or "ur",
            personnel_id=pk,
            user_id=user_id,
        )
        for pk, name, email, phone, language, user_id, user_email in rows
    }
