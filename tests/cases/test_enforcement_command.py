"""`zabta enforcement sweep` runs both sweeps and says what it did; `--repeat` queues the self-repeating task."""

import io
from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from tests.cases.conftest import PKT, OpenCase
from tests.conftest import Cast
from zabta.cases.models import CaseStatus
from zabta.cases.removal import notice_issue

pytestmark = pytest.mark.django_db


def test_sweep_command_escalates_overdue_cases(cast: Cast, open_case: OpenCase) -> None:
    case = open_case()
    notice_issue(case=case, actor=cast.ssp, at=datetime(2024, 10, 3, 10, tzinfo=PKT))
    out = io.StringIO()
    with time_machine.travel(datetime(2024, 10, 12, tzinfo=PKT), tick=False):
        call_command("enforcement", "sweep", stdout=out)
    assert "escalated 1 of 1 overdue case(s)" in out.getvalue()
    case.refresh_from_db()
    assert case.status == CaseStatus.ESCALATED


def test_repeat_queues_the_sweep_task(cast: Cast, settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    out = io.StringIO()
    call_command("enforcement", "sweep", "--repeat", stdout=out)
    assert "queued" in out.getvalue()
    assert DBTaskResult.objects.filter(task_path="zabta.cases.tasks.sweep_deadlines").count() == 1
