"""The fixed cast of personas shared by all tests, in a small two-zone unit tree."""

import importlib
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from zabta.access.actions import role_grant, user_create
from zabta.access.models import Role, User
from zabta.org.actions import personnel_create, posting_transfer, unit_create
from zabta.org.models import Personnel, Rank, Unit

PASSWORD = "Zabta-test-pass-2024"
START = date(2024, 1, 1)


@dataclass
class Cast:
    range: Unit
    east: Unit
    korangi: Unit
    korangi_div: Unit
    ps_kia: Unit
    ps_zaman: Unit
    west: Unit
    central: Unit
    ps_gulberg: Unit
    constable: User  # posted at PS Korangi Industrial Area
    sho: User  # SHO of PS Korangi Industrial Area
    ssp: User  # SSP Korangi district
    dig: User  # DIG East zone
    media: User  # media team of Korangi district
    other_zone: User  # SHO of PS Gulberg, West zone
    monitor: User  # monitoring cell, East zone
    inquiry: User  # inquiry officer, East zone
    range_admin: User
    auditor: User  # read-only over the whole range
    applicant: User  # private person, no officer record, no roles
    zaman_constable: Personnel  # an officer at PS Zaman Town (East, not the SHO's station)
    gulberg_constable: Personnel  # an officer in the West zone


def _officer(pid: str, name: str, rank: str, unit: Unit, *, head: bool = False, designation: str = "") -> Personnel:
    officer = personnel_create(actor="test", personnel_id=pid, name=name, rank=Rank.objects.get(code=rank))
    posting_transfer(personnel=officer, unit=unit, effective=START, actor="test", is_head=head, designation=designation)
    return officer


def _login(username: str, officer: Personnel | None, grants: list[tuple[Role, Unit | None]]) -> User:
    user = user_create(username=username, password=PASSWORD, personnel=officer, actor="test")
    for role, unit in grants:
        role_grant(user=user, role=role, unit=unit, actor="test")
    return user


def build_cast() -> Cast:
    def unit(code: str, name: str, kind: str, head: str, parent: Unit | None) -> Unit:
        return unit_create(
            code=code, name=name, kind=kind, head_title=head, parent=parent, valid_from=START, actor="test"
        )

    rng = unit("KHI", "Karachi Range", "range", "Addl. IGP", None)
    east = unit("KHI-E", "East Zone", "zone", "DIG", rng)
    korangi = unit("KHI-E-KOR", "Korangi District", "district", "SSP", east)
    kor_div = unit("KHI-E-KOR-D1", "Korangi Division", "division", "SP", korangi)
    ps_kia = unit("PS-KIA", "Korangi Industrial Area", "station", "SHO", kor_div)
    ps_zaman = unit("PS-ZMN", "Zaman Town", "station", "SHO", kor_div)
    west = unit("KHI-W", "West Zone", "zone", "DIG", rng)
    central = unit("KHI-W-CEN", "Central District", "district", "SSP", west)
    ps_gulberg = unit("PS-GLB", "Gulberg", "station", "SHO", central)

    constable = _officer("P-1001", "Imran Ali", "CONSTABLE", ps_kia)
    sho = _officer("P-1002", "Naveed Ahmed", "INSPECTOR", ps_kia, head=True, designation="SHO")
    ssp = _officer("P-1003", "Asad Raza", "SSP", korangi, head=True, designation="SSP")
    dig = _officer("P-1004", "Tariq Mehmood", "DIG", east, head=True, designation="DIG")
    media = _officer("P-1005", "Sana Baloch", "ASI", korangi, designation="Media team")
    other = _officer("P-1006", "Kamran Shah", "INSPECTOR", ps_gulberg, head=True, designation="SHO")
    zaman_constable = _officer("P-1007", "Bilal Khan", "CONSTABLE", ps_zaman)
    gulberg_constable = _officer("P-1008", "Faisal Memon", "HEAD_CONSTABLE", ps_gulberg)
    return Cast(
        range=rng, east=east, korangi=korangi, korangi_div=kor_div, ps_kia=ps_kia, ps_zaman=ps_zaman, west=west,
        central=central, ps_gulberg=ps_gulberg,
        constable=_login("constable", constable, [(Role.PERSONNEL, None)]),
        sho=_login("sho", sho, [(Role.UNIT_HEAD, ps_kia)]),
        ssp=_login("ssp", ssp, [(Role.UNIT_HEAD, korangi), (Role.COMPETENT_AUTHORITY, korangi)]),
        dig=_login("dig", dig, [(Role.UNIT_HEAD, east), (Role.COMPETENT_AUTHORITY, east)]),
        media=_login("media", media, [(Role.MEDIA_TEAM, korangi)]),
        other_zone=_login("other_zone", other, [(Role.UNIT_HEAD, ps_gulberg)]),
        monitor=_login("monitor", None, [(Role.MONITOR, east)]),
        inquiry=_login("inquiry", None, [(Role.INQUIRY_OFFICER, east)]),
        range_admin=_login("range_admin", None, [(Role.RANGE_ADMIN, rng)]),
        auditor=_login("auditor", None, [(Role.AUDITOR, rng)]),
        applicant=_login("applicant", None, []),
        zaman_constable=zaman_constable,
        gulberg_constable=gulberg_constable,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """PBKDF2 costs ~0.3 s per user; the cast has eleven. Tests that check hashing itself may override this."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


# Data migrations whose rows the suite relies on. A transactional test (live server, several threads) ends
# with a flush that empties every table, so the next one would start without ranks or the seed directive.
SEED_MIGRATIONS = [
    ("zabta.org.migrations.0002_seed_ranks", "load_ranks"),
    ("zabta.policy.migrations.0002_seed_karachi_directive", "load_seed"),
    ("zabta.banks.migrations.0002_default_banks", "fill"),
]


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and bool(marker.kwargs.get("transaction"))
    return marked or bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _seed_rows_after_flush(request: pytest.FixtureRequest) -> None:
    """Put the migrations' seed rows back for a transactional test whose database an earlier one flushed."""
    if not _is_transactional(request):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from zabta.org.models import Rank

    if Rank.objects.exists():
        return
    for module, function in SEED_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
