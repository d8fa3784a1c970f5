"""Every circulation URL for every persona of the cast: nobody reads a circulation, rate or receipt outside his scope.

Named in tests/access/test_scope_matrix.py SCOPED_ELSEWHERE. Expectations are written out by hand from the cast.
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.access.test_scope_matrix import EXPECTED, PERSONAS
from tests.circulation.conftest import T0
from tests.circulation.helpers import circulate_east
from tests.conftest import Cast
from zabta.circulation.actions import circulation_create, circulation_deliver
from zabta.circulation.models import Receipt
from zabta.org.models import Unit
from zabta.policy.models import DirectiveVersion

pytestmark = pytest.mark.django_db

# Which circulations each persona sees: those reaching into his scope (East = the DIG's, GLB = the Gulberg SHO's).
SEES = {"constable": set(), "sho": {"east"}, "ssp": {"east"}, "dig": {"east"}, "media": {"east"}, "other_zone": {"glb"},
        "monitor": {"east"}, "inquiry": {"east"}, "range_admin": {"east", "glb"}, "auditor": {"east", "glb"},
        "applicant": set(), "anonymous": set()}  # fmt: skip
COMMANDERS = {"sho", "ssp", "dig", "other_zone", "range_admin"}


def _client(cast: Cast, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(cast, persona))
    return client


def _refused(response: Any, persona: str) -> bool:
    if persona == "anonymous":
        return response.status_code in (302, 401, 403)
    return response.status_code in (403, 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_sees_only_circulations_and_receipts_in_his_scope(
    cast: Cast, version: DirectiveVersion, persona: str
) -> None:
    east = circulate_east(cast, version, T0)
    glb = circulation_create(version=version, unit=cast.ps_gulberg, actor=cast.other_zone, now=T0)
    circulation_deliver(circulation=glb, now=T0)
    ids = {"east": east.pk, "glb": glb.pk}
    client = _client(cast, persona)
    expected = {ids[name] for name in SEES[persona]}

    # circulation:list and circulation-list
    page = client.get(reverse("circulation:list"))
    api = client.get(reverse("circulation-list"))
    if persona == "anonymous":
        assert _refused(page, persona) and _refused(api, persona)
    else:
        assert {c.pk for c in page.context["circulations"]} == expected
        assert {row["id"] for row in api.json()["results"]} == expected

    # circulation:detail, circulation-detail, circulation-rates
    for name, pk in ids.items():
        for url in (reverse("circulation:detail", args=[pk]), reverse("circulation-detail", args=[pk]),
                    reverse("circulation-rates", args=[pk])):  # fmt: skip
            response = client.get(url)
            assert (response.status_code == 200) if name in SEES[persona] else _refused(response, persona), url

    # circulation:outstanding and circulation-outstanding: units of the subtree the persona may see
    scope_units = EXPECTED.get(persona, (set(), set()))[0]
    for unit in Unit.objects.all():
        allowed = (
            "east" in SEES[persona] and unit.code in scope_units and unit.code.startswith(("KHI-E", "PS-K", "PS-Z"))
        )
        web = client.get(reverse("circulation:outstanding", args=[east.pk, unit.pk]))
        rest = client.get(reverse("circulation-outstanding", args=[east.pk]) + f"?unit={unit.pk}")
        assert (web.status_code == 200) if allowed else _refused(web, persona), (unit.code, web.status_code)
        assert (rest.status_code == 200) if allowed else _refused(rest, persona), (unit.code, rest.status_code)

    # circulation:new: commanders only
    new = client.get(reverse("circulation:new"))
    assert (new.status_code == 200) if persona in COMMANDERS else _refused(new, persona)

    # circulation:mine, circulation:read: one's own copies only
    mine = client.get(reverse("circulation:mine"))
    own = set(Receipt.objects.filter(personnel__user__username=persona).values_list("pk", flat=True))
    if persona == "anonymous":
        assert _refused(mine, persona)
    else:
        assert {r.pk for r in mine.context["receipts"]} == own
    for receipt in Receipt.objects.all():
        response = client.get(reverse("circulation:read", args=[receipt.pk]))
        assert (response.status_code == 200) if receipt.pk in own else _refused(response, persona)

    # directive-receipt-list / -detail: receipts of officers the persona may see
    people = EXPECTED.get(persona, (set(), set()))[1]
    listed = client.get(reverse("directive-receipt-list") + "?limit=100")
    if persona == "anonymous":
        assert _refused(listed, persona)
    else:
        assert {r["personnel_code"] for r in listed.json()["results"]} == people & _receivers()
    for receipt in Receipt.objects.select_related("personnel"):
        response = client.get(reverse("directive-receipt-detail", args=[receipt.pk]))
        visible = receipt.personnel.personnel_id in people
        assert (response.status_code == 200) if visible else _refused(response, persona)

    # State changes answer GET with 405 (or the login redirect); the public link refuses unknown tokens.
    for url in (reverse("circulation:close", args=[east.pk]), reverse("circulation:paper", args=[1]),
                reverse("circulation-close", args=[east.pk]), reverse("directive-receipt-acknowledge", args=[1]),
                reverse("api-sms-inbound")):  # fmt: skip
        assert client.get(url).status_code in (302, 401, 403, 405), url
    assert client.get(reverse("circulation_public:acknowledge", args=["A" * 22])).status_code == 404


def _receivers() -> set[str]:
    return set(Receipt.objects.values_list("personnel__personnel_id", flat=True))


def test_outsiders_cannot_change_state_by_post(cast: Cast, version: DirectiveVersion) -> None:
    east = circulate_east(cast, version, T0)
    receipt = Receipt.objects.get(personnel__personnel_id="P-1001")
    for persona in ("constable", "media", "monitor", "other_zone", "applicant"):
        client = _client(cast, persona)
        client.post(reverse("circulation:close", args=[east.pk]))
        client.post(reverse("circulation:paper", args=[receipt.pk]), {"register_ref": "forged"})
        assert client.post(reverse("circulation-close", args=[east.pk])).status_code in (403, 404), persona
    east.refresh_from_db()
    receipt.refresh_from_db()
    assert east.is_active() and receipt.acknowledged_at is None
    assert _client(cast, "sho").post(reverse("directive-receipt-acknowledge", args=[receipt.pk])).status_code == 403
