"""Clause-4 findings: official-looking accounts outside the registry, and posts by non-custodians."""

from datetime import date

import pytest

from tests.accounts_registry.factories import korangi_tiktok
from tests.conftest import Cast
from zabta.accounts_registry.checks import (
    Clause4Code,
    check_poster_is_custodian,
    check_presented_as_official,
    official_terms_in,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("handle", "display_name", "bio"),
    [
        ("@karachi_police_official", "", ""),
        ("@kp.updates", "Sindh Police Korangi", ""),
        ("@kp.updates", "", "Official page of SSP Korangi"),
        ("@kp.updates", "سندھ پولیس کورنگی", ""),
        ("@kp.updates", "Sindh Pоlice", ""),  # Cyrillic o
    ],
)
def test_unregistered_account_presented_as_official_is_a_finding(
    cast: Cast, handle: str, display_name: str, bio: str
) -> None:
    finding = check_presented_as_official("tiktok", handle, display_name=display_name, bio=bio)
    assert finding is not None and finding.code == Clause4Code.UNREGISTERED_OFFICIAL


def test_emblem_in_the_avatar_alone_is_a_finding(cast: Cast) -> None:
    finding = check_presented_as_official("tiktok", "@plain.name", avatar_has_emblem=True)
    assert finding is not None and finding.terms == ("emblem",)


def test_registered_official_account_is_not_a_finding(cast: Cast) -> None:
    korangi_tiktok(cast)
    assert check_presented_as_official("tiktok", "@KorangiPolice", display_name="Korangi Police Official") is None


@pytest.mark.parametrize("text", ["my policy blog", "digital art", "shopping deals", "politics today"])
def test_ordinary_words_are_not_official_terms(text: str) -> None:
    assert official_terms_in(text) == ()


def test_post_by_a_custodian_is_fine_and_by_anyone_else_a_finding(cast: Cast) -> None:
    korangi_tiktok(cast)
    on = date(2024, 4, 1)
    assert check_poster_is_custodian("tiktok", "korangipolice", poster=cast.media.personnel, on=on) is None
    other = check_poster_is_custodian("tiktok", "korangipolice", poster=cast.zaman_constable, on=on)
    assert other is not None and other.code == Clause4Code.NOT_A_CUSTODIAN and "P-1007" in other.detail
    unknown = check_poster_is_custodian("tiktok", "korangipolice", poster=None, on=on)
    assert unknown is not None
    before_appointment = check_poster_is_custodian("tiktok", "korangipolice", poster=cast.media.personnel,
                                                   on=date(2024, 2, 1))  # fmt: skip
    assert before_appointment is not None


def test_non_official_accounts_have_no_custodian_finding(cast: Cast) -> None:
    assert check_poster_is_custodian("tiktok", "someone", poster=cast.constable.personnel) is None
