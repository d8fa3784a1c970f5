"""Action functions of the removal stage: the notice, acknowledgement, the officer's claim and re-checks."""

import hashlib
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zabta.audit.actions import record
from zabta.cases.actions import _label
from zabta.cases.deadlines import KARACHI, removal_deadline, removal_rule
from zabta.cases.errors import CaseInputError, InvalidTransition
from zabta.cases.models import AWAITING_REMOVAL, Case, CaseStatus, Notice, Recheck, RecheckMethod, RecheckOutcome
from zabta.cases.notify import bilingual, notify_in_app
from zabta.circulation.selectors import acknowledged_at

NOTICE_SUBJECT = gettext_noop("Removal notice %(ref)s")
NOTICE_BODY = gettext_noop(
    "Content you posted (%(url)s) breaches clause(s) %(clauses)s of the directive %(directive)s. Remove it by "
    "%(deadline)s (Pakistan time). After that, departmental action follows. Mark it removed in Zabta when done: "
    "removal is verified by a re-check."
)
NOTICE_BODY_WAITING = gettext_noop(
    "Content you posted (%(url)s) before the directive %(directive)s took effect breaches clause(s) %(clauses)s. "
    "Acknowledge this notice and the directive in Zabta: you then have %(days)d days to remove it."
)
SCREENSHOT_MAX_BYTES = 10 * 1024 * 1024
SCREENSHOT_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF")


def _locked(case: Case) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("directive_version__directive", "officer")
        .get(pk=case.pk)
    )


def notice_issue(*, case: Case, actor: Any, at: datetime | None = None) -> Notice:
    """Issue the removal notice; the deadline follows the directive's rule for when the content was posted."""
    with transaction.atomic():
        case = _locked(case)
        if case.status != CaseStatus.OPEN:
            raise InvalidTransition(_("a notice is issued once, on an open case"))
        if case.officer_id is None:
            raise InvalidTransition(_("link the account to an officer before issuing a notice"))
        now = at or timezone.now()
        rule = removal_rule(case.directive_version, case.posted_at)
        deadline = removal_deadline(rule, notice_at=now, acknowledged_at=directive_acknowledged_at(case))
        notice = Notice(case=case, issued_at=now, issued_by=_label(actor), clock_rule=rule.clock, deadline=deadline)
        message = bilingual(NOTICE_SUBJECT, NOTICE_BODY if deadline else NOTICE_BODY_WAITING, **_values(case, deadline,
                            rule.days))  # fmt: skip
        notice.text_en, notice.text_ur = message.body_en, message.body_ur
        notice.save()
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.NOTICE_ISSUED, removal_deadline=deadline)
        notify_in_app(case=case, officer=case.officer, kind="removal_notice", message=message, actor=actor)
        record(actor=actor, action="cases.notice.issued", obj=case, before={"status": case.status},
               after={"status": CaseStatus.NOTICE_ISSUED, "deadline": deadline, "clock_rule": rule.clock})  # fmt: skip
    return notice


def directive_acknowledged_at(case: Case) -> datetime | None:
    """When the officer acknowledged the directive version of the case (circulation receipts), if he has."""
    if case.officer_id is None:
        return None
    return acknowledged_at(personnel_id=case.officer_id, version_id=case.directive_version_id)


def clock_start_from_circulation(*, case: Case, actor: Any = "system:sweep") -> Notice | None:
    """A pre-directive clock waiting for acknowledgement starts once the officer acknowledges the directive through
    circulation; the deadline then runs from the later of that and the notice. Claimed by a conditional UPDATE."""
    acknowledged = directive_acknowledged_at(case)
    notice = case.notices.first()
    if acknowledged is None or notice is None or notice.deadline is not None:
        return None
    with transaction.atomic():
        rule = removal_rule(case.directive_version, case.posted_at)
        deadline = removal_deadline(rule, notice_at=notice.issued_at, acknowledged_at=acknowledged)
        if Notice.objects.filter(pk=notice.pk, deadline__isnull=True).update(deadline=deadline) != 1:
            return None
        Case.objects.filter(pk=case.pk, status__in=AWAITING_REMOVAL).update(removal_deadline=deadline)
        record(actor=actor, action="cases.notice.clock_started", obj=case,
               after={"directive_acknowledged_at": acknowledged, "deadline": deadline})  # fmt: skip
    notice.refresh_from_db()
    return notice


def _values(case: Case, deadline: datetime | None, days: int) -> dict[str, Any]:
    return {
        "ref": case.reference, "url": case.content_url or case.content_sha256[:16] or case.reference,
        "clauses": ", ".join(case.clauses.values_list("key", flat=True)),
        "directive": case.directive_version.reference_number,
        "deadline": deadline.astimezone(KARACHI).strftime("%d-%m-%Y %H:%M") if deadline else "", "days": days,
    }  # fmt: skip


def notice_acknowledge(*, notice: Notice, actor: Any, at: datetime | None = None) -> Notice:
    """The officer acknowledges the notice (and the directive); a waiting clock starts now."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.acknowledged_at is not None:
            raise InvalidTransition(_("the notice was already acknowledged"))
        case = _locked(notice.case)
        now = at or timezone.now()
        notice.acknowledged_at = now
        rule = removal_rule(case.directive_version, case.posted_at)
        deadline = removal_deadline(rule, notice_at=notice.issued_at, acknowledged_at=now)
        notice.deadline = deadline
        notice.save(update_fields=["acknowledged_at", "deadline"])
        if case.status in AWAITING_REMOVAL:
            Case.objects.filter(pk=case.pk).update(removal_deadline=deadline)
        record(actor=actor, action="cases.notice.acknowledged", obj=case,
               after={"notice": notice.pk, "acknowledged_at": now, "deadline": deadline})  # fmt: skip
    return notice


def removal_mark(*, case: Case, actor: Any) -> Case:
    """The officer says the content is gone. Not trusted: it triggers a re-check."""
    with transaction.atomic():
        case = _locked(case)
        if case.status != CaseStatus.NOTICE_ISSUED:
            raise InvalidTransition(_("only a case awaiting removal can be marked removed"))
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.REMOVAL_CLAIMED)
        record(actor=actor, action="cases.removal.claimed", obj=case, before={"status": case.status},
               after={"status": CaseStatus.REMOVAL_CLAIMED})  # fmt: skip
        transaction.on_commit(lambda: _enqueue_recheck(case.pk))
    case.refresh_from_db()
    return case


def _enqueue_recheck(case_id: int) -> None:
    from zabta.cases.tasks import recheck_case

    recheck_case.enqueue(case_id)


def recheck_record(
    *, case: Case, outcome: str, method: str, actor: Any, detail: str = "", screenshot: UploadedFile[bytes] | None = None,
    at: datetime | None = None,
) -> Recheck:  # fmt: skip
    """Record one re-check. Removed before the deadline closes the case; still up puts it back to waiting (or to
    the sweep, once overdue); unreachable verifies nothing and changes nothing."""
    outcome, method = RecheckOutcome(outcome), RecheckMethod(method)
    digest = _check_screenshot(screenshot) if method == RecheckMethod.REVIEWER else ""
    with transaction.atomic():
        case = _locked(case)
        if case.status in (CaseStatus.MERGED, CaseStatus.CLOSED, CaseStatus.REMOVED):
            raise InvalidTransition(_("this case needs no re-check"))
        now = at or timezone.now()
        check = Recheck(case=case, checked_at=now, method=method, outcome=outcome, detail=detail[:500],
                        checked_by=_label(actor), screenshot_sha256=digest)  # fmt: skip
        if screenshot is not None and digest:
            check.screenshot.save(f"case-{case.pk}-{digest[:12]}.img", screenshot, save=False)
        check.save()
        new_status = _status_after(case, outcome)
        updates: dict[str, Any] = {"status": new_status}
        if outcome == RecheckOutcome.REMOVED and case.content_removed_at is None:
            updates["content_removed_at"] = now
        Case.objects.filter(pk=case.pk).update(**updates)
        record(actor=actor, action="cases.recheck.recorded", obj=case, before={"status": case.status},
               after={"status": new_status, "outcome": outcome, "method": method, "screenshot_sha256": digest})  # fmt: skip
    return check


def _status_after(case: Case, outcome: RecheckOutcome) -> str:
    if outcome == RecheckOutcome.UNREACHABLE:
        return case.status
    if case.status in AWAITING_REMOVAL:
        return CaseStatus.REMOVED if outcome == RecheckOutcome.REMOVED else CaseStatus.NOTICE_ISSUED
    return case.status  # escalated or actioned: removal is noted, departmental action stays due


def _check_screenshot(screenshot: UploadedFile[bytes] | None) -> str:
    if screenshot is None:
        raise CaseInputError(_("a reviewer's confirmation needs a screenshot"))
    if screenshot.size is None or screenshot.size > SCREENSHOT_MAX_BYTES:
        raise CaseInputError(_("the screenshot is larger than 10 MB"))
    head = screenshot.read(12)
    screenshot.seek(0)
    if not head.startswith(SCREENSHOT_MAGIC) or (head.startswith(b"RIFF") and head[8:12] != b"WEBP"):
        raise CaseInputError(_("the screenshot must be a PNG, JPEG or WebP image"))
    digest = hashlib.sha256()
    for chunk in screenshot.chunks():
        digest.update(chunk)
    screenshot.seek(0)
    return digest.hexdigest()
