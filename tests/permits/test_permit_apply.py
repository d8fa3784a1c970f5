"""A private person applies for a premises permit: untrusted input is validated, limited and rate-limited."""

from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import Cast
from tests.permits.factories import applied, in_days, valid_fields
from zabta.audit.models import AuditEvent
from zabta.permits.actions import permit_apply, premises_asset_add
from zabta.permits.models import PermitApplication, PermitStatus
from zabta.permits.ratelimit import RateLimited, client_key_for
from zabta.permits.selectors import own_applications

pytestmark = pytest.mark.django_db


def test_application_is_stored_normalised_and_audited_without_personal_data(cast: Cast) -> None:
    application = applied(cast)
    assert (application.status, application.cnic, application.phone) == (PermitStatus.SUBMITTED, "4210112345673",
                                                                         "+923001234567")  # fmt: skip
    event = AuditEvent.objects.get(action="permits.application.submitted")
    text = str(event.after) + event.object_repr + event.actor_label
    assert "Ayesha" not in text and "4210112345673" not in text and "3001234567" not in text
    assert event.actor_label == "public applicant"


def test_signed_in_applicant_sees_his_own_applications(cast: Cast) -> None:
    mine = applied(cast, applicant_user=cast.applicant)
    applied(cast, applicant_name="Someone Else", client_key="k2")
    assert list(own_applications(cast.applicant)) == [mine]


BAD: list[tuple[str, dict[str, Any]]] = [
    ("empty name", {"applicant_name": "   "}),
    ("long name", {"applicant_name": "A" * 121}),
    ("control characters", {"applicant_name": "Ayesha\x00Khan"}),
    ("bad cnic", {"cnic": "4210-1234"}),
    ("no cnic", {"cnic": ""}),
    ("letters in phone", {"phone": "call me maybe"}),
    ("short phone", {"phone": "12345"}),
    ("huge purpose", {"purpose": "x" * 1001}),
    ("empty purpose", {"purpose": " "}),
    ("unknown platform", {"platform": "myspace"}),
    ("no crew", {"crew_size": 0}),
    ("crowd", {"crew_size": 51}),
    ("past start", {"starts_on": in_days(-1)}),
    ("ends before start", {"ends_on": in_days(4)}),
    ("too long", {"ends_on": in_days(40)}),
    ("too far ahead", {"starts_on": in_days(200), "ends_on": in_days(201)}),
]


@pytest.mark.parametrize(("case", "overrides"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_with_a_message(cast: Cast, case: str, overrides: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        permit_apply(**valid_fields(cast, **overrides))
    assert exc.value.messages and all(m.strip() for m in exc.value.messages)
    assert not PermitApplication.objects.exists()


def test_html_in_the_purpose_is_kept_as_text(cast: Cast) -> None:
    application = applied(cast, purpose="<script>alert('x')</script> vlog")
    assert application.purpose == "<script>alert('x')</script> vlog"  # escaped on every page that shows it


def test_asset_must_belong_to_the_chosen_premises(cast: Cast) -> None:
    van = premises_asset_add(actor=cast.ssp, unit=cast.ps_zaman, kind="vehicle", name="Mobile 7",
                             registration_no="SPC-123")  # fmt: skip
    with pytest.raises(ValidationError):
        applied(cast, unit=cast.ps_kia, asset=van)
    assert applied(cast, unit=cast.ps_zaman, asset=van).asset == van


def test_only_unit_heads_list_premises(cast: Cast) -> None:
    for persona in ("media", "constable", "applicant", "other_zone"):
        with pytest.raises(PermissionDenied):
            premises_asset_add(actor=getattr(cast, persona), unit=cast.ps_kia, kind="vehicle", name="Mobile 1")


def test_one_address_is_rate_limited(cast: Cast, settings: Any) -> None:
    settings.ZABTA_PERMIT_APPLICATIONS_PER_HOUR = 3
    key = client_key_for("203.0.113.9")
    for _ in range(3):
        applied(cast, client_key=key)
    with pytest.raises(RateLimited):
        applied(cast, client_key=key)
    applied(cast, client_key=client_key_for("203.0.113.10"))  # another address is not affected
    assert PermitApplication.objects.count() == 4


def test_rate_limit_window_passes(cast: Cast, settings: Any) -> None:
    settings.ZABTA_PERMIT_APPLICATIONS_PER_HOUR = 1
    with time_machine.travel("2030-01-01 10:00 +05:00", tick=False):
        applied(cast, starts_on=in_days(1), ends_on=in_days(1))
        with pytest.raises(RateLimited):
            applied(cast, starts_on=in_days(1), ends_on=in_days(1))
    with time_machine.travel("2030-01-01 11:01 +05:00", tick=False):
        applied(cast, starts_on=in_days(1), ends_on=in_days(1))


def test_address_is_not_stored_in_clear(cast: Cast) -> None:
    application = applied(cast, client_key=client_key_for("198.51.100.7"))
    assert "198.51.100.7" not in application.client_key and len(application.client_key) == 64
