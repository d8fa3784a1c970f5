"""Every registry page and endpoint, for every persona: nobody reads outside his subtree (named in the scope matrix).

URL names proved here: "registry:account_list", "registry:account_detail", "registry:account_register",
"registry:custodian_appoint", "registry:custodian_remove", "registry:my_accounts", "registry:personal_declare",
"registry:personal_withdraw", "registry:declaration_confirm", "registry:undeclared", "registry:discovered_list",
"registry:discovered_link", "registry:lookup", "official-account-list", "official-account-detail",
"official-account-custodians", "official-account-remove-custodian", "personal-account-list", "personal-account-detail",
"personal-account-withdraw", "discovered-account-list", "discovered-account-detail", "discovered-account-link",
"api-account-lookup".
"""

import pytest
from django.urls import reverse

from tests.accounts_registry.scope_data import (
    GULBERG_READERS,
    KORANGI_READERS,
    PERSONAS,
    client_for,
    refused,
    registry_data,
)
from tests.conftest import Cast
from zabta.accounts_registry.models import Custodian

pytestmark = pytest.mark.django_db
POST_ONLY = ["registry:account_register", "registry:personal_declare", "registry:declaration_confirm"]
POST_ONLY_PK = ["registry:custodian_appoint", "registry:personal_withdraw", "registry:discovered_link"]
REVIEWERS = {"monitor", "range_admin"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_official_accounts_only_in_scope(cast: Cast, persona: str) -> None:
    data, client = registry_data(cast), client_for(cast, persona)
    for account, readers in ((data.korangi, KORANGI_READERS), (data.gulberg, GULBERG_READERS)):
        for url in (reverse("registry:account_detail", args=[account.pk]),
                    reverse("official-account-detail", args=[account.pk]),
                    reverse("official-account-custodians", args=[account.pk])):  # fmt: skip
            response = client.get(url)
            if persona in readers:
                assert response.status_code == 200, (persona, url)
            else:
                assert refused(response.status_code, persona, response.get("Location", "")), (persona, url)
    page = client.get(reverse("registry:account_list"))
    api = client.get(reverse("official-account-list"))
    expected = {a.pk for a, r in ((data.korangi, KORANGI_READERS), (data.gulberg, GULBERG_READERS)) if persona in r}
    if persona == "anonymous":
        assert refused(page.status_code, persona, page["Location"]) and refused(api.status_code, persona)
        return
    assert {a.pk for a in page.context["page"].object_list} == expected
    assert {row["id"] for row in api.json()["results"]} == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_personal_declarations_are_the_owners_alone(cast: Cast, persona: str) -> None:
    data, client = registry_data(cast), client_for(cast, persona)
    mine = client.get(reverse("registry:my_accounts"))
    api = client.get(reverse("personal-account-list"))
    detail = client.get(reverse("personal-account-detail", args=[data.personal.pk]))
    if persona == "anonymous":
        assert refused(mine.status_code, persona, mine["Location"]) and refused(api.status_code, persona)
        return
    owns = persona == "constable"
    assert [a.pk for a in mine.context["accounts"]] == ([data.personal.pk] if owns else [])
    assert [row["id"] for row in api.json()["results"]] == ([data.personal.pk] if owns else [])
    assert detail.status_code == (200 if owns else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_discovered_accounts_only_in_scope(cast: Cast, persona: str) -> None:
    data, client = registry_data(cast), client_for(cast, persona)
    # Zaman Town (the east account's officer) is in Korangi; unlinked accounts would show to reviewers only.
    expected = ({data.discovered_east.pk} if persona in KORANGI_READERS else set()) | (
        {data.discovered_west.pk} if persona in GULBERG_READERS else set())  # fmt: skip
    page = client.get(reverse("registry:discovered_list"))
    api = client.get(reverse("discovered-account-list"))
    if persona == "anonymous":
        assert refused(page.status_code, persona, page["Location"]) and refused(api.status_code, persona)
        return
    assert {a.pk for a in page.context["page"].object_list} == expected
    assert {row["id"] for row in api.json()["results"]} == expected
    for account in (data.discovered_east, data.discovered_west):
        response = client.get(reverse("discovered-account-detail", args=[account.pk]))
        assert response.status_code == (200 if account.pk in expected else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_undeclared_list_only_for_units_in_scope(cast: Cast, persona: str) -> None:
    client = client_for(cast, persona)
    for unit, readers in ((cast.korangi, KORANGI_READERS), (cast.ps_gulberg, GULBERG_READERS)):
        response = client.get(reverse("registry:undeclared", args=[unit.pk]))
        if persona in readers:
            assert response.status_code == 200
        else:
            assert refused(response.status_code, persona, response.get("Location", ""))


@pytest.mark.parametrize("persona", PERSONAS)
def test_lookup_is_for_reviewers_heads_and_media_teams_and_names_only_what_is_in_scope(
    cast: Cast, persona: str
) -> None:
    registry_data(cast)
    client = client_for(cast, persona)
    allowed = {"sho", "ssp", "dig", "media", "other_zone", "monitor", "range_admin"}
    page = client.get(reverse("registry:lookup"), {"handle": "https://www.tiktok.com/@bilal.cop"})
    api = client.get(reverse("api-account-lookup"), {"handle": "https://www.tiktok.com/@bilal.cop"})
    if persona not in allowed:
        assert refused(page.status_code, persona, page.get("Location", "")) and refused(api.status_code, persona)
        return
    assert page.status_code == 200 and api.status_code == 200
    named = persona in {"ssp", "dig", "media", "monitor", "range_admin"}
    assert api.json()["personnel_id"] == ("P-1007" if named else None)
    assert api.json()["kind"] == "discovered"
    assert ("Bilal" in page.content.decode()) == named


@pytest.mark.parametrize("persona", PERSONAS)
def test_changes_are_post_only_and_refused_outside_scope(cast: Cast, persona: str) -> None:
    data, client = registry_data(cast), client_for(cast, persona)
    for name in POST_ONLY:
        assert client.get(reverse(name)).status_code in (302, 405)
    for name in POST_ONLY_PK:
        assert client.get(reverse(name, args=[data.korangi.pk])).status_code in (302, 405)
    custodian = Custodian.objects.get()
    assert client.get(reverse("registry:custodian_remove", args=[custodian.pk])).status_code in (302, 405)
    response = client.post(reverse("registry:custodian_remove", args=[custodian.pk]),
                           {"on": "2024-06-01", "reason": "x"})  # fmt: skip
    custodian.refresh_from_db()
    assert (custodian.removed_on is not None) == (persona in {"ssp", "dig"}), persona
    api = client.post(reverse("official-account-remove-custodian", args=[data.korangi.pk]),
                      {"custodian_id": custodian.pk, "on": "2024-06-01", "reason": "x"})  # fmt: skip
    assert api.status_code in ({409} if persona in {"ssp", "dig"} else {401, 403, 404}), (persona, api.status_code)
    assert response.status_code in (302, 403, 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_link_and_withdraw_through_the_api_respect_scope(cast: Cast, persona: str) -> None:
    data, client = registry_data(cast), client_for(cast, persona)
    link = client.post(reverse("discovered-account-link", args=[data.discovered_west.pk]),
                       {"personnel_id": "P-1008", "confidence": 50, "reason": "r"})  # fmt: skip
    assert link.status_code in ({200} if persona == "range_admin" else {401, 403, 404}), persona
    withdraw = client.post(reverse("personal-account-withdraw", args=[data.personal.pk]), {"reason": "x"})
    assert withdraw.status_code in ({200} if persona == "constable" else {401, 403, 404}), persona
