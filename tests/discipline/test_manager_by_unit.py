"""Who manages a proceeding: a head, competent authority or range administrator over its unit, not merely a viewer."""

from collections.abc import Callable
from datetime import datetime

import pytest

from tests.cases.conftest import PKT
from tests.conftest import Cast
from zabta.access.actions import role_grant
from zabta.access.models import Role
from zabta.cases.models import Case
from zabta.discipline.actions import proceeding_open
from zabta.discipline.views import is_manager

pytestmark = pytest.mark.django_db
T0 = datetime(2024, 10, 12, 10, tzinfo=PKT)


def test_a_monitor_who_heads_a_station_elsewhere_does_not_manage_this_proceeding(
    cast: Cast, escalated_case: Callable[..., Case]
) -> None:
    p = proceeding_open(case=escalated_case(), actor=cast.sho, facts="video in uniform", at=T0)
    monitor = cast.monitor  # sees the East zone's cases as a monitor
    assert not is_manager(monitor, p)
    role_grant(user=monitor, role=Role.UNIT_HEAD, unit=cast.ps_gulberg, actor="test")  # heads a West station
    assert not is_manager(monitor, p)  # the grant over Gulberg gives nothing over Korangi
    role_grant(user=monitor, role=Role.UNIT_HEAD, unit=p.unit, actor="test")
    assert is_manager(monitor, p)


@pytest.mark.parametrize(
    ("persona", "manages"),
    [("ssp", True), ("dig", True), ("range_admin", True), ("sho", True), ("monitor", False), ("media", False),
     ("other_zone", False), ("constable", False), ("auditor", False)],
)  # fmt: skip
def test_who_manages_a_korangi_proceeding(
    cast: Cast, escalated_case: Callable[..., Case], persona: str, manages: bool
) -> None:
    p = proceeding_open(case=escalated_case(), actor=cast.sho, facts="video in uniform", at=T0)
    assert is_manager(getattr(cast, persona), p) is manages
