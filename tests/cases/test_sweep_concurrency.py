"""Two workers sweep at the same moment: each overdue case is escalated exactly once."""

import threading
import time
from datetime import datetime
from typing import Any

import pytest
from django.db import OperationalError, connection

from tests.cases.conftest import PKT
from tests.conftest import build_cast
from zabta.audit.models import AuditEvent
from zabta.cases.actions import case_open
from zabta.cases.escalation import SweepReport, sweep_overdue_notices
from zabta.cases.models import Case, CaseStatus, Escalation
from zabta.cases.removal import notice_issue

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
CASES = 12


def test_two_workers_act_on_each_case_exactly_once() -> None:
    cast = build_cast()
    officers = [cast.constable.personnel, cast.zaman_constable]
    for i in range(CASES):
        case = case_open(actor="test", officer=officers[i % 2], clause_keys=["KHI-2024-SM-1"],
                         posted_at=datetime(2024, 10, 1, tzinfo=PKT), captured_at=datetime(2024, 10, 2, tzinfo=PKT),
                         content_url=f"https://video.example/v/{i}")  # fmt: skip
        notice_issue(case=case, actor="test", at=datetime(2024, 10, 2, tzinfo=PKT))
    barrier = threading.Barrier(2)
    reports: list[SweepReport] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            for _attempt in range(1000):
                try:
                    reports.append(sweep_overdue_notices(now=datetime(2024, 11, 1, tzinfo=PKT)))
                    break
                except OperationalError as exc:
                    # The in-memory test SQLite shares one cache between threads and reports its table locks
                    # at once instead of waiting; a worker whose sweep failed simply sweeps again.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.02)  # a retry pause, not a clock: the assertions do not depend on timing
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads: list[Any] = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(reports) == 2
    # A sweep commits case by case: one that hit the test database's lock and swept again reports only its last
    # pass, so the reports may count fewer acts than happened, never more. Exactly once is proved by the rows.
    assert sum(r.acted for r in reports) <= CASES
    assert Case.objects.filter(status=CaseStatus.ESCALATED).count() == CASES
    assert Escalation.objects.count() == CASES
    assert AuditEvent.objects.filter(action="cases.case.escalated").count() == CASES
