"""The registry lookup screening uses: is this account official, a declared personal one, discovered, or unknown?"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.utils import timezone

from zabta.accounts_registry.models import DiscoveredAccount, OfficialAccount, PersonalAccount, Platform
from zabta.accounts_registry.normalise import normalise_handle, platform_of_url
from zabta.org.models import Personnel, Unit


class AccountKind(StrEnum):
    OFFICIAL = "official"
    PERSONAL = "personal"
    DISCOVERED = "discovered"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class AccountLookup:
    """What the registry knows of one account. `custodians` may post to an official account on the date asked."""

    kind: AccountKind
    platform: str
    handle_key: str
    unit: Unit | None = None
    custodians: tuple[Personnel, ...] = field(default_factory=tuple)
    personnel: Personnel | None = None
    official_account: OfficialAccount | None = None
    confidence: int | None = None

    def may_post(self, personnel: Personnel | None) -> bool:
        """Whether this officer was a custodian of this official account on the date asked (clause 4)."""
        return personnel is not None and any(c.pk == personnel.pk for c in self.custodians)


PLATFORM_ALIASES = {"twitter": "x", "fb": "facebook", "ig": "instagram", "yt": "youtube", "wa": "whatsapp"}


def resolve_platform(platform: str, handle_or_url: str) -> str:
    """A registry platform code from what a caller has: a code, a common alias, or '' to read it off the URL."""
    name = (platform or "").strip().lower()
    name = PLATFORM_ALIASES.get(name, name)
    if not name:
        name = platform_of_url(handle_or_url[:500]) or ""
    return name if name in Platform.values else ""


def lookup_account(platform: str, handle_or_url: str, *, on: date | None = None) -> AccountLookup:
    """What the registry knows of an account: official (with unit and custodians on `on`, default today), declared
    personal (with the officer), discovered (with the linked officer, if any, and confidence), or unknown.
    Never raises on bad input: unusable handles and unknown platforms are UNKNOWN with an empty handle_key."""
    platform = resolve_platform(platform, handle_or_url)
    key = normalise_handle(platform, handle_or_url) if platform else ""
    if not key:
        return AccountLookup(kind=AccountKind.UNKNOWN, platform=platform, handle_key="")
    day = on or timezone.localdate()
    return (
        _official(platform, key, day)
        or _personal(platform, key)
        or _discovered(platform, key)
        or AccountLookup(kind=AccountKind.UNKNOWN, platform=platform, handle_key=key)
    )


def _official(platform: str, key: str, day: date) -> AccountLookup | None:
    account = OfficialAccount.objects.select_related("unit").filter(platform=platform, handle_key=key).first()
    if account is None:
        return None
    custodians = tuple(c.personnel for c in account.custodians.current(day).select_related("personnel"))
    return AccountLookup(kind=AccountKind.OFFICIAL, platform=platform, handle_key=key, unit=account.unit,
                         custodians=custodians, official_account=account)  # fmt: skip


def _personal(platform: str, key: str) -> AccountLookup | None:
    found = PersonalAccount.objects.select_related("personnel").filter(
        platform=platform, handle_key=key, withdrawn_at__isnull=True
    )
    account = found.first()
    if account is None:
        return None
    return AccountLookup(kind=AccountKind.PERSONAL, platform=platform, handle_key=key, personnel=account.personnel)


def _discovered(platform: str, key: str) -> AccountLookup | None:
    account = DiscoveredAccount.objects.select_related("personnel").filter(platform=platform, handle_key=key).first()
    if account is None:
        return None
    return AccountLookup(kind=AccountKind.DISCOVERED, platform=platform, handle_key=key, personnel=account.personnel,
                         confidence=account.confidence)  # fmt: skip


def known_accounts(keys: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (platform, handle_key) pairs the registry holds at all (official, personal or discovered), in one query
    per table: a batch asks lookup_account only about these; every other account is UNKNOWN."""
    handles = {key for _platform, key in keys}
    found: set[tuple[str, str]] = set()
    for model in (OfficialAccount, PersonalAccount, DiscoveredAccount):
        rows = model._default_manager.filter(handle_key__in=handles).values_list("platform", "handle_key")
        found |= {(str(p), str(k)) for p, k in rows}
    return found & set(keys)
