"""What intake asks of the account registry, through an adapter that says "unknown" when the registry is absent."""

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.utils import timezone

from zabta.content.models import ACCOUNT_KINDS, AccountKind
from zabta.org.models import Personnel, Unit


@dataclass(frozen=True)
class AccountInfo:
    kind: str
    unit: Unit | None = None
    personnel: Personnel | None = None
    registry: bool = False  # whether a registry answered at all
    official_account: Any = None


def lookup_account(platform: str, handle_or_url: str, *, on: date | None = None) -> AccountInfo:
    if not apps.is_installed("zabta.accounts_registry"):
        return AccountInfo(kind=AccountKind.UNKNOWN)
    try:
        lookup = importlib.import_module("zabta.accounts_registry.lookup")
    except ImportError:
        return AccountInfo(kind=AccountKind.UNKNOWN)
    if not handle_or_url:
        return AccountInfo(kind=AccountKind.UNKNOWN, registry=True)
    found = lookup.lookup_account(platform, handle_or_url, on=on)
    kind = str(found.kind)
    return AccountInfo(kind=kind if kind in ACCOUNT_KINDS else AccountKind.UNKNOWN, unit=found.unit,
                       personnel=found.personnel, registry=True, official_account=found.official_account)  # fmt: skip


def _registry_key(platform: str, handle_or_url: str) -> tuple[str, str] | None:
    """The registry's own key for an account (platform, folded handle), or None without a registry or a handle."""
    if not handle_or_url or not apps.is_installed("zabta.accounts_registry"):
        return None
    try:
        lookup = importlib.import_module("zabta.accounts_registry.lookup")
        normalise = importlib.import_module("zabta.accounts_registry.normalise")
    except ImportError:
        return None
    name = lookup.resolve_platform(platform, handle_or_url)
    key = normalise.normalise_handle(name, handle_or_url) if name else ""
    return (name, key) if key else None


class AccountMemo:
    """Registry answers remembered for one batch of items: bulk files hold many posts of the same few accounts.

    Only an official account's answer may depend on the day asked (who its custodians were then), so it is
    remembered per day; personal, discovered and unknown answers are remembered per account."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str, date | None], AccountInfo] = {}
        self._keys: dict[tuple[str, str], tuple[str, str] | None] = {}

    def _key(self, platform: str, handle_or_url: str) -> tuple[str, str] | None:
        """The registry key, worked out once per account for the batch (prime and lookup both ask)."""
        asked = (platform, handle_or_url)
        if asked not in self._keys:
            self._keys[asked] = _registry_key(platform, handle_or_url)
        return self._keys[asked]

    def prime(self, accounts: Iterable[tuple[str, str]]) -> None:
        """Ask the registry once which of these (platform, handle or URL) it holds at all; the others are
        remembered as unknown without a lookup each."""
        keys = {key for platform, handle in accounts if (key := self._key(platform, handle)) is not None}
        if not keys:
            return
        lookup = importlib.import_module("zabta.accounts_registry.lookup")
        for platform, key in keys - lookup.known_accounts(keys):
            self._known[(platform, key, None)] = AccountInfo(kind=AccountKind.UNKNOWN, registry=True)

    def lookup(self, platform: str, handle_or_url: str, *, on: date | None = None) -> AccountInfo:
        key = self._key(platform, handle_or_url)
        if key is None:
            return lookup_account(platform, handle_or_url, on=on)
        found = self._known.get((*key, None)) or self._known.get((*key, on or timezone.localdate()))
        if found is None:
            found = lookup_account(platform, handle_or_url, on=on)
            day = (on or timezone.localdate()) if found.official_account is not None else None
            self._known[(*key, day)] = found
        return found
