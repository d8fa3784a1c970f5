"""Who may read the hash banks: range-wide lists, shown to the roles that screen, review or audit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Q, QuerySet

from zabta.access.models import Role
from zabta.access.scopes import has_role
from zabta.banks.models import Bank, BankEntry

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations  # a dev-only package: types only

READERS = (Role.MONITOR, Role.MEDIA_TEAM, Role.RANGE_ADMIN, Role.AUDITOR, Role.INQUIRY_OFFICER,
           Role.COMPETENT_AUTHORITY)  # fmt: skip
MANAGERS = (Role.MONITOR, Role.RANGE_ADMIN)


def banks_visible_to(user: Any) -> QuerySet[Bank]:
    """Every bank for a reader role, none otherwise; `None` is the system (commands, workers)."""
    if can_read_banks(user):
        return Bank.objects.all()
    return Bank.objects.none()


class _Counted(TypedDict):
    active_entries: int


def banks_with_counts(user: Any) -> QuerySet[WithAnnotations[Bank, _Counted]]:
    """The banks the user may read, each with `active_entries` counted in the same query."""
    return banks_visible_to(user).annotate(active_entries=Count("entries", filter=Q(entries__active=True)))


def can_read_banks(user: Any) -> bool:
    return user is None or has_role(user, *READERS)


def can_manage_banks(user: Any) -> bool:
    return user is None or has_role(user, *MANAGERS)


def get_bank_for_user(user: Any, name: str) -> Bank:
    """The named bank if the user may read it; Bank.DoesNotExist otherwise."""
    return banks_visible_to(user).get(name=name)


def entries_of(bank: Bank) -> QuerySet[BankEntry]:
    return BankEntry.objects.filter(bank=bank, active=True).order_by("pk")
