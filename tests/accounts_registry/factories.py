"""Small builders for registry tests: accounts of the cast's units, through the real actions."""

from datetime import date

from tests.conftest import Cast
from zabta.accounts_registry.actions import custodian_appoint, official_account_register
from zabta.accounts_registry.models import OfficialAccount

APPOINTED = date(2024, 3, 1)


def korangi_tiktok(cast: Cast, *, with_media_custodian: bool = True) -> OfficialAccount:
    """Korangi district's official TikTok, run by the media-team officer from 1 March 2024."""
    account = official_account_register(
        actor=cast.ssp, platform="tiktok", handle="@KorangiPolice", unit=cast.korangi, display_name="Korangi Police"
    )
    if with_media_custodian:
        assert cast.media.personnel is not None
        custodian_appoint(actor=cast.ssp, account=account, personnel=cast.media.personnel, on=APPOINTED)
    return account
