"""The lookup screening and intake use: official (unit, custodians on a date), declared personal, discovered, unknown."""

from datetime import date

import pytest

from tests.accounts_registry.factories import APPOINTED, korangi_tiktok
from tests.conftest import Cast
from zabta.accounts_registry.actions import (
    custodian_remove,
    discovered_account_link,
    discovered_account_record,
    personal_account_declare,
    personal_account_withdraw,
)
from zabta.accounts_registry.lookup import AccountKind, lookup_account

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("platform", "written"),
    [
        ("tiktok", "@KorangiPolice"),
        ("tiktok", "korangipolice"),
        ("tiktok", "https://www.tiktok.com/@KorangiPolice?lang=en"),
        ("tiktok", "https://vm.tiktok.com/@korangipolice/"),
        ("tiktok", "@Когаngipolice"),  # Cyrillic K, o and r: looks the same, must still match
        ("tiktok", "@korangi\u200bpolice"),  # zero-width space
        ("", "https://m.tiktok.com/@KorangiPolice"),  # platform read off the URL
    ],
)
def test_official_account_is_found_however_written(cast: Cast, platform: str, written: str) -> None:
    account = korangi_tiktok(cast)
    found = lookup_account(platform, written)
    assert found.kind == AccountKind.OFFICIAL
    assert found.official_account == account
    assert found.unit == cast.korangi
    assert found.handle_key == "korangipolice"


def test_custodians_are_those_serving_on_the_day_asked(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    media = cast.media.personnel
    custodian = account.custodians.get()
    custodian_remove(actor=cast.ssp, custodian=custodian, on=date(2024, 6, 1), reason="transferred")

    assert not lookup_account("tiktok", "korangipolice", on=APPOINTED.replace(day=1, month=2)).may_post(media)
    assert lookup_account("tiktok", "korangipolice", on=date(2024, 5, 31)).may_post(media)
    assert not lookup_account("tiktok", "korangipolice", on=date(2024, 6, 1)).may_post(media)
    assert not lookup_account("tiktok", "korangipolice", on=date(2024, 5, 31)).may_post(cast.zaman_constable)


def test_same_handle_on_another_platform_is_not_the_official_account(cast: Cast) -> None:
    korangi_tiktok(cast)
    assert lookup_account("instagram", "korangipolice").kind == AccountKind.UNKNOWN


def test_declared_personal_account_names_its_officer(cast: Cast) -> None:
    personal_account_declare(actor=cast.constable, platform="facebook", handle="https://facebook.com/imran.ali.99")
    found = lookup_account("fb", "imran.ali.99")
    assert found.kind == AccountKind.PERSONAL
    assert found.personnel == cast.constable.personnel
    assert not found.may_post(cast.constable.personnel)


def test_withdrawn_personal_account_is_unknown_again(cast: Cast) -> None:
    account = personal_account_declare(actor=cast.constable, platform="x", handle="@imran_ali")
    personal_account_withdraw(actor=cast.constable, account=account, reason="account deleted")
    assert lookup_account("twitter", "https://twitter.com/imran_ali").kind == AccountKind.UNKNOWN


def test_discovered_account_carries_the_reviewers_link_and_confidence(cast: Cast) -> None:
    account = discovered_account_record(actor="monitoring", platform="tiktok", handle="@bilal.cop", source="sweep")
    assert lookup_account("tiktok", "bilal.cop").personnel is None
    discovered_account_link(actor=cast.monitor, account=account, personnel=cast.zaman_constable, confidence=80,
                            reason="same face as the service card photo")  # fmt: skip
    found = lookup_account("tiktok", "https://www.tiktok.com/@bilal.cop")
    assert (found.kind, found.personnel, found.confidence) == (AccountKind.DISCOVERED, cast.zaman_constable, 80)


@pytest.mark.parametrize(
    ("platform", "written"),
    [
        ("tiktok", ""),
        ("tiktok", "   @   "),
        ("tiktok", "javascript:alert(1)//korangipolice"),
        ("myspace", "korangipolice"),
        ("", "korangipolice"),  # no platform and nothing to read it from
        ("tiktok", "<script>alert(1)</script>" * 1000),
        ("tiktok", "\x00\x01\x02"),
    ],
)
def test_garbage_never_raises_and_never_matches(cast: Cast, platform: str, written: str) -> None:
    korangi_tiktok(cast)
    found = lookup_account(platform, written)
    assert found.kind == AccountKind.UNKNOWN
    assert found.official_account is None and found.personnel is None
