"""The account registry, approvals and permits in the admin: readable by range administrators, never editable there."""

import pytest
from django.test import Client

from tests.accounts_registry.factories import korangi_tiktok
from tests.approvals.factories import submitted
from tests.conftest import Cast
from tests.permits.factories import applied
from zabta.permits.actions import premises_asset_add

pytestmark = pytest.mark.django_db
MODELS = [
    "accounts_registry/officialaccount", "accounts_registry/custodian", "accounts_registry/personalaccount",
    "accounts_registry/declaration", "accounts_registry/discoveredaccount", "approvals/routingrule",
    "approvals/approvalrequest", "approvals/approvaldecision", "approvals/approvedfingerprint",
    "permits/premisesasset", "permits/permitapplication",
]  # fmt: skip


def test_range_admin_reads_the_registries_but_cannot_change_them(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    request = submitted(cast, account)
    application = applied(cast)
    premises_asset_add(actor=cast.sho, unit=cast.ps_kia, kind="vehicle", name="Mobile 1")
    client = Client()
    client.force_login(cast.range_admin)
    for model in MODELS:
        assert client.get(f"/admin/{model}/").status_code == 200, model
        assert client.get(f"/admin/{model}/add/").status_code == 403, model
    for model, pk in (("accounts_registry/officialaccount", account.pk), ("approvals/approvalrequest", request.pk),
                      ("permits/permitapplication", application.pk)):  # fmt: skip
        page = client.get(f"/admin/{model}/{pk}/change/")
        assert page.status_code == 200, model
        assert client.post(f"/admin/{model}/{pk}/delete/").status_code == 403, model
    permit_page = client.get(f"/admin/permits/permitapplication/{application.pk}/change/").content.decode()
    assert application.cnic not in permit_page and "1234567" not in permit_page  # the applicant's CNIC and phone


def test_other_users_do_not_reach_the_registries_in_the_admin(cast: Cast) -> None:
    for user in (cast.ssp, cast.dig, cast.media, cast.monitor):
        client = Client()
        client.force_login(user)
        for model in MODELS:
            assert client.get(f"/admin/{model}/").status_code == 302, (user.username, model)
