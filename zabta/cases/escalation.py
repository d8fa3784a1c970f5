"""Escalation: past the deadline with the content up, the case goes to the officer's unit head; each head who
does not act within ZABTA_ESCALATION_DAYS passes it up (SSP -> DIG -> Addl. IGP) and the lapse counts against him.

The sweeps claim each case with a conditional UPDATE (and, on PostgreSQL, skip rows another worker holds with
SELECT ... FOR UPDATE SKIP LOCKED), so several workers can run them at once and each case is acted on once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zabta.audit.actions import record
from zabta.cases.chain import head_of, ladder
from zabta.cases.errors import InvalidTransition
from zabta.cases.models import Case, CaseStatus, Escalation
from zabta.cases.notify import bilingual, notify_in_app

SYSTEM = "system:sweep"
ESCALATED_SUBJECT = gettext_noop("Case %(ref)s needs your departmental action")
ESCALATED_BODY = gettext_noop(
    "The removal deadline of case %(ref)s (%(officer)s) has passed with the content still up. Take departmental "
    "action by %(due)s (Pakistan time); otherwise the case goes to the next level and the lapse is recorded "
    "against you."
)


def escalation_days() -> int:
    return int(getattr(settings, "ZABTA_ESCALATION_DAYS", 7))


@dataclass
class SweepReport:
    examined: int = 0
    acted: int = 0


def _claimable(queryset: QuerySet[Case], pk: int) -> bool:
    """Lock the row if this database can skip rows locked by another worker; else rely on the UPDATE claim."""
    if connection.features.has_select_for_update_skip_locked:
        return bool(list(queryset.select_for_update(skip_locked=True).filter(pk=pk).values_list("pk", flat=True)))
    return True


def sweep_overdue_notices(*, now: datetime | None = None) -> SweepReport:
    """Escalate every case whose removal deadline has passed while it still waits for removal."""
    now = now or timezone.now()
    report = SweepReport()
    due = Case.objects.filter(status=CaseStatus.NOTICE_ISSUED, removal_deadline__lte=now)
    for pk in list(due.values_list("pk", flat=True)[:5000]):
        report.examined += 1
        with transaction.atomic():
            if not _claimable(due, pk):
                continue
            claimed = due.filter(pk=pk, escalation_level=0).update(
                status=CaseStatus.ESCALATED, escalated_at=now, action_due_at=now + timedelta(days=escalation_days())
            )
            if claimed == 1:
                _open_level(Case.objects.select_related("officer").get(pk=pk), level=0, now=now)
                report.acted += 1
    return report


def sweep_waiting_clocks() -> SweepReport:
    """Start the removal clock of pre-directive cases whose officer has since acknowledged the directive."""
    from zabta.cases.removal import clock_start_from_circulation

    report = SweepReport()
    waiting = Case.objects.filter(status=CaseStatus.NOTICE_ISSUED, removal_deadline__isnull=True)
    for case in waiting.select_related("directive_version__directive")[:5000]:
        report.examined += 1
        report.acted += clock_start_from_circulation(case=case) is not None
    return report


def sweep_unacted_escalations(*, now: datetime | None = None) -> SweepReport:
    """Pass every case whose current unit head let the action period lapse to the next level."""
    now = now or timezone.now()
    report = SweepReport()
    due = Case.objects.filter(status=CaseStatus.ESCALATED, action_due_at__lte=now)
    for pk, level in list(due.values_list("pk", "escalation_level")[:5000]):
        report.examined += 1
        with transaction.atomic():
            if not _claimable(due, pk):
                continue
            case = Case.objects.select_related("responsible_unit", "officer").get(pk=pk)
            rungs = ladder(case.responsible_unit)
            top = level + 1 >= len(rungs)
            next_due = None if top else now + timedelta(days=escalation_days())
            claimed = due.filter(pk=pk, escalation_level=level).update(
                escalation_level=level if top else level + 1, action_due_at=next_due
            )
            if claimed != 1:
                continue
            _lapse(case, level=level, now=now)
            if not top:
                _open_level(case, level=level + 1, now=now, rungs=rungs)
            report.acted += 1
    return report


def _open_level(case: Case, *, level: int, now: datetime, rungs: list[Any] | None = None) -> Escalation:
    rungs = rungs or ladder(case.responsible_unit)
    unit = rungs[min(level, len(rungs) - 1)]
    head = head_of(unit)
    due = now + timedelta(days=escalation_days())
    escalation = Escalation.objects.create(case=case, level=level, unit=unit, head=head, opened_at=now, due_at=due)
    if head is not None:
        values = {"ref": case.reference, "officer": case.subject, "due": timezone.localtime(due).strftime("%d-%m-%Y")}
        notify_in_app(case=case, officer=head, kind="escalation",
                      message=bilingual(ESCALATED_SUBJECT, ESCALATED_BODY, **values))  # fmt: skip
    record(actor=SYSTEM, action="cases.case.escalated", obj=case,
           after={"level": level, "unit": unit.code, "head": head.personnel_id if head else None, "due_at": due})  # fmt: skip
    return escalation


def _lapse(case: Case, *, level: int, now: datetime) -> None:
    escalation = Escalation.objects.get(case=case, level=level)
    Escalation.objects.filter(pk=escalation.pk).update(lapsed_at=now)
    record(actor=SYSTEM, action="cases.escalation.lapsed", obj=case,
           after={"level": level, "unit": escalation.unit.code,
                  "head": escalation.head.personnel_id if escalation.head else None})  # fmt: skip


def action_record(*, case: Case, actor: Any, note: str, at: datetime | None = None) -> Case:
    """The unit head (or anyone above him) takes departmental action, e.g. opens proceedings."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status != CaseStatus.ESCALATED:
            raise InvalidTransition(_("departmental action is recorded on an escalated case"))
        now = at or timezone.now()
        hours = max(0, int((now - (case.escalated_at or now)).total_seconds() // 3600))
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.ACTION_TAKEN, actioned_at=now, action_hours=hours,
                                               action_due_at=None)  # fmt: skip
        Escalation.objects.filter(case=case, level=case.escalation_level).update(acted_at=now)
        record(actor=actor, action="cases.case.action_taken", obj=case, before={"status": case.status},
               after={"status": CaseStatus.ACTION_TAKEN, "level": case.escalation_level}, reason=note)  # fmt: skip
    case.refresh_from_db()
    return case


def case_close(*, case: Case, actor: Any, reason: str) -> Case:
    """Close a case whose removal was verified or whose departmental action has concluded."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status not in (CaseStatus.REMOVED, CaseStatus.ACTION_TAKEN):
            raise InvalidTransition(_("only a case with removal verified or action taken can be closed"))
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
        record(actor=actor, action="cases.case.closed", obj=case, before={"status": case.status},
               after={"status": CaseStatus.CLOSED}, reason=reason)  # fmt: skip
    case.refresh_from_db()
    return case
