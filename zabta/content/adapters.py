"""What intake asks of the account registry, through an adapter that says "unknown" when the registry is absent."""

import importlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps

from zabta.content.models import AccountKind
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
    return AccountInfo(kind=kind if kind in AccountKind.values else AccountKind.UNKNOWN, unit=found.unit,
                       personnel=found.personnel, registry=True, official_account=found.official_account)  # fmt: skip
