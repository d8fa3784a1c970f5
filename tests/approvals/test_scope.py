"""Every approval page and endpoint, for every persona: nobody reads outside his subtree (named in the scope matrix).

URL names proved here: "approvals:request_list", "approvals:request_new", "approvals:queue", "approvals:routing",
"approvals:request_detail", "approvals:request_decide", "approvals:request_resubmit", "approvals:request_withdraw",
"approvals:media_file", "approval-request-list", "approval-request-detail", "approval-request-decide",
"approval-request-resubmit", "approval-request-withdraw", "approval-request-queue".
"""

import pytest
from django.urls import reverse

from tests.accounts_registry.scope_data import KORANGI_READERS, PERSONAS, client_for, refused
from tests.approvals.factories import submitted
from tests.conftest import Cast
from zabta.approvals.models import RequestStatus, RoutingRule
from zabta.org.models import Unit

pytestmark = pytest.mark.django_db
READERS = KORANGI_READERS  # the Korangi account's unit subtree, plus the requester (media, already in it)


@pytest.mark.parametrize("persona", PERSONAS)
def test_request_and_its_media_only_in_scope(cast: Cast, persona: str) -> None:
    request = submitted(cast)
    media = request.media.get()
    client = client_for(cast, persona)
    for url in (reverse("approvals:request_detail", args=[request.pk]), reverse("approvals:media_file", args=[media.pk]),
                reverse("approval-request-detail", args=[request.pk])):  # fmt: skip
        response = client.get(url)
        if persona in READERS:
            assert response.status_code == 200, (persona, url)
        else:
            assert refused(response.status_code, persona, response.get("Location", "")), (persona, url)
    page, api = client.get(reverse("approvals:request_list")), client.get(reverse("approval-request-list"))
    if persona == "anonymous":
        assert refused(page.status_code, persona, page["Location"]) and refused(api.status_code, persona)
        return
    expected = [request.pk] if persona in READERS else []
    assert [r.pk for r in page.context["page"].object_list] == expected
    assert [row["id"] for row in api.json()["results"]] == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_queue_shows_only_what_awaits_the_reader(cast: Cast, persona: str) -> None:
    request = submitted(cast)
    client = client_for(cast, persona)
    page, api = client.get(reverse("approvals:queue")), client.get(reverse("approval-request-queue"))
    if persona == "anonymous":
        assert refused(page.status_code, persona, page["Location"]) and refused(api.status_code, persona)
        return
    expected = [request.pk] if persona == "ssp" else []  # the Korangi competent authority
    assert [r.pk for r in page.context["requests"]] == expected
    assert [row["id"] for row in api.json()["results"]] == expected
    new = client.get(reverse("approvals:request_new"))
    assert new.status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_decide_resubmit_withdraw_refused_to_everyone_but_their_owner(cast: Cast, persona: str) -> None:
    request = submitted(cast)
    client = client_for(cast, persona)
    for name in ("approvals:request_decide", "approvals:request_resubmit", "approvals:request_withdraw"):
        assert client.get(reverse(name, args=[request.pk])).status_code in (302, 405)
    decided = client.post(reverse("approval-request-decide", args=[request.pk]), {"decision": "reject", "reason": "r"})
    withdrawn = client.post(reverse("approval-request-withdraw", args=[request.pk]), {"reason": "r"})
    resubmitted = client.post(reverse("approval-request-resubmit", args=[request.pk]),
                              {"purpose": "p", "planned_for": "2099-01-01T10:00:00+05:00"})  # fmt: skip
    request.refresh_from_db()
    if persona == "ssp":
        assert decided.status_code == 200 and request.status == RequestStatus.REJECTED
        assert withdrawn.status_code == 403 and resubmitted.status_code == 403  # not his request
    elif persona == "media":
        assert decided.status_code == 403 and withdrawn.status_code == 200
        assert request.status == RequestStatus.WITHDRAWN and resubmitted.status_code == 409
    else:
        for response in (decided, withdrawn, resubmitted):
            assert response.status_code in (401, 403, 404), (persona, response.status_code)
        assert request.status == RequestStatus.PENDING


@pytest.mark.parametrize("persona", PERSONAS)
def test_routing_page_shows_and_changes_only_the_readers_own_units(cast: Cast, persona: str) -> None:
    client = client_for(cast, persona)
    page = client.get(reverse("approvals:routing"))
    posted = client.post(reverse("approvals:routing"), {"unit": cast.korangi.pk, "steps": "KHI-E-KOR 24\nKHI-E 48",
                                                        "validity_days": 10})  # fmt: skip
    configured = RoutingRule.objects.filter(unit=cast.korangi).exists()
    if persona == "anonymous":
        assert refused(page.status_code, persona, page["Location"]) and not configured
        return
    korangi = {"KHI-E-KOR", "KHI-E-KOR-D1", "PS-KIA", "PS-ZMN"}
    heads = {"ssp": korangi, "dig": {"KHI-E", *korangi}, "sho": {"PS-KIA"}, "other_zone": {"PS-GLB"},
             "range_admin": set(Unit.objects.values_list("code", flat=True))}  # fmt: skip
    assert {u.code for u in page.context["units"]} == heads.get(persona, set()), persona
    assert configured == (persona in {"ssp", "dig", "range_admin"}), persona
    assert posted.status_code in (302, 404)
