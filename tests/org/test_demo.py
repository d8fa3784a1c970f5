"""`zabta demo`: the real Karachi Range structure, synthetic officers with Urdu names, demo logins, idempotent."""

import io
import re
from collections import Counter

import pytest
from django.core.management import call_command

from zabta.access.models import User
from zabta.access.scopes import units_visible_to
from zabta.audit.selectors import verify_audit_chain
from zabta.org.models import Personnel, Posting, Unit
from zabta.org.tree import load_tree

URDU = re.compile(r"[\u0600-\u06FF]")


def _demo(n: int) -> str:
    out = io.StringIO()
    call_command("demo", personnel=n, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db: None) -> str:
    return _demo(400)


def test_karachi_range_structure(demo: str) -> None:
    kinds = Counter(Unit.objects.values_list("kind", flat=True))
    assert kinds["range"] == 1
    assert kinds["station"] == 108
    assert kinds["zone"] == 3
    tree = load_tree()
    districts_by_zone = {
        zone: sorted(
            Unit.objects.filter(kind="district", id__in=tree.subtree_ids([zone_id])).values_list("name", flat=True)
        )
        for zone, zone_id in Unit.objects.filter(kind="zone").values_list("name", "id")
    }
    names = {zone.split()[0]: [d.split()[0] for d in districts] for zone, districts in districts_by_zone.items()}
    assert names == {
        "East": ["East", "Korangi", "Malir"],
        "South": ["City", "South"],
        "West": ["Central", "Keamari", "West"],
    }
    range_units = set(Unit.objects.filter(kind="range_unit").values_list("name", flat=True))
    assert {"Traffic", "CIA"} <= {n.split()[0] for n in range_units}
    every_station_has_urdu = Unit.objects.filter(kind="station").exclude(name_ur="").count()
    assert every_station_has_urdu == 108


def test_officers_are_posted_with_urdu_names_and_heads(demo: str) -> None:
    assert Personnel.objects.count() == 400
    assert all(URDU.search(name) for name in Personnel.objects.values_list("name_ur", flat=True))
    assert Posting.objects.filter(valid_to__isnull=True).count() == 400
    headed = Posting.objects.filter(valid_to__isnull=True, is_head=True).values_list("unit__kind", flat=True)
    assert Counter(headed)["station"] == 108  # every SHO post is filled
    assert verify_audit_chain().ok


def test_demo_prints_logins_and_scopes_hold(demo: str) -> None:
    assert "password" in demo
    for username in ("admin", "dig.east", "ssp.korangi", "sho.kia", "constable"):
        assert username in demo
    dig, sho = User.objects.get(username="dig.east"), User.objects.get(username="sho.kia")
    assert units_visible_to(sho).count() == 1
    assert 1 < units_visible_to(dig).count() < Unit.objects.count()


def test_rerun_adds_nothing_and_larger_n_tops_up(demo: str) -> None:
    units, events = Unit.objects.count(), Personnel.objects.count()
    _demo(400)
    assert (Unit.objects.count(), Personnel.objects.count()) == (units, events)
    _demo(450)
    assert Personnel.objects.count() == 450
    assert User.objects.filter(username="admin").count() == 1
