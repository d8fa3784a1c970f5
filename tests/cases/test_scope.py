"""Every persona over the enforcement URLs: nobody reads or acts on a case, proceeding or document outside his
subtree; the accused officer sees his own. URL names walked here (named for tests/access/test_scope_matrix.py):
"cases:case_list", "cases:case_new", "cases:case_detail", "cases:case_act", "cases:my_notices", "cases:dashboard",
"discipline:proceeding_detail", "discipline:proceeding_act", "discipline:document_download", "case-list",
"case-detail", "case-notice", "case-acknowledge", "case-mark-removed", "proceeding-list", "proceeding-detail",
"proceeding-step", "api-dashboard"."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.cases.conftest import CAPTURED, PKT, POSTED
from tests.conftest import Cast
from zabta.cases.actions import case_open
from zabta.cases.escalation import sweep_overdue_notices
from zabta.cases.models import Case
from zabta.cases.removal import notice_issue
from zabta.discipline.actions import charge_issue, proceeding_open
from zabta.discipline.models import Proceeding

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Written out by hand from the cast: which of the two cases (East: PS-KIA constable; West: PS-GLB) each may see.
SEES = {
    "constable": {"east"}, "sho": {"east"}, "ssp": {"east"}, "dig": {"east"}, "media": {"east"},
    "other_zone": {"west"}, "monitor": {"east"}, "inquiry": {"east"}, "range_admin": {"east", "west"},
    "auditor": {"east", "west"}, "applicant": set(),
}  # fmt: skip
# Who may issue a notice on a case he sees (unit heads, competent authorities, range administrators).
MANAGERS = {"sho", "ssp", "dig", "other_zone", "range_admin"}
DASHBOARD_TOP = {"sho": "PS-KIA", "ssp": "KHI-E-KOR", "dig": "KHI-E", "other_zone": "PS-GLB", "range_admin": "KHI"}


@dataclass
class World:
    east: Case
    west: Case
    proceeding: Proceeding


@pytest.fixture
def world(cast: Cast, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path
    cases = {}
    for name, officer in (("east", cast.constable.personnel), ("west", cast.gulberg_constable)):
        case = case_open(actor="test", officer=officer, clause_keys=["KHI-2024-SM-1"], posted_at=POSTED,
                         captured_at=CAPTURED, content_url=f"https://video.example/{name}")  # fmt: skip
        notice_issue(case=case, actor="test", at=datetime(2024, 10, 3, tzinfo=PKT))
        cases[name] = case
    sweep_overdue_notices(now=datetime(2024, 10, 20, tzinfo=PKT))
    p = proceeding_open(case=cases["east"], actor=cast.ssp, at=datetime(2024, 10, 21, tzinfo=PKT))
    charge_issue(
        proceeding=p, kind="show_cause", allegations="x", actor=cast.ssp, at=datetime(2024, 10, 21, tzinfo=PKT)
    )
    for case in cases.values():
        case.refresh_from_db()
    return World(east=cases["east"], west=cases["west"], proceeding=p)


def _client(cast: Cast, persona: str) -> Client:
    client = Client()
    client.force_login(getattr(cast, persona))
    return client


@pytest.mark.parametrize("persona", sorted(SEES))
def test_persona_reads_only_cases_in_his_subtree(cast: Cast, world: World, persona: str) -> None:
    client, sees = _client(cast, persona), SEES[persona]
    listing = client.get(reverse("cases:case_list")).content.decode()
    api = {row["reference"] for row in client.get(reverse("case-list")).json()["results"]}
    for name, case in (("east", world.east), ("west", world.west)):
        visible = name in sees
        assert (case.reference in listing) is visible, (persona, name)
        assert (case.reference in api) is visible, (persona, name)
        assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == (200 if visible else 404)
        assert client.get(reverse("case-detail", args=[case.pk])).status_code == (200 if visible else 404)
    p_visible = "east" in sees
    assert client.get(reverse("discipline:proceeding_detail", args=[world.proceeding.pk])).status_code == (
        200 if p_visible else 404
    )
    assert client.get(reverse("proceeding-detail", args=[world.proceeding.pk])).status_code == (
        200 if p_visible else 404
    )
    listed = {row["reference"] for row in client.get(reverse("proceeding-list")).json()["results"]}
    assert (world.proceeding.reference in listed) is p_visible
    document = world.proceeding.documents.first()
    assert document is not None
    assert client.get(reverse("discipline:document_download", args=[document.pk])).status_code == (
        200 if p_visible else 404
    )
    assert client.get(reverse("cases:my_notices")).status_code == 200
    assert client.get(reverse("cases:case_new")).status_code == (
        200 if persona in {"sho", "ssp", "dig", "other_zone", "monitor", "range_admin"} else 403
    )


@pytest.mark.parametrize("persona", sorted(SEES))
def test_persona_acts_only_where_allowed(cast: Cast, world: World, persona: str) -> None:
    client = _client(cast, persona)
    case = world.west  # overdue, escalated: a fresh case is needed for a notice
    fresh = case_open(actor="test", officer=case.officer, clause_keys=["KHI-2024-SM-3"], posted_at=POSTED,
                      captured_at=CAPTURED, content_url="https://video.example/fresh")  # fmt: skip
    response = client.post(reverse("case-notice", args=[fresh.pk]))
    expected = 404 if "west" not in SEES[persona] else (200 if persona in MANAGERS else 403)
    assert response.status_code == expected, persona
    page = client.post(reverse("cases:case_act", args=[world.east.pk, "mark-removed"]))
    assert page.status_code == (404 if "east" not in SEES[persona] else (302 if persona == "constable" else 403))
    api = client.post(reverse("case-mark-removed", args=[world.east.pk]))
    assert api.status_code in ((404,) if "east" not in SEES[persona] else (400, 403))
    acknowledge = client.post(reverse("case-acknowledge", args=[world.east.pk]))
    assert acknowledge.status_code == (404 if "east" not in SEES[persona] else (200 if persona == "constable" else 403))
    step = client.post(reverse("proceeding-step", args=[world.proceeding.pk]), {"step": "finalise"})
    assert step.status_code == (404 if "east" not in SEES[persona] else (400 if persona in MANAGERS else 403))
    form = client.post(reverse("discipline:proceeding_act", args=[world.proceeding.pk, "hearing"]), {"notes": "x"})
    assert form.status_code == (404 if "east" not in SEES[persona] else (302 if persona in MANAGERS else 403))


@pytest.mark.parametrize("persona", sorted(SEES))
def test_dashboard_shows_only_the_subtree(cast: Cast, world: World, persona: str) -> None:
    client = _client(cast, persona)
    page = client.get(reverse("cases:dashboard")).content.decode()
    rows = client.get(reverse("api-dashboard")).json()
    codes = {row["unit"] for row in rows}
    if persona in DASHBOARD_TOP:
        assert rows[0]["unit"] == DASHBOARD_TOP[persona] and f'data-code="{DASHBOARD_TOP[persona]}"' in page
    if "west" not in SEES[persona]:
        assert "PS-GLB" not in codes and 'data-code="PS-GLB"' not in page
    if "east" not in SEES[persona]:
        assert "PS-KIA" not in codes


def test_dashboard_figures_roll_up(cast: Cast, world: World) -> None:
    rows = {r["unit"]: r for r in _client(cast, "range_admin").get(reverse("api-dashboard")).json()}
    assert rows["KHI"]["open_cases"] == 2 and rows["KHI-E"]["open_cases"] == 1 and rows["PS-ZMN"]["open_cases"] == 0
    assert rows["PS-GLB"]["escalated"] == 1 and rows["KHI-W"]["escalated"] == 1 and rows["KHI"]["escalated"] == 1
    assert rows["PS-KIA"]["overdue"] == 1 and rows["KHI"]["overdue"] == 2  # both still up past the deadline
    assert rows["KHI-E"]["median_days_to_action"] == 1.0 and rows["KHI-W"]["median_days_to_action"] is None
    assert rows["KHI"]["unacknowledged_officers"] == 2 and rows["KHI-W"]["unacknowledged_officers"] == 1
    later = datetime(2024, 10, 20, tzinfo=PKT) + timedelta(days=8)
    from zabta.cases.escalation import sweep_unacted_escalations

    sweep_unacted_escalations(now=later)
    rows = {r["unit"]: r for r in _client(cast, "range_admin").get(reverse("api-dashboard")).json()}
    assert rows["PS-GLB"]["lapses"] == 1 and rows["KHI-W-CEN"]["lapses"] == 1 and rows["KHI"]["lapses"] == 1
    assert rows["KHI-E"]["lapses"] == 0
