"""Listed vehicles and buildings: the unit head corrects them or takes them out of service, with a reason, audited.

URL name proved here for every persona: "permits:asset_edit".
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.accounts_registry.scope_data import PERSONAS, client_for
from tests.conftest import Cast
from tests.permits.factories import applied
from zabta.audit.models import AuditEvent
from zabta.permits.actions import premises_asset_add, premises_asset_update
from zabta.permits.models import PremisesAsset

pytestmark = pytest.mark.django_db
KIA_MANAGERS = {"sho", "ssp", "dig", "range_admin"}  # heads of PS KIA and of the units above it, the administrator


def _van(cast: Cast) -> PremisesAsset:
    return premises_asset_add(
        actor=cast.sho, unit=cast.ps_kia, kind="vehicle", name="Mobile 1", registration_no="SPA-1"
    )


def test_unit_head_corrects_an_asset_and_the_change_is_audited(cast: Cast) -> None:
    van = _van(cast)
    premises_asset_update(actor=cast.sho, asset=van, name="Mobile 1 (Hilux)", registration_no="SPA-101", active=True,
                          reason="registration re-issued")  # fmt: skip
    van.refresh_from_db()
    assert (van.name, van.registration_no, van.active) == ("Mobile 1 (Hilux)", "SPA-101", True)
    event = AuditEvent.objects.get(action="permits.asset.changed")
    assert event.reason == "registration re-issued"
    assert event.before is not None and event.after is not None
    assert event.before["registration_no"] == "SPA-1" and event.after["registration_no"] == "SPA-101"


def test_an_asset_out_of_service_cannot_be_named_in_a_new_application(cast: Cast) -> None:
    van = _van(cast)
    earlier = applied(cast, unit=cast.ps_kia, asset=van)
    premises_asset_update(actor=cast.ssp, asset=van, name=van.name, registration_no=van.registration_no, active=False,
                          reason="written off")  # fmt: skip
    with pytest.raises(ValidationError):
        applied(cast, unit=cast.ps_kia, asset=van, client_key="k2")
    earlier.refresh_from_db()
    assert earlier.asset == van  # what was applied for before stays as it was
    premises_asset_update(actor=cast.ssp, asset=van, name=van.name, registration_no=van.registration_no, active=True,
                          reason="repaired")  # fmt: skip
    assert applied(cast, unit=cast.ps_kia, asset=van, client_key="k3").asset == van


@pytest.mark.parametrize(
    ("name", "registration_no", "reason"),
    [("", "SPA-1", "r"), ("x" * 121, "", "r"), ("Mobile 1", "y" * 31, "r"), ("Mobile 1", "SPA-2", "  ")],
)
def test_bad_changes_are_refused_and_nothing_is_lost(cast: Cast, name: str, registration_no: str, reason: str) -> None:
    van = _van(cast)
    with pytest.raises(ValidationError):
        premises_asset_update(actor=cast.sho, asset=van, name=name, registration_no=registration_no, active=True,
                              reason=reason)  # fmt: skip
    van.refresh_from_db()
    assert (van.name, van.registration_no, van.active) == ("Mobile 1", "SPA-1", True)
    assert not AuditEvent.objects.filter(action="permits.asset.changed").exists()


def test_heads_of_other_units_cannot_change_an_asset(cast: Cast) -> None:
    van = _van(cast)
    for persona in ("other_zone", "media", "constable", "applicant", "monitor"):
        with pytest.raises(PermissionDenied):
            premises_asset_update(actor=getattr(cast, persona), asset=van, name="x", registration_no="", active=False,
                                  reason="r")  # fmt: skip
    van.refresh_from_db()
    assert van.active and van.name == "Mobile 1"


@pytest.mark.parametrize("persona", PERSONAS)
def test_edit_page_only_for_the_heads_over_the_unit(cast: Cast, persona: str) -> None:
    van = _van(cast)
    client = client_for(cast, persona)
    url = reverse("permits:asset_edit", args=[van.pk])
    assert client.get(url).status_code in (302, 405)  # changes by POST only
    response = client.post(url, {"name": "Mobile 1", "registration_no": "SPA-1", "reason": "off the road"})
    van.refresh_from_db()
    if persona in KIA_MANAGERS:
        assert response.status_code == 302 and not van.active
        page = client.get(reverse("permits:assets"))
        assert f'id="asset-{van.pk}"' in page.content.decode()  # still listed for its managers, marked out of service
    else:
        assert response.status_code in (302, 403, 404) and van.active
        if persona != "anonymous":
            assert response.status_code == 404
