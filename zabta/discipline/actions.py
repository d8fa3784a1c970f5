"""Action functions of disciplinary proceedings. Each stage is guarded; each change is audited in its transaction.

Stages: preliminary -> charged (show-cause or charge sheet) -> replied (or the reply period lapses) -> inquiry ->
reported -> heard -> ordered -> appealed -> final. A show-cause notice may go from the reply straight to the personal
hearing (minor penalties only); a major penalty needs a charge sheet, an inquiry report and a hearing. Suspension is
interim, not a penalty, and may be ordered or lifted at any stage before the order.
"""

from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zabta.access.models import User
from zabta.audit.actions import record
from zabta.cases.deadlines import KARACHI
from zabta.cases.errors import CaseInputError, InvalidTransition
from zabta.cases.escalation import action_record
from zabta.cases.models import Case, CaseStatus
from zabta.discipline.documents import documents_generate
from zabta.discipline.models import AppealDecision, ChargeKind, DocumentKind, Proceeding, Stage
from zabta.discipline.recommend import recommend
from zabta.discipline.schedule import EXONERATED, appeal_days, may_impose, penalty
from zabta.org.actions import personnel_update
from zabta.org.models import PersonnelStatus, Rank

TEXT_MAX = 20000
STATUS_AFTER = {"dismissal": PersonnelStatus.DISMISSED, "removal": PersonnelStatus.DISMISSED,
                "compulsory_retirement": PersonnelStatus.RETIRED}  # fmt: skip


def _end_of_karachi_day(moment: datetime, days: int) -> datetime:
    return datetime.combine(moment.astimezone(KARACHI).date() + timedelta(days=days + 1), time.min, tzinfo=KARACHI)


def _locked(proceeding: Proceeding, *stages: Stage) -> Proceeding:
    locked = Proceeding.objects.select_for_update(of=("self",)).select_related("officer__rank").get(pk=proceeding.pk)
    if stages and locked.stage not in stages:
        raise InvalidTransition(_("not possible at the stage “%(stage)s”") % {"stage": locked.get_stage_display()})
    return locked


def _text(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise CaseInputError(_("%(what)s cannot be empty") % {"what": what})
    if len(value) > TEXT_MAX:
        raise CaseInputError(_("%(what)s is longer than 20,000 characters") % {"what": what})
    return value


def _move(p: Proceeding, actor: Any, stage: Stage, fields: dict[str, Any], action: str, reason: str = "") -> None:
    before = p.stage
    for name, value in {**fields, "stage": stage}.items():
        setattr(p, name, value)
    p.save(update_fields=[*fields, "stage"])
    record(actor=actor, action=f"discipline.{action}", obj=p, before={"stage": before},
           after={"stage": stage, **{k: v for k, v in fields.items() if not isinstance(v, User)}}, reason=reason)  # fmt: skip


def proceeding_open(*, case: Case, actor: Any, facts: str = "", at: datetime | None = None) -> Proceeding:
    """Open proceedings on a case; on an escalated case this is the unit head's departmental action."""
    now = at or timezone.now()
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("officer").get(pk=case.pk)
        if case.officer is None or case.status in (CaseStatus.MERGED, CaseStatus.CLOSED, CaseStatus.OPEN):
            raise InvalidTransition(_("proceedings are opened on a live case against an officer, after the notice"))
        if case.proceedings.exclude(stage=Stage.FINAL).exists():
            raise InvalidTransition(_("this case already has proceedings under way"))
        if case.status == CaseStatus.ESCALATED:
            action_record(case=case, actor=actor, note=_("disciplinary proceedings opened"), at=now)
            case.refresh_from_db()
        advice = recommend(case)
        p = Proceeding.objects.create(
            reference=f"pending-{case.pk}-{now.timestamp()}"[:60], case=case, officer=case.officer,
            unit=case.responsible_unit, opened_at=now, opened_by=getattr(actor, "username", str(actor))[:150],
            facts=facts.strip()[:TEXT_MAX], recommended_penalty=advice.penalty, priors=advice.priors,
            recommendation_reasons=advice.reasons,
        )  # fmt: skip
        p.reference = f"ZD-{case.responsible_unit.code}-{now.astimezone(KARACHI).year}-{p.pk:06d}"
        p.save(update_fields=["reference"])
        record(actor=actor, action="discipline.opened", obj=p,
               after={"case": case.reference, "officer": case.officer.personnel_id, "recommended": advice.penalty,
                      "priors": advice.priors})  # fmt: skip
    return p


def suspension_order(*, proceeding: Proceeding, actor: Any, reason: str, at: datetime | None = None) -> Proceeding:
    """Interim suspension pending the proceedings (not a penalty); the officer's status shows it."""
    with transaction.atomic():
        p = _locked(proceeding, *[s for s in Stage if s not in (Stage.ORDERED, Stage.APPEALED, Stage.FINAL)])
        if p.is_suspended:
            raise InvalidTransition(_("the officer is already suspended in these proceedings"))
        p.suspended_at, p.reinstated_at = at or timezone.now(), None
        p.save(update_fields=["suspended_at", "reinstated_at"])
        personnel_update(personnel=p.officer, actor=actor, reason=reason, status=PersonnelStatus.SUSPENDED)
        record(actor=actor, action="discipline.suspended", obj=p, after={"suspended_at": p.suspended_at},
               reason=_text(reason, _("the reason")))  # fmt: skip
    return p


def suspension_lift(*, proceeding: Proceeding, actor: Any, reason: str, at: datetime | None = None) -> Proceeding:
    with transaction.atomic():
        p = _locked(proceeding)
        if not p.is_suspended:
            raise InvalidTransition(_("the officer is not suspended in these proceedings"))
        p.reinstated_at = at or timezone.now()
        p.save(update_fields=["reinstated_at"])
        personnel_update(personnel=p.officer, actor=actor, reason=reason, status=PersonnelStatus.SERVING)
        record(actor=actor, action="discipline.reinstated", obj=p, after={"reinstated_at": p.reinstated_at},
               reason=reason)  # fmt: skip
    return p


def charge_issue(
    *, proceeding: Proceeding, kind: str, allegations: str, actor: Any, reply_days: int = 7,
    at: datetime | None = None,
) -> Proceeding:  # fmt: skip
    """Issue the show-cause notice or the charge sheet with its statement of allegations (PDF, English and Urdu)."""
    charge = ChargeKind(kind)
    if not 1 <= reply_days <= 60:
        raise CaseInputError(_("the reply period must be 1 to 60 days"))
    now = at or timezone.now()
    with transaction.atomic():
        p = _locked(proceeding, Stage.PRELIMINARY)
        fields = {"charge_kind": charge, "allegations": _text(allegations, _("the statement of allegations")),
                  "charged_at": now, "reply_due_at": _end_of_karachi_day(now, reply_days)}  # fmt: skip
        _move(p, actor, Stage.CHARGED, fields, "charged")
        documents_generate(p, DocumentKind(charge.value), now)
    return p


def reply_record(*, proceeding: Proceeding, text: str, actor: Any, at: datetime | None = None) -> Proceeding:
    now = at or timezone.now()
    with transaction.atomic():
        p = _locked(proceeding, Stage.CHARGED)
        if p.reply_due_at is not None and now >= p.reply_due_at:
            raise InvalidTransition(_("the reply period ended on %(due)s") % {
                "due": timezone.localtime(p.reply_due_at).strftime("%d-%m-%Y")})  # fmt: skip
        _move(p, actor, Stage.REPLIED, {"reply_text": _text(text, _("the reply")), "replied_at": now}, "replied")
    return p


def _reply_settled(p: Proceeding, now: datetime) -> None:
    if p.stage == Stage.CHARGED and (p.reply_due_at is None or now < p.reply_due_at):
        raise InvalidTransition(_("wait for the written reply or the end of the reply period"))


def inquiry_appoint(*, proceeding: Proceeding, inquiry_officer: User, actor: Any,
                    at: datetime | None = None) -> Proceeding:  # fmt: skip
    now = at or timezone.now()
    with transaction.atomic():
        p = _locked(proceeding, Stage.CHARGED, Stage.REPLIED)
        _reply_settled(p, now)
        if inquiry_officer.personnel_id is not None and inquiry_officer.personnel_id == p.officer_id:
            raise InvalidTransition(_("the accused officer cannot inquire into his own case"))
        _move(p, actor, Stage.INQUIRY, {"inquiry_officer": inquiry_officer}, "inquiry_appointed",
              reason=inquiry_officer.get_username())  # fmt: skip
    return p


def inquiry_report_record(*, proceeding: Proceeding, report: str, actor: Any,
                          at: datetime | None = None) -> Proceeding:  # fmt: skip
    with transaction.atomic():
        p = _locked(proceeding, Stage.INQUIRY)
        if getattr(actor, "pk", None) != p.inquiry_officer_id:
            raise InvalidTransition(_("only the appointed inquiry officer submits the report"))
        fields = {"inquiry_report": _text(report, _("the inquiry report")), "reported_at": at or timezone.now()}
        _move(p, actor, Stage.REPORTED, fields, "inquiry_reported")
    return p


def hearing_record(*, proceeding: Proceeding, notes: str, actor: Any, at: datetime | None = None) -> Proceeding:
    """The personal hearing. Without an inquiry only after a show-cause notice (minor penalties)."""
    now = at or timezone.now()
    with transaction.atomic():
        p = _locked(proceeding, Stage.CHARGED, Stage.REPLIED, Stage.REPORTED)
        if p.stage != Stage.REPORTED:
            if p.charge_kind == ChargeKind.CHARGE_SHEET:
                raise InvalidTransition(_("a charge sheet needs an inquiry report before the hearing"))
            _reply_settled(p, now)
        _move(p, actor, Stage.HEARD, {"hearing_notes": _text(notes, _("the hearing notes")), "heard_at": now},
              "heard")  # fmt: skip
    return p


def order_pass(
    *, proceeding: Proceeding, penalty_code: str, reasons: str, actor: User, departure_reason: str = "",
    at: datetime | None = None,
) -> Proceeding:  # fmt: skip
    """The competent authority's order. Who may impose what is data; a departure from the recommendation is
    recorded with its reason; one appeal lies within the appeal period (30 days)."""
    now = at or timezone.now()
    with transaction.atomic():
        p = _locked(proceeding, Stage.HEARD)
        chosen = penalty(penalty_code)
        if chosen is None and penalty_code != EXONERATED:
            raise CaseInputError(_("unknown penalty %(code)s") % {"code": penalty_code[:40]})
        if chosen is not None:
            _check_competence(p, actor, chosen.kind, chosen.is_major)
        if penalty_code != p.recommended_penalty and not departure_reason.strip():
            raise CaseInputError(_("give the reason for departing from the recommended sanction"))
        fields = {"penalty": penalty_code, "order_reasons": _text(reasons, _("the reasons")),
                  "departure_reason": departure_reason.strip()[:TEXT_MAX], "ordered_by": actor, "ordered_at": now,
                  "appeal_due_at": _end_of_karachi_day(now, appeal_days())}  # fmt: skip
        _move(p, actor, Stage.ORDERED, fields, "ordered")
        _officer_status_after_order(p, actor, penalty_code, now)
        documents_generate(p, DocumentKind.ORDER, now)
    return p


def _check_competence(p: Proceeding, actor: User, kind: str, major: bool) -> None:
    if major and (p.charge_kind != ChargeKind.CHARGE_SHEET or not p.inquiry_report):
        raise InvalidTransition(_("a major penalty needs a charge sheet and an inquiry report"))
    rank = actor.personnel.rank if actor.personnel_id and actor.personnel else None
    if not may_impose(rank, p.officer.rank, kind):
        raise InvalidTransition(_("your rank is not competent to impose this penalty on this officer"))


def _officer_status_after_order(p: Proceeding, actor: Any, penalty_code: str, now: datetime) -> None:
    status = STATUS_AFTER.get(penalty_code)
    if p.is_suspended:
        p.reinstated_at = now
        p.save(update_fields=["reinstated_at"])
    if status is not None or p.officer.status == PersonnelStatus.SUSPENDED:
        personnel_update(personnel=p.officer, actor=actor, reason=p.reference,
                         status=status or PersonnelStatus.SERVING)  # fmt: skip


def appeal_file(*, proceeding: Proceeding, text: str, actor: Any, at: datetime | None = None) -> Proceeding:
    """One departmental appeal, within the appeal period."""
    now = at or timezone.now()
    with transaction.atomic():
        p = _locked(proceeding, Stage.ORDERED)
        if p.penalty == EXONERATED:
            raise InvalidTransition(_("there is nothing to appeal against: the officer was exonerated"))
        if p.appeal_due_at is not None and now >= p.appeal_due_at:
            raise InvalidTransition(_("the appeal period ended on %(due)s") % {
                "due": timezone.localtime(p.appeal_due_at - timedelta(seconds=1)).strftime("%d-%m-%Y")})  # fmt: skip
        _move(p, actor, Stage.APPEALED, {"appeal_text": _text(text, _("the appeal")), "appealed_at": now}, "appealed")
    return p


def appeal_decide(
    *, proceeding: Proceeding, decision: str, actor: Any, reasons: str, penalty_code: str = "",
    at: datetime | None = None,
) -> Proceeding:  # fmt: skip
    """The appellate authority's order is final (one appeal only)."""
    outcome = AppealDecision(decision)
    with transaction.atomic():
        p = _locked(proceeding, Stage.APPEALED)
        _check_appellate(p, actor)
        final = {AppealDecision.UPHELD: p.penalty, AppealDecision.SET_ASIDE: EXONERATED}.get(outcome, penalty_code)
        if outcome == AppealDecision.MODIFIED and penalty(final) is None:
            raise CaseInputError(_("a modified order names a known penalty"))
        fields = {"appeal_decision": outcome, "final_penalty": final, "final_at": at or timezone.now()}
        _move(p, actor, Stage.FINAL, fields, "appeal_decided", reason=_text(reasons, _("the reasons")))
        if final != p.penalty and p.officer.status != STATUS_AFTER.get(final, PersonnelStatus.SERVING):
            personnel_update(personnel=p.officer, actor=actor, reason=p.reference,
                             status=STATUS_AFTER.get(final, PersonnelStatus.SERVING))  # fmt: skip
    return p


def _check_appellate(p: Proceeding, actor: Any) -> None:
    """Rule 13: the appeal goes to the next higher authority, never to the one who passed the order."""
    if getattr(actor, "pk", None) is not None and actor.pk == p.ordered_by_id:
        raise InvalidTransition(_("the authority who passed the order cannot decide the appeal against it"))
    ordering = _rank_of(p.ordered_by)
    appellate = _rank_of(actor)
    if ordering is not None and (appellate is None or appellate.seniority <= ordering.seniority):
        raise InvalidTransition(
            _("an appeal is decided by an authority senior to the one who passed the order (%(rank)s)")
            % {"rank": ordering.name_ur if (get_language() or "").startswith("ur") else ordering.name}
        )


def _rank_of(user: Any) -> Rank | None:
    personnel = getattr(user, "personnel", None) if getattr(user, "personnel_id", None) else None
    return personnel.rank if personnel is not None else None


def proceeding_finalise(*, proceeding: Proceeding, actor: Any, at: datetime | None = None) -> Proceeding:
    """No appeal within the period: the order becomes final."""
    now = at or timezone.now()
    with transaction.atomic():
        p = _locked(proceeding, Stage.ORDERED)
        if p.appeal_due_at is not None and now < p.appeal_due_at and p.penalty != EXONERATED:
            raise InvalidTransition(_("the appeal period is still running"))
        _move(p, actor, Stage.FINAL, {"final_penalty": p.penalty, "final_at": now}, "finalised")
    return p
