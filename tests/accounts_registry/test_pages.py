"""The registry pages and API as unit heads, officers and reviewers use them."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts_registry.factories import korangi_tiktok
from tests.conftest import Cast
from zabta.accounts_registry.models import Custodian, OfficialAccount, PersonalAccount

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_unit_head_registers_and_appoints_through_the_pages(cast: Cast) -> None:
    ssp = _client(cast.ssp)
    response = ssp.post(reverse("registry:account_register"), {"platform": "facebook", "handle": "KorangiPolice",
                                                               "unit": cast.korangi.pk, "verified": "on"})  # fmt: skip
    account = OfficialAccount.objects.get()
    assert response["Location"] == reverse("registry:account_detail", args=[account.pk]) and account.verified
    ssp.post(reverse("registry:custodian_appoint", args=[account.pk]), {"personnel_id": "P-1005", "on": "2024-05-01"})
    assert Custodian.objects.get().personnel.personnel_id == "P-1005"
    page = ssp.get(reverse("registry:account_detail", args=[account.pk])).content.decode()
    assert "Sana Baloch" in page and 'id="appoint-form"' in page


def test_refusals_show_as_messages(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    ssp = _client(cast.ssp)
    response = ssp.post(reverse("registry:custodian_appoint", args=[account.pk]),
                        {"personnel_id": "P-1005", "on": "2024-05-01"}, follow=True)  # fmt: skip
    assert "already a custodian" in response.content.decode()
    response = ssp.post(reverse("registry:account_register"), {"platform": "tiktok", "handle": "x",
                        "url": "javascript:alert(1)", "unit": cast.korangi.pk}, follow=True)  # fmt: skip
    assert "http(s) link" in response.content.decode()
    assert ssp.post(reverse("registry:custodian_appoint", args=[account.pk]),
                    {"personnel_id": "P-1008", "on": "2024-05-01"}).status_code == 403  # fmt: skip


def test_register_for_a_unit_outside_scope_is_refused(cast: Cast) -> None:
    response = _client(cast.ssp).post(reverse("registry:account_register"), {"platform": "x", "handle": "glb",
                                                                             "unit": cast.ps_gulberg.pk})  # fmt: skip
    assert response.status_code == 404 and not OfficialAccount.objects.exists()


def test_officer_declares_and_confirms_on_his_page(cast: Cast) -> None:
    client = _client(cast.constable)
    client.post(
        reverse("registry:personal_declare"), {"platform": "tiktok", "handle": "https://www.tiktok.com/@imran.k"}
    )
    assert PersonalAccount.objects.get().handle_key == "imran.k"
    client.post(reverse("registry:declaration_confirm"), {"holds_none": "0"})
    page = client.get(reverse("registry:my_accounts")).content.decode()
    assert "@imran.k" in page and "Declaration last confirmed" in page


def test_undeclared_page_lists_who_has_not_declared(cast: Cast) -> None:
    _client(cast.constable).post(reverse("registry:declaration_confirm"), {"holds_none": "1"})
    page = _client(cast.ssp).get(reverse("registry:undeclared", args=[cast.korangi.pk]))
    listed = {officer.personnel_id for officer, _deadline, _late in page.context["rows"]}
    assert listed == {"P-1002", "P-1003", "P-1005", "P-1007"}


def test_api_register_declare_and_bad_input(cast: Cast) -> None:
    ssp = _client(cast.ssp)
    created = ssp.post(reverse("official-account-list"), {"platform": "youtube", "handle": "@korangipolice",
                                                         "unit_id": cast.korangi.pk}, content_type="application/json")  # fmt: skip
    assert created.status_code == 201 and created.json()["handle_key"] == "korangipolice"
    again = ssp.post(reverse("official-account-list"), {"platform": "youtube", "handle": "KorangiPolice",
                                                       "unit_id": cast.korangi.pk}, content_type="application/json")  # fmt: skip
    assert again.status_code == 409
    bad = ssp.post(reverse("official-account-list"), {"platform": "myspace", "handle": "x", "unit_id": cast.korangi.pk},
                   content_type="application/json")  # fmt: skip
    assert bad.status_code == 400
    declared = _client(cast.constable).post(reverse("personal-account-list"), {"platform": "x", "handle": "@imran"},
                                            content_type="application/json")  # fmt: skip
    assert declared.status_code == 201
    assert _client(cast.applicant).post(reverse("personal-account-list"), {"platform": "x", "handle": "@a"},
                                        content_type="application/json").status_code == 403  # fmt: skip
