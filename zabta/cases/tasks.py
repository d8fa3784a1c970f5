"""Background tasks: they take ids, load objects and call the actions. Sweeps re-enqueue themselves."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from zabta.cases.checkers import CHECKERS
from zabta.cases.escalation import sweep_overdue_notices, sweep_unacted_escalations, sweep_waiting_clocks
from zabta.cases.models import Case, CaseStatus, RecheckMethod
from zabta.cases.removal import recheck_record

SWEEP_EVERY = timedelta(minutes=15)


@task()
def recheck_case(case_id: int) -> str:
    case = Case.objects.filter(pk=case_id, status=CaseStatus.REMOVAL_CLAIMED).first()
    if case is None:
        return "not awaiting a re-check"
    result = CHECKERS["url_fetch"].check(case)
    recheck_record(case=case, outcome=result.outcome, method=RecheckMethod.URL_FETCH, detail=result.detail,
                   actor="system:recheck")  # fmt: skip
    return str(result.outcome)


@task()
def sweep_deadlines(repeat: bool = False) -> dict[str, int]:
    sweep_waiting_clocks()
    overdue = sweep_overdue_notices()
    lapsed = sweep_unacted_escalations()
    if repeat:
        sweep_deadlines.using(run_after=timezone.now() + SWEEP_EVERY).enqueue(True)
    return {"escalated": overdue.acted, "passed_up": lapsed.acted}
