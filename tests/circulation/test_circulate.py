"""Circulating a directive version to a unit subtree, and delivery to every serving officer under it."""

from datetime import date, timedelta
from typing import Any

import pytest

from tests.circulation.conftest import T0
from tests.circulation.helpers import circulate_east, give_phones
from tests.conftest import Cast
from tests.notifications.fakes import SmsGatewayState
from zabta.audit.models import AuditEvent
from zabta.circulation.actions import NotPermitted, circulation_close, circulation_create, deliver_to_newcomers
from zabta.circulation.models import Receipt
from zabta.notifications.models import Notification
from zabta.org.actions import InvalidTransition, personnel_update, posting_transfer
from zabta.policy.models import DirectiveVersion

pytestmark = pytest.mark.django_db
EAST_PEOPLE = {"P-1001", "P-1002", "P-1003", "P-1004", "P-1005", "P-1007"}


def _receivers(version: DirectiveVersion) -> set[str]:
    return set(Receipt.objects.filter(version=version).values_list("personnel__personnel_id", flat=True))


def test_every_serving_officer_under_the_unit_receives_it(cast: Cast, version: DirectiveVersion) -> None:
    circulation = circulate_east(cast, version, T0)
    assert _receivers(version) == EAST_PEOPLE
    assert AuditEvent.objects.filter(action="circulation.circulated", object_id=str(circulation.pk)).count() == 1
    assert AuditEvent.objects.filter(action="circulation.delivered").count() == len(EAST_PEOPLE)
    in_app = Notification.objects.filter(template="circulation_issued", channel="in_app", status="sent")
    assert set(in_app.values_list("personnel__personnel_id", flat=True)) == EAST_PEOPLE


def test_delivery_runs_as_a_background_task_after_commit(
    cast: Cast, version: DirectiveVersion, immediate_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        circulation_create(version=version, unit=cast.korangi, actor=cast.ssp, now=T0)
    assert _receivers(version) == set()  # nothing delivered inside the request's transaction
    for callback in callbacks:
        callback()
    assert _receivers(version) == EAST_PEOPLE - {"P-1004"}


def test_suspended_retired_and_other_zone_officers_are_not_included(cast: Cast, version: DirectiveVersion) -> None:
    personnel_update(personnel=cast.zaman_constable, actor="test", status="retired")
    circulate_east(cast, version, T0)
    assert "P-1007" not in _receivers(version)
    assert not {"P-1006", "P-1008"} & _receivers(version)


def test_officers_reached_in_their_language_with_a_code_by_sms(
    cast: Cast, version: DirectiveVersion, sms_gateway: SmsGatewayState, immediate_tasks: None,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    personnel_update(personnel=cast.zaman_constable, actor="test", preferred_language="en")
    give_phones()
    with django_capture_on_commit_callbacks(execute=True):
        circulate_east(cast, version, T0)
    by_number = {m["to"]: m["message"] for m in sms_gateway.received}
    assert set(by_number) == {"+923001110001", "+923001110002", "+923001110007"}
    assert "ہدایت نامہ" in by_number["+923001110001"] and "ACK " in by_number["+923001110001"]
    english = by_number["+923001110007"]
    assert english.startswith("Sindh Police: directive KHI-2024-SM v1") and "reply ACK " in english
    assert len(english) <= 160  # one SMS on a basic phone


def test_officer_posted_in_later_receives_it_on_posting(cast: Cast, version: DirectiveVersion) -> None:
    circulation = circulate_east(cast, version, T0)
    posting_transfer(personnel=cast.gulberg_constable, unit=cast.ps_kia, effective=date(2024, 10, 5), actor="test")
    assert deliver_to_newcomers(now=T0 + timedelta(days=4)) == 1
    receipt = Receipt.objects.get(personnel=cast.gulberg_constable)
    assert receipt.circulation == circulation and receipt.unit == cast.ps_kia
    assert deliver_to_newcomers(now=T0 + timedelta(days=5)) == 0  # once only


def test_a_closed_circulation_delivers_no_more(cast: Cast, version: DirectiveVersion) -> None:
    circulation = circulate_east(cast, version, T0)
    circulation_close(circulation=circulation, actor=cast.dig)
    posting_transfer(personnel=cast.gulberg_constable, unit=cast.ps_kia, effective=date(2024, 10, 5), actor="test")
    assert deliver_to_newcomers() == 0
    with pytest.raises(InvalidTransition):
        circulation_close(circulation=circulation, actor=cast.dig)


def test_sho_cannot_circulate_above_his_station(cast: Cast, version: DirectiveVersion) -> None:
    with pytest.raises(NotPermitted):
        circulation_create(version=version, unit=cast.korangi, actor=cast.sho)
    with pytest.raises(NotPermitted):
        circulation_create(version=version, unit=cast.ps_kia, actor=cast.other_zone)
    with pytest.raises(NotPermitted):
        circulation_create(version=version, unit=cast.ps_kia, actor=cast.monitor)


def test_the_same_version_is_not_circulated_twice_to_one_unit(cast: Cast, version: DirectiveVersion) -> None:
    circulation_create(version=version, unit=cast.ps_kia, actor=cast.sho)
    with pytest.raises(InvalidTransition):
        circulation_create(version=version, unit=cast.ps_kia, actor=cast.ssp)


def test_overlapping_circulations_give_each_officer_one_copy(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0)
    later = circulation_create(version=version, unit=cast.korangi, actor=cast.ssp, now=T0 + timedelta(hours=1))
    from zabta.circulation.actions import circulation_deliver

    assert circulation_deliver(circulation=later) == 0
    assert Receipt.objects.filter(version=version).count() == len(EAST_PEOPLE)


@pytest.mark.parametrize(("remind", "escalate"), [(0, 7), (3, 0), (3, 91)])
def test_reminder_periods_out_of_range_are_refused(
    cast: Cast, version: DirectiveVersion, remind: int, escalate: int
) -> None:
    with pytest.raises(InvalidTransition):
        circulation_create(version=version, unit=cast.ps_kia, actor=cast.sho, remind_after_days=remind,
                           escalate_after_days=escalate)  # fmt: skip
