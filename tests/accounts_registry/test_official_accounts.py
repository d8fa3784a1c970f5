"""Official accounts and their custodians: only the unit head (or one above) registers, appoints and removes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts_registry.factories import APPOINTED, korangi_tiktok
from tests.conftest import Cast
from zabta.accounts_registry.actions import (
    custodian_appoint,
    custodian_remove,
    official_account_register,
    official_account_set_verified,
)
from zabta.accounts_registry.models import OfficialAccount
from zabta.audit.models import AuditEvent
from zabta.org.actions import InvalidTransition

pytestmark = pytest.mark.django_db


def test_unit_head_registers_and_the_event_is_audited(cast: Cast) -> None:
    account = official_account_register(actor=cast.ssp, platform="facebook", handle="https://fb.com/KorangiPolice",
                                        unit=cast.korangi, verified=True)  # fmt: skip
    assert (account.handle_key, account.url, account.verified) == (
        "korangipolice",
        "https://www.facebook.com/korangipolice",
        True,
    )
    event = AuditEvent.objects.get(action="registry.official.registered")
    assert event.actor_label == "ssp" and event.object_id == str(account.pk)
    assert (event.after or {})["handle_key"] == "korangipolice"


def test_dig_above_may_register_for_a_district_of_his_zone(cast: Cast) -> None:
    assert official_account_register(actor=cast.dig, platform="x", handle="korangi_pol", unit=cast.korangi).pk


@pytest.mark.parametrize("persona", ["sho", "media", "constable", "other_zone", "monitor", "applicant"])
def test_others_may_not_register(cast: Cast, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        official_account_register(actor=getattr(cast, persona), platform="x", handle="kp", unit=cast.korangi)
    assert not OfficialAccount.objects.exists()


def test_same_account_cannot_be_registered_twice_however_written(cast: Cast) -> None:
    korangi_tiktok(cast)
    with pytest.raises(InvalidTransition):
        official_account_register(actor=cast.dig, platform="tiktok", handle="https://tiktok.com/@KORANGIPOLICE",
                                  unit=cast.east)  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "https://evil.example/@korangipolice",
        "https://user:pass@www.tiktok.com/@korangipolice",
        "https://www.tiktok.com/@someoneelse",
        "https://www.tiktok.com/@korangipolice" + "x" * 400,
        "https://www.tiktok.com/@korangi police",
    ],
)
def test_bad_urls_are_refused_with_a_clear_message(cast: Cast, url: str) -> None:
    with pytest.raises(ValidationError) as exc:
        official_account_register(actor=cast.ssp, platform="tiktok", handle="@korangipolice", unit=cast.korangi,
                                  url=url)  # fmt: skip
    assert "http(s) link to this same account" in str(exc.value)
    assert not OfficialAccount.objects.exists()


@pytest.mark.parametrize(("platform", "handle"), [("myspace", "kp"), ("tiktok", "@@@"), ("tiktok", "")])
def test_unknown_platform_or_empty_handle_is_refused(cast: Cast, platform: str, handle: str) -> None:
    with pytest.raises(ValidationError):
        official_account_register(actor=cast.ssp, platform=platform, handle=handle, unit=cast.korangi)


def test_verified_flag_is_set_by_the_unit_head_and_audited(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    official_account_set_verified(actor=cast.ssp, account=account, verified=True)
    account.refresh_from_db()
    assert account.verified
    assert AuditEvent.objects.get(action="registry.official.verified_set").before == {"verified": False}
    with pytest.raises(PermissionDenied):
        official_account_set_verified(actor=cast.media, account=account, verified=False)


def test_custodian_appointment_is_audited_and_guarded(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    event = AuditEvent.objects.get(action="registry.custodian.appointed")
    assert event.after == {"personnel": "P-1005", "appointed_on": "2024-03-01"}
    assert cast.media.personnel is not None
    with pytest.raises(InvalidTransition):  # already a custodian
        custodian_appoint(actor=cast.ssp, account=account, personnel=cast.media.personnel, on=APPOINTED)


def test_custodian_must_serve_in_the_accounts_unit(cast: Cast) -> None:
    account = korangi_tiktok(cast, with_media_custodian=False)
    with pytest.raises(InvalidTransition):
        custodian_appoint(actor=cast.ssp, account=account, personnel=cast.gulberg_constable, on=APPOINTED)


def test_only_the_unit_head_appoints(cast: Cast) -> None:
    account = korangi_tiktok(cast, with_media_custodian=False)
    for persona in ("sho", "media", "other_zone"):
        with pytest.raises(PermissionDenied):
            custodian_appoint(actor=getattr(cast, persona), account=account, personnel=cast.zaman_constable,
                              on=APPOINTED)  # fmt: skip


def test_removal_needs_a_reason_and_happens_once(cast: Cast) -> None:
    custodian = korangi_tiktok(cast).custodians.get()
    with pytest.raises(ValidationError):
        custodian_remove(actor=cast.ssp, custodian=custodian, on=date(2024, 6, 1), reason="  ")
    custodian_remove(actor=cast.ssp, custodian=custodian, on=date(2024, 6, 1), reason="transferred")
    with pytest.raises(InvalidTransition):
        custodian_remove(actor=cast.ssp, custodian=custodian, on=date(2024, 6, 2), reason="again")
    event = AuditEvent.objects.get(action="registry.custodian.removed")
    assert event.reason == "transferred" and event.before == {"personnel": "P-1005"}
