"""A role to act on cases counts only over the units it was granted for, not over the user's whole scope."""

import pytest

from tests.cases.conftest import OpenCase
from tests.conftest import Cast
from zabta.access.actions import role_grant
from zabta.access.models import Role
from zabta.cases.permissions import can_manage, can_verify

pytestmark = pytest.mark.django_db


def test_a_monitor_who_heads_a_station_elsewhere_manages_only_cases_of_that_station(
    cast: Cast, open_case: OpenCase
) -> None:
    east_case = open_case()  # the constable at PS Korangi Industrial Area, East zone
    west_case = open_case(officer=cast.gulberg_constable, content_url="https://video.example/v/west")
    monitor = cast.monitor  # monitoring cell of the East zone: sees East cases, verifies them
    role_grant(user=monitor, role=Role.UNIT_HEAD, unit=cast.ps_gulberg, actor="test")  # and heads PS Gulberg (West)
    assert can_verify(monitor, east_case)
    assert not can_manage(monitor, east_case)  # being a monitor there does not make him its unit head
    assert can_manage(monitor, west_case)


@pytest.mark.parametrize(
    ("persona", "manages", "verifies"),
    [("ssp", True, True), ("dig", True, True), ("range_admin", True, True), ("monitor", False, True),
     ("media", False, True), ("other_zone", False, False), ("constable", False, False), ("auditor", False, False)],
)  # fmt: skip
def test_who_acts_on_a_korangi_case(
    cast: Cast, open_case: OpenCase, persona: str, manages: bool, verifies: bool
) -> None:
    case = open_case()
    user = getattr(cast, persona)
    assert (can_manage(user, case), can_verify(user, case)) == (manages, verifies)
