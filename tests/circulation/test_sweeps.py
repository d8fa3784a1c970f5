"""Reminders and escalation to unit heads as scheduled sweeps, with a controlled clock."""

from datetime import timedelta

import pytest
import time_machine

from tests.circulation.conftest import T0
from tests.circulation.helpers import circulate_east, receipt_of
from tests.conftest import Cast
from zabta.audit.models import AuditEvent
from zabta.circulation.actions import acknowledge_in_web, circulation_close, escalate_overdue, send_reminders
from zabta.circulation.tasks import circulation_sweep
from zabta.notifications.models import Notification
from zabta.policy.models import DirectiveVersion

pytestmark = pytest.mark.django_db


def _reminded() -> set[str]:
    rows = Notification.objects.filter(template="circulation_reminder", channel="in_app")
    return set(rows.values_list("personnel__personnel_id", flat=True))


def test_reminds_only_those_who_have_not_acknowledged_after_n_days(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0, remind_after_days=3)
    acknowledge_in_web(receipt=receipt_of("P-1001", version), actor=cast.constable)
    with time_machine.travel(T0 + timedelta(days=2, hours=23), tick=False):
        assert send_reminders() == 0
    with time_machine.travel(T0 + timedelta(days=3), tick=False):
        assert send_reminders() == 5
        assert send_reminders() == 0  # a second sweep at the same moment reminds nobody twice
    assert _reminded() == {"P-1002", "P-1003", "P-1004", "P-1005", "P-1007"}
    assert receipt_of("P-1002", version).reminders_sent == 1
    with time_machine.travel(T0 + timedelta(days=5), tick=False):
        assert send_reminders() == 0  # next one is due 3 days after the last
    with time_machine.travel(T0 + timedelta(days=6), tick=False):
        assert send_reminders() == 5
    assert AuditEvent.objects.filter(action="circulation.reminded").count() == 10


def test_reminder_carries_a_fresh_code_and_old_codes_still_work(cast: Cast, version: DirectiveVersion) -> None:
    from tests.circulation.helpers import code_and_token, give_phones
    from zabta.circulation.actions import acknowledge_by_sms_reply

    give_phones()
    circulate_east(cast, version, T0, remind_after_days=1)
    first, _ = code_and_token("P-1001")
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        send_reminders()
    second, _ = code_and_token("P-1001")
    assert first != second
    assert acknowledge_by_sms_reply(phone="03001110001", text=f"ACK {first}").personnel.personnel_id == "P-1001"


def test_escalates_to_the_unit_head_after_the_escalation_period(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0, remind_after_days=3, escalate_after_days=7)
    acknowledge_in_web(receipt=receipt_of("P-1002", version), actor=cast.sho)
    with time_machine.travel(T0 + timedelta(days=6), tick=False):
        assert escalate_overdue() == 0
    with time_machine.travel(T0 + timedelta(days=7), tick=False):
        assert escalate_overdue() == 5
        assert escalate_overdue() == 0
    to_heads = Notification.objects.filter(template="circulation_escalation", channel="in_app")
    by_head = {n.personnel.personnel_id if n.personnel else "": n.body for n in to_heads}
    # The constable's SHO hears about him; the media officer and the Zaman constable (no SHO
    # posted there) go to the SSP; the SSP to the DIG; the DIG circulated it himself and has nobody above him.
    assert "Imran Ali" in by_head["P-1002"]
    assert "Bilal Khan" in by_head["P-1003"]
    assert "Sana Baloch" in by_head["P-1003"] and "Naveed Ahmed" not in by_head["P-1003"]  # he acknowledged
    assert "Asad Raza" in by_head["P-1004"] and "- Tariq Mehmood" not in by_head["P-1004"]  # nobody above the DIG
    assert set(by_head) == {"P-1002", "P-1003", "P-1004"} and to_heads.count() == 3
    assert AuditEvent.objects.filter(action="circulation.escalated").count() == 3


def test_a_closed_circulation_is_not_reminded_or_escalated(cast: Cast, version: DirectiveVersion) -> None:
    circulation = circulate_east(cast, version, T0)
    circulation_close(circulation=circulation, actor=cast.dig)
    with time_machine.travel(T0 + timedelta(days=30), tick=False):
        assert send_reminders() == 0 and escalate_overdue() == 0


def test_the_scheduled_sweep_task_runs_all_three(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0, remind_after_days=2, escalate_after_days=2)
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        result = circulation_sweep.call()
    assert result == {"delivered": 0, "reminded": 6, "escalated": 6}
