"""Who may reach the intake, item and review pages and API, walked over every persona of the cast.

Items: one by P-1001 (PS Korangi Industrial Area, East) and one by P-1008 (Gulberg, West), each with a finding.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Cast
from tests.review.factories import item_with_findings
from zabta.access.models import User

PERSONAS = ["constable", "sho", "ssp", "dig", "media", "other_zone", "monitor", "inquiry", "range_admin", "auditor",
            "applicant"]  # fmt: skip
REVIEWERS = {"monitor", "range_admin"}
# Which of the two items each persona may read (by the author's unit), written out by hand from the cast.
SEES = {"constable": set(), "sho": {"east"}, "ssp": {"east"}, "dig": {"east"}, "media": {"east"},
        "other_zone": {"west"}, "monitor": {"east"}, "inquiry": {"east"}, "range_admin": {"east", "west"},
        "auditor": {"east", "west"}, "applicant": set()}  # fmt: skip


@pytest.fixture
def world(cast: Cast) -> dict[str, int]:
    east, [east_finding] = item_with_findings(cast.monitor, text="east post", author="P-1001")
    west, [west_finding] = item_with_findings(cast.range_admin, text="west post", author="P-1008")
    return {"east": east.pk, "west": west.pk, "east_finding": east_finding.pk, "west_finding": west_finding.pk}


def _client(persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(User.objects.get(username=persona))
    return client


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_item_pages_and_api_show_only_items_in_scope(cast: Cast, world: dict[str, int], persona: str) -> None:
    client = _client(persona)
    for name in ("content:item_detail", "content-item-detail"):
        for where in ("east", "west"):
            response = client.get(reverse(name, args=[world[where]]))
            if persona == "anonymous":
                assert response.status_code in (302, 401, 403)
            else:
                assert response.status_code == (200 if where in SEES[persona] else 404), (name, where)
    if persona == "anonymous":
        return
    listed = {r["id"] for r in client.get(reverse("content-item-list")).json()["results"]}
    assert listed == {world[w] for w in SEES[persona]}
    page = client.get(reverse("content:item_list")).content.decode()
    assert {w for w in ("east", "west") if f'data-id="{world[w]}"' in page} == SEES[persona]


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_intake_and_review_pages_are_for_reviewers_only(cast: Cast, world: dict[str, int], persona: str) -> None:
    client = _client(persona)
    for name in ("content:intake", "review:queue"):
        code = client.get(reverse(name)).status_code
        if persona == "anonymous":
            assert code == 302
        else:
            assert code == (200 if persona in REVIEWERS else 403), name
    for where in ("east_finding", "west_finding"):
        code = client.get(reverse("review:finding", args=[world[where]])).status_code
        if persona == "anonymous":
            assert code == 302
        elif persona not in REVIEWERS:
            assert code == 403
        else:
            assert code == (200 if where.removesuffix("_finding") in SEES[persona] else 404)


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_finding_api_is_scoped(cast: Cast, world: dict[str, int], persona: str) -> None:
    client = _client(persona)
    response = client.get(reverse("finding-list"))
    if persona == "anonymous":
        assert response.status_code in (401, 403)
        return
    listed = {r["id"] for r in response.json()["results"]}
    assert listed == {world[f"{w}_finding"] for w in SEES[persona]}
    outside = "west_finding" if "west" not in SEES[persona] else None
    if outside:
        assert client.get(reverse("finding-detail", args=[world[outside]])).status_code == 404
    claim = client.post(reverse("finding-claim", args=[world["east_finding"]]))
    expected = 200 if persona in REVIEWERS else 403
    assert claim.status_code == expected
    decide = client.post(reverse("finding-decide", args=[world["east_finding"]]), {"decision": "dismissed"})
    assert decide.status_code == (400 if persona in REVIEWERS else 403)  # no reason given


def test_state_changes_refuse_get(cast: Cast, world: dict[str, int]) -> None:
    client = _client("monitor")
    pk = world["east_finding"]
    for name, args in (("review:claim", [pk]), ("review:release", [pk]), ("review:decide", [pk]),
                       ("review:bulk_decide", []), ("content:bulk_intake", [])):  # fmt: skip
        assert client.get(reverse(name, args=args)).status_code == 405, name


def test_media_file_is_served_only_in_scope_and_logged(cast: Cast, world: dict[str, int]) -> None:
    from zabta.content.actions import ItemInput, MediaInput, item_ingest
    from zabta.evidence.models import CustodyEvent

    png = MediaInput(b"\x89PNG\r\n\x1a\nfake", "a.png", "image/png")
    item = item_ingest(data=ItemInput(media=(png,), author_personnel_id="P-1008", author_link_reason="x"),
                       actor=cast.range_admin, channel="web", screen=False).item  # fmt: skip
    sha = item.media.get().evidence.sha256
    url = reverse("content:media_file", args=[item.pk, sha])
    assert _client("monitor").get(url).status_code == 404
    response = _client("other_zone").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert CustodyEvent.objects.filter(action="viewed", actor_label="other_zone").count() == 1
