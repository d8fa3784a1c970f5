"""Escalation: overdue notices go to the unit head, then SSP -> DIG -> Addl. IGP; lapses count against heads."""

from datetime import datetime, timedelta

import pytest

from tests.cases.conftest import PKT, OpenCase
from tests.conftest import Cast
from zabta.audit.models import AuditEvent
from zabta.cases.errors import InvalidTransition
from zabta.cases.escalation import action_record, case_close, sweep_overdue_notices, sweep_unacted_escalations
from zabta.cases.models import Case, CaseStatus, Escalation, InAppNotice
from zabta.cases.removal import notice_issue, recheck_record, removal_mark

pytestmark = pytest.mark.django_db
NOTICE_AT = datetime(2024, 10, 3, 10, tzinfo=PKT)
DEADLINE = datetime(2024, 10, 11, 0, tzinfo=PKT)


def _noticed(cast: Cast, open_case: OpenCase) -> Case:
    case = open_case()
    notice_issue(case=case, actor=cast.ssp, at=NOTICE_AT)
    return case


def test_nothing_happens_before_the_deadline(cast: Cast, open_case: OpenCase) -> None:
    _noticed(cast, open_case)
    assert sweep_overdue_notices(now=DEADLINE - timedelta(seconds=1)).acted == 0
    assert not Escalation.objects.exists()


def test_overdue_case_goes_to_the_officers_unit_head(cast: Cast, open_case: OpenCase, settings: object) -> None:
    case = _noticed(cast, open_case)
    assert sweep_overdue_notices(now=DEADLINE).acted == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.ESCALATED and case.escalation_level == 0
    assert case.action_due_at == DEADLINE + timedelta(days=7)
    level0 = Escalation.objects.get(case=case)
    assert (level0.unit, level0.head) == (cast.ps_kia, cast.sho.personnel)
    assert InAppNotice.objects.filter(case=case, kind="escalation", user=cast.sho).exists()
    assert AuditEvent.objects.filter(action="cases.case.escalated", object_id=str(case.pk)).count() == 1
    assert sweep_overdue_notices(now=DEADLINE + timedelta(days=1)).acted == 0


def test_inaction_passes_up_ssp_dig_addl_igp_and_counts_against_each_head(
    cast: Cast, open_case: OpenCase, settings: object
) -> None:
    case = _noticed(cast, open_case)
    sweep_overdue_notices(now=DEADLINE)
    moment = DEADLINE
    for _level in range(4):
        moment += timedelta(days=7)
        sweep_unacted_escalations(now=moment - timedelta(seconds=1))  # not yet due: nothing
        sweep_unacted_escalations(now=moment)
    rungs = list(Escalation.objects.filter(case=case).order_by("level"))
    assert [(e.unit, e.head) for e in rungs] == [
        (cast.ps_kia, cast.sho.personnel), (cast.korangi, cast.ssp.personnel), (cast.east, cast.dig.personnel),
        (cast.range, None),
    ]  # fmt: skip
    assert all(e.lapsed_at is not None for e in rungs)
    case.refresh_from_db()
    assert case.escalation_level == 3 and case.action_due_at is None and case.status == CaseStatus.ESCALATED


def test_escalation_days_are_configurable(cast: Cast, open_case: OpenCase, settings: object) -> None:
    settings.ZABTA_ESCALATION_DAYS = 2  # type: ignore[attr-defined]
    case = _noticed(cast, open_case)
    sweep_overdue_notices(now=DEADLINE)
    case.refresh_from_db()
    assert case.action_due_at == DEADLINE + timedelta(days=2)


def test_action_by_the_unit_head_stops_escalation(cast: Cast, open_case: OpenCase) -> None:
    case = _noticed(cast, open_case)
    sweep_overdue_notices(now=DEADLINE)
    acted = action_record(case=case, actor=cast.sho, note="show-cause issued", at=DEADLINE + timedelta(days=2))
    assert acted.status == CaseStatus.ACTION_TAKEN and acted.action_hours == 48
    assert sweep_unacted_escalations(now=DEADLINE + timedelta(days=30)).acted == 0
    assert Escalation.objects.get(case=case).acted_at is not None
    with pytest.raises(InvalidTransition):
        action_record(case=case, actor=cast.sho, note="again")
    assert case_close(case=case, actor=cast.sho, reason="done").status == CaseStatus.CLOSED


def test_removal_verified_before_deadline_never_escalates(cast: Cast, open_case: OpenCase) -> None:
    case = _noticed(cast, open_case)
    removal_mark(case=case, actor=cast.constable)
    recheck_record(case=case, outcome="removed", method="url_fetch", actor="system")
    assert sweep_overdue_notices(now=DEADLINE + timedelta(days=3)).acted == 0


def test_removal_claimed_but_still_up_after_deadline_escalates(cast: Cast, open_case: OpenCase) -> None:
    case = _noticed(cast, open_case)
    removal_mark(case=case, actor=cast.constable)
    assert sweep_overdue_notices(now=DEADLINE).acted == 0  # the re-check decides first
    recheck_record(case=case, outcome="still_up", method="url_fetch", actor="system")
    assert sweep_overdue_notices(now=DEADLINE + timedelta(hours=1)).acted == 1
