"""State changes of approval requests: submit, decide, resubmit, withdraw; each audited in its transaction."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zabta.access.models import User
from zabta.accounts_registry.models import OfficialAccount
from zabta.approvals.fingerprints import record_approved_media
from zabta.approvals.models import (
    ApprovalDecision,
    ApprovalMedia,
    ApprovalRequest,
    Decision,
    RequestStatus,
    RoutingRule,
    RoutingStep,
)
from zabta.approvals.notify import notify_awaiting, notify_decided
from zabta.approvals.routing import resolve_route
from zabta.approvals.selectors import accounts_user_may_request_for, can_decide, may_configure_routing
from zabta.approvals.uploads import CheckedFile, check_files
from zabta.audit.actions import record
from zabta.org.actions import InvalidTransition
from zabta.org.models import Unit
from zabta.org.tree import load_tree

MAX_CAPTION = 2200
MAX_PURPOSE = 1000
MAX_STEPS = 5


def _check_text(caption: str, purpose: str, planned_for: datetime) -> None:
    if len(caption) > MAX_CAPTION or len(purpose) > MAX_PURPOSE or not purpose.strip():
        raise ValidationError(_("give a purpose, and keep the caption and purpose within their limits"))
    if timezone.is_naive(planned_for):
        raise ValidationError(_("the planned date needs a time zone"))
    if planned_for < timezone.now():
        raise ValidationError(_("the planned publication date is in the past"))


def _store_media(request: ApprovalRequest, files: Sequence[CheckedFile], round_no: int) -> None:
    for item in files:
        media = ApprovalMedia(request=request, original_name=item.name, content_type=item.content_type,
                              size=item.size, sha256=item.sha256, perceptual=item.perceptual, round=round_no)  # fmt: skip
        media.file.save(item.name, item.upload, save=False)
        media.save()


def _route_to_first_step(request: ApprovalRequest, now: datetime) -> None:
    route = resolve_route(request.account)
    request.route, request.step_hours, request.validity_days = route.unit_ids, route.hours, route.validity_days
    request.step, request.current_unit_id = 0, route.unit_ids[0]
    request.due_at = now + timedelta(hours=route.hours[0])


def request_submit(
    *, requester: User, account: OfficialAccount, caption: str, purpose: str, planned_for: datetime,
    files: Sequence[UploadedFile[bytes]],
) -> ApprovalRequest:  # fmt: skip
    """An officer or the media team asks the competent authority before publishing on an official account."""
    if not accounts_user_may_request_for(requester).filter(pk=account.pk).exists():
        raise PermissionDenied(_("you may not request approval for this account"))
    _check_text(caption, purpose, planned_for)
    checked = check_files(files)
    now = timezone.now()
    with transaction.atomic():
        request = ApprovalRequest(requester=requester, account=account, caption=caption, purpose=purpose,
                                  planned_for=planned_for, submitted_at=now)  # fmt: skip
        _route_to_first_step(request, now)
        request.save()
        _store_media(request, checked, 1)
        record(actor=requester, action="approvals.request.submitted", obj=request,
               after={"account": account.pk, "route": request.route, "media": [c.sha256 for c in checked]})  # fmt: skip
        notify_awaiting(request)
    return request


def _claim(request: ApprovalRequest, **values: object) -> None:
    """Move the request on only if nobody else decided this step meanwhile (the guard against double decisions)."""
    claimed = ApprovalRequest.objects.filter(pk=request.pk, status=RequestStatus.PENDING, step=request.step).update(
        **values
    )
    if claimed != 1:
        raise InvalidTransition(_("this request has already been decided"))


def request_decide(*, request: ApprovalRequest, actor: User, decision: str, reason: str) -> ApprovalRequest:
    """Approve (to the next step, or finally), reject, or return for changes; a reason is always required."""
    if request.status != RequestStatus.PENDING:
        raise InvalidTransition(_("only a request awaiting decision can be decided"))
    if not can_decide(actor, request):
        raise PermissionDenied(_("this request is not awaiting your decision"))
    if request.requester_id == actor.pk:
        raise PermissionDenied(_("you cannot decide your own request"))
    if decision not in Decision.values or not reason.strip():
        raise ValidationError(_("choose a decision and give a reason"))
    authority, now = request.current_unit, timezone.now()
    if authority is None:
        raise InvalidTransition(_("this request is not awaiting anyone's decision"))
    with transaction.atomic():
        values = _next_state(request, decision, now)
        _claim(request, **values)
        ApprovalDecision.objects.create(request=request, step=request.step, authority_unit=authority,
                                        decided_by=actor, decision=decision, reason=reason[:2000], decided_at=now)  # fmt: skip
        before = {"status": request.status, "step": request.step}
        request.refresh_from_db()
        if request.status == RequestStatus.APPROVED:
            record_approved_media(request=request, media=list(request.media.filter(round=_round(request))),
                                  actor=actor)  # fmt: skip
        record(actor=actor, action=f"approvals.request.{decision}", obj=request, reason=reason, before=before,
               after={"status": request.status, "step": request.step, "valid_until": request.valid_until})  # fmt: skip
        if request.status == RequestStatus.PENDING:
            notify_awaiting(request)  # on to the next step's authority
        else:
            notify_decided(request)
    return request


def _next_state(request: ApprovalRequest, decision: str, now: datetime) -> dict[str, object]:
    if decision == Decision.REJECT:
        return {"status": RequestStatus.REJECTED, "decided_at": now, "current_unit": None, "due_at": None}
    if decision == Decision.RETURN:
        return {"status": RequestStatus.RETURNED, "current_unit": None, "due_at": None}
    nxt = request.step + 1
    if nxt < len(request.route):
        hours = request.step_hours[nxt] if nxt < len(request.step_hours) else 48
        return {"step": nxt, "current_unit_id": request.route[nxt], "due_at": now + timedelta(hours=hours)}
    return {"status": RequestStatus.APPROVED, "decided_at": now, "current_unit": None, "due_at": None,
            "valid_until": now + timedelta(days=request.validity_days)}  # fmt: skip


def _round(request: ApprovalRequest) -> int:
    return max(request.media.values_list("round", flat=True), default=1)


def request_resubmit(
    *, request: ApprovalRequest, actor: User, caption: str, purpose: str, planned_for: datetime,
    files: Sequence[UploadedFile[bytes]] = (),
) -> ApprovalRequest:  # fmt: skip
    """After a return for changes, the requester sends it again; the route starts over at the first step."""
    if request.requester_id != actor.pk:
        raise PermissionDenied(_("only the requester may resubmit"))
    _check_text(caption, purpose, planned_for)
    checked = check_files(files) if files else []
    now = timezone.now()
    with transaction.atomic():
        returned = ApprovalRequest.objects.filter(pk=request.pk, status=RequestStatus.RETURNED)
        if returned.update(status=RequestStatus.PENDING) != 1:
            raise InvalidTransition(_("only a request returned for changes can be resubmitted"))
        request.refresh_from_db()
        request.caption, request.purpose, request.planned_for, request.submitted_at = caption, purpose, planned_for, now
        _route_to_first_step(request, now)
        request.save()
        round_no = _round(request) + 1
        if checked:
            _store_media(request, checked, round_no)
        else:
            _copy_media(request, round_no)
        record(actor=actor, action="approvals.request.resubmitted", obj=request, after={"round": round_no})
        notify_awaiting(request)
    return request


def _copy_media(request: ApprovalRequest, round_no: int) -> None:
    for media in request.media.filter(round=round_no - 1):
        media.pk, media.round = None, round_no
        media.save()


def request_withdraw(*, request: ApprovalRequest, actor: User, reason: str) -> ApprovalRequest:
    if request.requester_id != actor.pk:
        raise PermissionDenied(_("only the requester may withdraw"))
    with transaction.atomic():
        open_states = [RequestStatus.PENDING, RequestStatus.RETURNED]
        still_open = ApprovalRequest.objects.filter(pk=request.pk, status__in=open_states)
        if still_open.update(status=RequestStatus.WITHDRAWN, current_unit=None, due_at=None) != 1:
            raise InvalidTransition(_("only an open request can be withdrawn"))
        request.refresh_from_db()
        record(actor=actor, action="approvals.request.withdrawn", obj=request, reason=reason)
    return request


def routing_rule_set(*, actor: User, unit: Unit, steps: Sequence[tuple[Unit, int]], validity_days: int) -> RoutingRule:
    """The unit head (or range administrator) sets who decides his unit's requests, in order, and for how long an
    approval stays valid. Requests already under way keep the route they were given."""
    if not may_configure_routing(actor, unit):
        raise PermissionDenied(_("only the head of %(unit)s may configure its approvals") % {"unit": unit})
    chain = {unit.pk, *load_tree().ancestors(unit.pk)}
    if any(authority.pk not in chain for authority, _hours in steps):
        raise ValidationError(_("each step must be %(unit)s or a unit above it") % {"unit": unit})
    if not 1 <= len(steps) <= MAX_STEPS or not 1 <= validity_days <= 365:
        raise ValidationError(_("give 1 to %(n)d steps and a validity of 1 to 365 days") % {"n": MAX_STEPS})
    if any(not 1 <= hours <= 24 * 30 for _unit, hours in steps):
        raise ValidationError(_("each step needs 1 to 720 hours to decide"))
    with transaction.atomic():
        rule, _created = RoutingRule.objects.update_or_create(unit=unit, defaults={"validity_days": validity_days})
        before = list(rule.steps.values_list("authority_unit__code", "decision_hours"))
        rule.steps.all().delete()
        RoutingStep.objects.bulk_create(RoutingStep(rule=rule, position=i, authority_unit=authority, decision_hours=h)
                                        for i, (authority, h) in enumerate(steps))  # fmt: skip
        record(actor=actor, action="approvals.routing.set", obj=rule, before={"steps": before},
               after={"steps": [(u.code, h) for u, h in steps], "validity_days": validity_days})  # fmt: skip
    return rule
