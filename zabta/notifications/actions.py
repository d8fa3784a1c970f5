"""Sending notifications and recording their delivery: the one interface other apps call.

`send()` (one person) and `send_many()` (thousands, e.g. a circulation) render the template in each
recipient's language, store one Notification per channel and, after the caller's transaction commits,
enqueue background tasks that deliver them. A channel that cannot reach someone stores the notification
as "not sent" with the reason, so nothing disappears silently.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from zabta.audit.actions import Change, record, record_many
from zabta.notifications.channels import DeliveryError, get_channel
from zabta.notifications.models import Notification
from zabta.notifications.recipients import Recipient, recipient_of
from zabta.notifications.rendering import Rendered, render

MAX_ATTEMPTS = 5
RETRY_BACKOFF = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2)]
STALE_CLAIM = timedelta(minutes=15)
DELIVERY_BATCH = 200
Status = Notification.Status


@dataclass(frozen=True)
class Outgoing:
    """One recipient of a bulk send, with the context and link that are his alone (e.g. a one-time code)."""

    recipient: Recipient
    context: dict[str, Any] = field(default_factory=dict)
    link: str = ""
    text: Rendered | None = None  # already rendered by the caller (see send_text); the template is then a label


def send(
    *, recipient: Any, template: str, context: dict[str, Any], channels: Sequence[str], link: str = "",
    actor: Any = None,
) -> list[Notification]:  # fmt: skip
    """Notify one person (Personnel, User or Recipient) on the given channels; audited, delivered on commit."""
    return send_many(messages=[Outgoing(recipient_of(recipient), context, link)], template=template,
                     channels=channels, actor=actor)  # fmt: skip


def send_text(
    *, recipient: Any, kind: str, subjects: dict[str, str], bodies: dict[str, str], channels: Sequence[str],
    link: str = "", actor: Any = None,
) -> list[Notification]:  # fmt: skip
    """Notify one person with text the caller rendered itself, per language (e.g. {"en": ..., "ur": ...} from its own
    catalogue); the recipient's language is used, English when that one is missing. `kind` labels the notification."""
    target = recipient_of(recipient)
    language = target.language if target.language in subjects and target.language in bodies else "en"
    body = bodies[language].strip()
    text = Rendered(subject=" ".join(subjects[language].split())[:200], body=body, sms=" ".join(body.split()),
                    language=language)  # fmt: skip
    return send_many(messages=[Outgoing(target, link=link, text=text)], template=kind, channels=channels, actor=actor)


def send_many(
    *, messages: Sequence[Outgoing], template: str, channels: Sequence[str], actor: Any = None
) -> list[Notification]:
    """Notify many people with one template; one audit event summarises the batch."""
    with transaction.atomic():
        rows = [row for message in messages for row in build(message, template=template, channels=channels)]
        created = Notification.objects.bulk_create(rows, batch_size=1000)
        if created:
            record_many(actor=actor, changes=[_audit_change(template, created)])
        enqueue_delivery([n.pk for n in created if n.status == Status.PENDING])
    return created


def build(message: Outgoing, *, template: str, channels: Sequence[str]) -> list[Notification]:
    """Unsaved notifications for one recipient, one per channel."""
    recipient = message.recipient
    text = message.text or render(template, {**message.context, "recipient": recipient, "link": message.link},
                                  recipient.language)  # fmt: skip
    rows = []
    for name in channels:
        reach = get_channel(name).reach(recipient)
        status = (
            Status.SKIPPED if not reach.address else (Status.SENT if get_channel(name).immediate else Status.PENDING)
        )
        rows.append(Notification(
            personnel_id=recipient.personnel_id, user_id=recipient.user_id, channel=name, template=template,
            language=text.language, address=reach.address, skip_reason=reach.reason[:120], subject=text.subject,
            body=text.sms if name == "sms" else text.body, link=message.link[:300], status=status,
            sent_at=timezone.now() if status == Status.SENT else None,
        ))  # fmt: skip
    return rows


def _audit_change(template: str, rows: Sequence[Notification]) -> Change:
    outcome = Counter(f"{n.channel}:{n.status}" for n in rows)
    people = {n.personnel_id or n.user_id for n in rows}
    single = rows[0] if len(people) == 1 else None
    return Change(
        action="notifications.sent", object_type="notifications.notification",
        object_id=str(single.pk) if single else f"{rows[0].pk}..{rows[-1].pk}",
        after={"template": template, "recipients": len(people), "outcome": dict(sorted(outcome.items())),
               "personnel": single.personnel_id if single else None, "user": single.user_id if single else None},
    )  # fmt: skip


def enqueue_delivery(ids: Iterable[int], batch: int = DELIVERY_BATCH) -> None:
    """Deliver in the background once the surrounding transaction has committed."""
    from zabta.notifications.tasks import deliver_notifications

    pending = list(ids)
    for start in range(0, len(pending), batch):
        chunk = pending[start : start + batch]
        transaction.on_commit(partial(deliver_notifications.enqueue, notification_ids=chunk))


def claim(notification_id: int) -> bool:
    """Take one due notification for delivery; False when another worker has it or it is not due."""
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = Notification.objects.filter(due, id=notification_id, status=Status.PENDING)
    return claimed.update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1) == 1


def deliver(*, notification_id: int) -> str:
    """Claim and deliver one notification through its channel; the outcome is stored on the row."""
    if not claim(notification_id):
        return "not-claimed"
    notification = Notification.objects.get(pk=notification_id)
    try:
        provider_ref = get_channel(notification.channel).deliver(notification)
    except DeliveryError as exc:
        _record_failure(notification, exc)
        return str(notification.status)
    Notification.objects.filter(pk=notification.pk).update(
        status=Status.SENT, sent_at=timezone.now(), last_error="", provider_ref=provider_ref[:100]
    )
    return str(Status.SENT)


def _record_failure(notification: Notification, exc: DeliveryError) -> None:
    give_up = exc.permanent or notification.attempts >= MAX_ATTEMPTS
    delay = RETRY_BACKOFF[min(notification.attempts, len(RETRY_BACKOFF)) - 1]
    notification.status = Status.FAILED if give_up else Status.PENDING
    notification.next_attempt_at = None if give_up else timezone.now() + delay
    notification.last_error = str(exc)[:500]
    with transaction.atomic():
        notification.save(update_fields=["status", "next_attempt_at", "last_error"])
        if give_up:
            record(actor=None, action="notifications.delivery_failed", obj=notification,
                   after={"channel": notification.channel, "attempts": notification.attempts,
                          "error": notification.last_error})  # fmt: skip


def release_stale_claims() -> int:
    """Claims abandoned by a crashed worker become due again."""
    now = timezone.now()
    stale = Notification.objects.filter(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    return stale.update(status=Status.PENDING, next_attempt_at=now)


def due_for_retry(limit: int = 5000) -> list[int]:
    """Pending notifications whose back-off has passed (including released stale claims)."""
    due = Notification.objects.filter(status=Status.PENDING, next_attempt_at__lte=timezone.now())
    return list(due.order_by("next_attempt_at").values_list("id", flat=True)[:limit])


def mark_read(*, notification: Notification) -> bool:
    """An in-app notification was opened; only the first reading counts (no audit: reading changes nothing)."""
    return Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now()) == 1
