"""One object of each kind in each zone, and who may read it, written out by hand from the cast."""

from dataclasses import dataclass

from django.test import Client

from tests.accounts_registry.factories import korangi_tiktok
from tests.conftest import Cast
from zabta.accounts_registry.actions import (
    discovered_account_link,
    discovered_account_record,
    official_account_register,
    personal_account_declare,
)
from zabta.accounts_registry.models import DiscoveredAccount, OfficialAccount, PersonalAccount

PERSONAS = ["constable", "sho", "ssp", "dig", "media", "other_zone", "monitor", "inquiry", "range_admin", "auditor",
            "applicant", "anonymous"]  # fmt: skip
KORANGI_READERS = {"ssp", "dig", "media", "monitor", "inquiry", "range_admin", "auditor"}
GULBERG_READERS = {"other_zone", "range_admin", "auditor"}
KIA_READERS = KORANGI_READERS | {"sho"}


@dataclass
class RegistryData:
    korangi: OfficialAccount
    gulberg: OfficialAccount
    personal: PersonalAccount  # the constable's own
    discovered_east: DiscoveredAccount  # linked to an officer at PS Zaman Town
    discovered_west: DiscoveredAccount  # linked to an officer in Gulberg


def registry_data(cast: Cast) -> RegistryData:
    gulberg = official_account_register(actor=cast.other_zone, platform="x", handle="gulberg_police",
                                        unit=cast.ps_gulberg)  # fmt: skip
    east = discovered_account_record(actor="monitoring", platform="tiktok", handle="bilal.cop")
    discovered_account_link(actor=cast.monitor, account=east, personnel=cast.zaman_constable, confidence=80, reason="r")
    west = discovered_account_record(actor="monitoring", platform="tiktok", handle="faisal.cop")
    discovered_account_link(actor=cast.range_admin, account=west, personnel=cast.gulberg_constable, confidence=80,
                            reason="r")  # fmt: skip
    personal = personal_account_declare(actor=cast.constable, platform="instagram", handle="imran.ali")
    return RegistryData(korangi_tiktok(cast), gulberg, personal, east, west)


def client_for(cast: Cast, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(cast, persona))
    return client


def refused(status: int, persona: str, location: str = "") -> bool:
    """Anonymous: login redirect or 401/403; signed in outsiders: 403 or 404."""
    if persona == "anonymous":
        return status in (401, 403) or (status == 302 and "/login/" in location)
    return status in (403, 404)
