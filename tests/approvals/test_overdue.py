"""Approval steps left undecided past their due time: the authority is reminded once, the one above is told."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.approvals.factories import submitted
from tests.conftest import Cast
from zabta.approvals.actions import request_decide, routing_rule_set
from zabta.approvals.overdue import remind_overdue
from zabta.audit.models import AuditEvent
from zabta.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _in_app(template: str) -> list[str]:
    rows = Notification.objects.filter(template=template, channel="in_app").select_related("user")
    return sorted(n.user.username for n in rows if n.user is not None)


def test_nothing_is_reminded_before_the_due_time(cast: Cast) -> None:
    request = submitted(cast)
    assert request.due_at is not None
    assert remind_overdue(now=request.due_at - timedelta(minutes=1)) == 0
    assert _in_app("approval_overdue") == []


def test_overdue_step_reminds_its_authority_once_and_tells_the_unit_above(cast: Cast) -> None:
    request = submitted(cast)
    assert request.due_at is not None
    late = request.due_at + timedelta(minutes=1)
    assert remind_overdue(now=late) == 1
    assert _in_app("approval_overdue") == ["ssp"]
    assert _in_app("approval_overdue_above") == ["dig"]  # Korangi district comes under the East zone
    above = Notification.objects.get(template="approval_overdue_above", channel="in_app")
    assert "Korangi" in above.subject or "Korangi" in above.body
    event = AuditEvent.objects.get(action="approvals.request.overdue_reminded")
    assert event.object_id == str(request.pk)
    assert remind_overdue(now=late + timedelta(hours=6)) == 0  # once per step, never twice
    assert Notification.objects.filter(template="approval_overdue", channel="in_app").count() == 1


def test_the_next_step_is_reminded_again_after_its_own_due_time(cast: Cast) -> None:
    routing_rule_set(actor=cast.ssp, unit=cast.korangi, steps=[(cast.korangi, 24), (cast.east, 24)], validity_days=7)
    request = submitted(cast)
    assert request.due_at is not None
    with time_machine.travel(request.due_at + timedelta(hours=1), tick=False):
        assert remind_overdue(now=timezone.now()) == 1
        request_decide(request=request, actor=cast.ssp, decision="approve", reason="late but fine")
    request.refresh_from_db()
    assert request.step == 1 and request.due_at is not None
    assert remind_overdue(now=request.due_at - timedelta(minutes=1)) == 0
    assert remind_overdue(now=request.due_at + timedelta(minutes=1)) == 1
    assert _in_app("approval_overdue") == ["dig", "ssp"]


def test_decided_requests_are_never_reminded(cast: Cast) -> None:
    request = submitted(cast)
    request_decide(request=request, actor=cast.ssp, decision="reject", reason="not suitable")
    assert remind_overdue(now=timezone.now() + timedelta(days=30)) == 0
    assert _in_app("approval_overdue") == []


def test_the_scheduled_sweep_command_runs_the_approval_reminders(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    request = submitted(cast)
    assert request.due_at is not None
    with time_machine.travel(request.due_at + timedelta(hours=1), tick=False):
        call_command("circulation", "sweep", "--inline")
    assert "approvals: {'overdue_reminded': 1}" in capsys.readouterr().out
    assert _in_app("approval_overdue") == ["ssp"]
