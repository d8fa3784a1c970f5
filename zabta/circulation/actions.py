"""State changes of circulation, each audited in the same transaction: circulate, deliver, acknowledge, remind,
escalate, close."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zabta.audit.actions import Change, record, record_many
from zabta.circulation import codes
from zabta.circulation.models import AckCode, AckMethod, Circulation, Receipt
from zabta.circulation.scopes import commanded_unit_ids
from zabta.circulation.selectors import current_units, head_for, heads_by_unit, undelivered_targets
from zabta.notifications.actions import Outgoing, send_many
from zabta.notifications.channels.sms import normalise_phone
from zabta.notifications.recipients import Recipient, recipient_of, recipients_for_personnel
from zabta.org.actions import InvalidTransition
from zabta.org.models import PersonnelStatus, Unit
from zabta.org.tree import load_tree
from zabta.policy.models import DirectiveVersion

CHANNELS = ("in_app", "sms", "email")
DELIVERY_BATCH = 500
MAX_REMINDERS = 5
MAX_DAYS = 90


class NotPermitted(PermissionError):
    """The actor may not make this change."""


class AckRejected(ValueError):
    """A code, link or SMS reply does not acknowledge anything (unknown, expired, or from another number)."""


def circulation_create(
    *, version: DirectiveVersion, unit: Unit, actor: Any, note: str = "", remind_after_days: int = 3,
    escalate_after_days: int = 7, now: datetime | None = None,
) -> Circulation:  # fmt: skip
    """A commander circulates a version to his unit subtree; delivery runs in the background after commit."""
    now = now or timezone.now()
    _check_may_circulate(actor, version, unit, now)
    if not (1 <= remind_after_days <= MAX_DAYS and 1 <= escalate_after_days <= MAX_DAYS):
        raise InvalidTransition(
            _("reminder and escalation periods must be between 1 and %(max)d days") % {"max": MAX_DAYS}
        )
    with transaction.atomic():
        if Circulation.objects.filter(version=version, unit=unit, status=Circulation.Status.ACTIVE).exists():
            raise InvalidTransition(
                _("%(version)s is already being circulated to %(unit)s") % {"version": version, "unit": unit}
            )
        circulation = Circulation.objects.create(
            version=version, unit=unit, note=note.strip()[:1000], remind_after_days=remind_after_days,
            escalate_after_days=escalate_after_days, circulated_by=actor, circulated_at=now,
        )  # fmt: skip
        record(actor=actor, action="circulation.circulated", obj=circulation,
               after={"version": str(version), "unit": unit.code, "remind_after_days": remind_after_days,
                      "escalate_after_days": escalate_after_days, "note": circulation.note})  # fmt: skip
        transaction.on_commit(lambda: _enqueue_delivery(circulation.pk))
    return circulation


def _enqueue_delivery(circulation_id: int) -> None:
    from zabta.circulation.tasks import deliver_circulation

    deliver_circulation.enqueue(circulation_id=circulation_id)


def _check_may_circulate(actor: Any, version: DirectiveVersion, unit: Unit, now: datetime) -> None:
    commanded = commanded_unit_ids(actor)
    if commanded is not None and unit.pk not in commanded:
        raise NotPermitted(_("only the head of %(unit)s or a commander above it may circulate to it") % {"unit": unit})
    if version.effective_to is not None and version.effective_to <= now:
        raise InvalidTransition(_("%(version)s is no longer in force") % {"version": version})


def circulation_deliver(*, circulation: Circulation, now: datetime | None = None, batch: int = DELIVERY_BATCH) -> int:
    """Give a copy to every serving officer now under the unit who has none; each batch commits on its own.

    Re-running it is safe and is how officers posted in later receive the directive.
    """
    delivered = 0
    while circulation.is_active():
        targets = undelivered_targets(circulation, batch)
        if not targets:
            break
        delivered += _deliver_batch(circulation, targets, now or timezone.now())
        circulation.refresh_from_db(fields=["status"])
    return delivered


def _deliver_batch(circulation: Circulation, targets: Sequence[tuple[int, int]], now: datetime) -> int:
    recipients = recipients_for_personnel([pid for pid, _unit in targets])
    with transaction.atomic():
        Receipt.objects.bulk_create(
            [Receipt(version_id=circulation.version_id, personnel_id=pid, circulation=circulation, unit_id=unit_id,
                     language=recipients[pid].language, delivered_at=now) for pid, unit_id in targets],
            ignore_conflicts=True,  # another worker may have delivered to some of them a moment ago
        )  # fmt: skip
        receipts = list(Receipt.objects.filter(circulation=circulation, delivered_at=now,
                                               personnel_id__in=[pid for pid, _u in targets]))  # fmt: skip
        messages = _issue_codes_and_messages(circulation, receipts, recipients, now)
        record_many(actor="system", changes=[
            Change(action="circulation.delivered", obj=r, after={"circulation": circulation.pk, "personnel": r.personnel_id,
                   "unit": r.unit_id, "version": str(circulation.version), "language": r.language}) for r in receipts
        ])  # fmt: skip
        send_many(messages=messages, template="circulation_issued", channels=CHANNELS, actor="system")
    return len(receipts)


def _issue_codes_and_messages(
    circulation: Circulation, receipts: Sequence[Receipt], recipients: dict[int, Recipient], now: datetime
) -> list[Outgoing]:
    issued = {r.pk: codes.issue(now) for r in receipts}
    AckCode.objects.bulk_create([
        AckCode(receipt=r, code_digest=c.code_digest, token_digest=c.token_digest, issued_at=now, expires_at=c.expires_at)
        for r in receipts for c in [issued[r.pk]]
    ])  # fmt: skip
    return [_message(circulation, r, recipients[r.personnel_id], issued[r.pk]) for r in receipts]


def _message(circulation: Circulation, receipt: Receipt, recipient: Recipient, code: codes.IssuedCode) -> Outgoing:
    version = circulation.version
    context = {
        "version": version, "reference": version.reference_number, "directive_code": version.directive.code,
        "title": version.directive.title_ur if recipient.language == "ur" and version.directive.title_ur
        else version.directive.title,
        "code": codes.display_code(code.code), "unit": circulation.unit, "note": circulation.note,
        "remind_after_days": circulation.remind_after_days, "reminders_sent": receipt.reminders_sent,
    }  # fmt: skip
    return Outgoing(recipient=recipient, context=context, link=public_link(code.token))


def public_link(token: str) -> str:
    return f"{settings.ZABTA_PUBLIC_BASE_URL}{reverse('circulation_public:acknowledge', args=[token])}"


def receipt_acknowledge(
    *, receipt: Receipt, method: str, actor: Any, reference: str = "", now: datetime | None = None
) -> Receipt:
    """Record that the officer acknowledged the version; the first acknowledgement is final."""
    now = now or timezone.now()
    if method not in AckMethod.values:
        raise InvalidTransition(_("unknown acknowledgement method"))
    recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        claimed = Receipt.objects.filter(pk=receipt.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=now, method=method, recorded_by=recorded_by, reference=reference[:200]
        )
        if claimed != 1:
            raise InvalidTransition(_("this directive has already been acknowledged"))
        AckCode.objects.filter(receipt=receipt, used_at__isnull=True).update(used_at=now)
        receipt.refresh_from_db()
        record(actor=actor, action="circulation.acknowledged", obj=receipt,
               after={"personnel": receipt.personnel_id, "version": str(receipt.version), "method": method,
                      "acknowledged_at": now, "reference": receipt.reference})  # fmt: skip
    return receipt


def acknowledge_in_web(*, receipt: Receipt, actor: Any) -> Receipt:
    """The officer himself, signed in, confirms he has read the directive."""
    if getattr(actor, "personnel_id", None) != receipt.personnel_id:
        raise NotPermitted(_("only the officer himself can acknowledge in the web app"))
    return receipt_acknowledge(receipt=receipt, method=AckMethod.WEB, actor=actor)


def receipt_for_token(token: str, now: datetime | None = None) -> Receipt:
    """The receipt a one-time link belongs to; AckRejected for an unknown or expired link."""
    if not codes.valid_token(token):
        raise AckRejected(_("This link is not valid."))
    code = AckCode.objects.filter(token_digest=codes.digest("token", token)).select_related("receipt").first()
    if code is None:
        raise AckRejected(_("This link is not valid."))
    if code.expires_at <= (now or timezone.now()) and code.receipt.acknowledged_at is None:
        raise AckRejected(_("This link has expired. Ask your unit for a new one."))
    return code.receipt


def acknowledge_by_link(*, token: str, client: str = "", now: datetime | None = None) -> Receipt:
    receipt = receipt_for_token(token, now)
    receipt = receipt_acknowledge(receipt=receipt, method=AckMethod.LINK, actor="link", reference=client, now=now)
    _confirm(receipt)
    return receipt


def acknowledge_by_sms_reply(*, phone: str, text: str, now: datetime | None = None) -> Receipt:
    """An SMS reply "ACK 1234 5678" from the officer's own number acknowledges his copy."""
    now = now or timezone.now()
    number, code = normalise_phone(phone), codes.parse_sms_reply(text)
    if not number or code is None:
        raise AckRejected(_("No acknowledgement code found in the message."))
    candidates = AckCode.objects.filter(code_digest=codes.digest("code", code), expires_at__gt=now,
                                        receipt__acknowledged_at__isnull=True).select_related("receipt__personnel")  # fmt: skip
    for candidate in candidates:
        if normalise_phone(candidate.receipt.personnel.phone) == number:
            receipt = receipt_acknowledge(receipt=candidate.receipt, method=AckMethod.SMS_REPLY, actor=f"sms:{number}",
                                          reference=number, now=now)  # fmt: skip
            _confirm(receipt)
            return receipt
    raise AckRejected(_("The code is unknown, expired or was not sent to this number."))


def _confirm(receipt: Receipt) -> None:
    """A short confirmation to the officer's phone: he knows it counted."""
    recipient = recipient_of(receipt.personnel)
    context = {"version": receipt.version, "acknowledged_at": receipt.acknowledged_at}
    send_many(messages=[Outgoing(recipient, context)], template="circulation_acknowledged", channels=("sms",),
              actor="system")  # fmt: skip


def acknowledge_on_paper(*, receipt: Receipt, actor: Any, register_ref: str) -> Receipt:
    """A unit head records the officer's signature in the circulation register (no phone, no login)."""
    unit_id = current_units([receipt.personnel_id]).get(receipt.personnel_id)
    commanded = commanded_unit_ids(actor)
    if unit_id is None or (commanded is not None and unit_id not in commanded):
        raise NotPermitted(_("only the head of the officer's unit or a commander above it may record this"))
    if not register_ref.strip():
        raise InvalidTransition(_("give the register and entry the officer signed"))
    return receipt_acknowledge(receipt=receipt, method=AckMethod.PAPER, actor=actor, reference=register_ref.strip())


def circulation_close(*, circulation: Circulation, actor: Any, now: datetime | None = None) -> Circulation:
    """Stop delivering, reminding and escalating; receipts and acknowledgements stay."""
    commanded = commanded_unit_ids(actor)
    if commanded is not None and circulation.unit_id not in commanded:
        raise NotPermitted(_("only a commander over %(unit)s may close this circulation") % {"unit": circulation.unit})
    with transaction.atomic():
        closed = Circulation.objects.filter(pk=circulation.pk, status=Circulation.Status.ACTIVE).update(
            status=Circulation.Status.CLOSED, closed_at=now or timezone.now()
        )
        if closed != 1:
            raise InvalidTransition(_("this circulation is already closed"))
        circulation.refresh_from_db()
        record(actor=actor, action="circulation.closed", obj=circulation, before={"status": "active"},
               after={"status": "closed"})  # fmt: skip
    return circulation


def send_reminders(*, now: datetime | None = None, limit: int = 5000) -> int:
    """Remind officers who have not acknowledged N days after delivery (or after the last reminder)."""
    now = now or timezone.now()
    sent = 0
    for circulation in Circulation.objects.filter(status=Circulation.Status.ACTIVE).select_related(
        "version__directive", "unit"
    ):
        due_before = now - timedelta(days=circulation.remind_after_days)
        due = _open_receipts(circulation).filter(reminders_sent__lt=MAX_REMINDERS).filter(
            Q(last_reminded_at__lte=due_before) | Q(last_reminded_at__isnull=True, delivered_at__lte=due_before)
        )  # fmt: skip
        sent += _remind(circulation, list(due[: limit - sent]), now)
        if sent >= limit:
            break
    return sent


def _open_receipts(circulation: Circulation) -> Any:
    return Receipt.objects.filter(circulation=circulation, acknowledged_at__isnull=True,
                                  personnel__status=PersonnelStatus.SERVING)  # fmt: skip


def _remind(circulation: Circulation, receipts: list[Receipt], now: datetime) -> int:
    # Claim each row with a conditional UPDATE so two sweeps running at once never remind twice.
    claimed = [r for r in receipts if Receipt.objects.filter(pk=r.pk, acknowledged_at__isnull=True,
               reminders_sent=r.reminders_sent).update(reminders_sent=F("reminders_sent") + 1, last_reminded_at=now) == 1]  # fmt: skip
    if not claimed:
        return 0
    for receipt in claimed:
        receipt.reminders_sent += 1
    recipients = recipients_for_personnel([r.personnel_id for r in claimed])
    with transaction.atomic():
        messages = _issue_codes_and_messages(circulation, claimed, recipients, now)
        record_many(actor="system", changes=[Change(action="circulation.reminded", obj=r,
                    after={"personnel": r.personnel_id, "reminder": r.reminders_sent}) for r in claimed])  # fmt: skip
        send_many(messages=messages, template="circulation_reminder", channels=CHANNELS, actor="system")
    return len(claimed)


def escalate_overdue(*, now: datetime | None = None, limit: int = 5000) -> int:
    """Tell unit heads which of their officers have not acknowledged after the escalation period."""
    now = now or timezone.now()
    escalated = 0
    tree, heads = load_tree(), heads_by_unit()
    for circulation in Circulation.objects.filter(status=Circulation.Status.ACTIVE).select_related(
        "version__directive", "unit"
    ):
        overdue = (
            _open_receipts(circulation)
            .select_related("personnel")
            .filter(escalated_at__isnull=True, delivered_at__lte=now - timedelta(days=circulation.escalate_after_days))
        )
        claimed = [r for r in overdue[: limit - escalated]
                   if Receipt.objects.filter(pk=r.pk, escalated_at__isnull=True).update(escalated_at=now) == 1]  # fmt: skip
        escalated += _notify_heads(circulation, claimed, tree, heads)
        if escalated >= limit:
            break
    return escalated


def _notify_heads(circulation: Circulation, receipts: list[Receipt], tree: Any, heads: dict[int, int]) -> int:
    if not receipts:
        return 0
    units = current_units([r.personnel_id for r in receipts])
    by_head: dict[int | None, list[Receipt]] = defaultdict(list)
    for receipt in receipts:
        unit_id = units.get(receipt.personnel_id, receipt.unit_id)
        by_head[head_for(unit_id, tree=tree, heads=heads, exclude=receipt.personnel_id)].append(receipt)
    found = recipients_for_personnel([h for h in by_head if h is not None])
    recipients: dict[int | None, Recipient] = {head: found[head] for head in found}
    # No head anywhere above: the commander who circulated it hears, unless he is the officer himself.
    circulator = recipient_of(circulation.circulated_by)
    recipients[None] = circulator
    by_head[None] = [r for r in by_head.get(None, []) if r.personnel_id != circulator.personnel_id]
    path = reverse("circulation:detail", args=[circulation.pk])
    messages = [_escalation(circulation, recipients[head], overdue, f"{settings.ZABTA_PUBLIC_BASE_URL}{path}")
                for head, overdue in by_head.items() if overdue]  # fmt: skip
    with transaction.atomic():
        record_many(actor="system", changes=[
            Change(action="circulation.escalated", obj=circulation,
                   after={"head": head, "personnel": sorted(r.personnel_id for r in overdue)})
            for head, overdue in by_head.items() if overdue
        ])  # fmt: skip
        send_many(messages=messages, template="circulation_escalation", channels=CHANNELS, actor="system")
    return len(receipts)


def _escalation(circulation: Circulation, head: Recipient, overdue: list[Receipt], link: str) -> Outgoing:
    names = sorted(r.personnel.name for r in overdue)
    context = {"version": circulation.version, "count": len(overdue), "names": names[:20], "more": max(0, len(names) - 20),
               "days": circulation.escalate_after_days}  # fmt: skip
    return Outgoing(head, context, link=link)


def deliver_to_newcomers(*, now: datetime | None = None) -> int:
    """Officers posted into a circulated subtree since it went out (or missed by a failed run) get their copy."""
    active = Circulation.objects.filter(status=Circulation.Status.ACTIVE).select_related("version__directive", "unit")
    return sum(circulation_deliver(circulation=c, now=now) for c in active.order_by("circulated_at", "id"))
