"""Writing audit events: the only way events enter the log."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from zabta.audit.chain import GENESIS_HASH, event_hash, normalise
from zabta.audit.models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class Change:
    """One change to record; `obj` (a model instance) fills type, id and repr."""

    action: str
    obj: models.Model | None = None
    before: Any = None
    after: Any = None
    reason: str = ""
    object_type: str = ""
    object_id: str = ""
    object_repr: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _actor_values(actor: Any) -> tuple[int | None, str]:
    if actor is None:
        return None, "system"
    if isinstance(actor, str):
        return None, actor[:200]
    if not getattr(actor, "is_authenticated", False):
        return None, "anonymous"
    return int(actor.pk), str(actor.get_username())[:200]


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = AuditChainHead.objects.create(pk=1, last_seq=0, last_hash=GENESIS_HASH)
    return head


def _build(change: Change, *, seq: int, prev: str, actor_id: int | None, actor_label: str) -> AuditEvent:
    obj = change.obj
    object_type = change.object_type or (obj._meta.label_lower if obj is not None else "")
    object_id = change.object_id or (str(obj.pk) if obj is not None else "")
    object_repr = (change.object_repr or (str(obj) if obj is not None else ""))[:300]
    after = normalise({**(change.after or {}), **change.extra} if change.extra else change.after)
    values: dict[str, Any] = {
        "seq": seq,
        "occurred_at": timezone.now(),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": change.action,
        "object_type": object_type,
        "object_id": object_id,
        "object_repr": object_repr,
        "before": normalise(change.before),
        "after": after,
        "reason": change.reason,
        "prev_hash": prev,
    }
    return AuditEvent(**values, hash=event_hash(**values))


def record_many(*, actor: Any, changes: Sequence[Change]) -> list[AuditEvent]:
    """Append changes in order, under the chain-head lock, in the caller's transaction."""
    if not changes:
        return []
    actor_id, actor_label = _actor_values(actor)
    with transaction.atomic():
        head = _locked_head()
        events: list[AuditEvent] = []
        seq, prev = head.last_seq, head.last_hash
        for change in changes:
            seq += 1
            event = _build(change, seq=seq, prev=prev, actor_id=actor_id, actor_label=actor_label)
            events.append(event)
            prev = event.hash
        AuditEvent.objects.bulk_create(events, batch_size=2000)
        AuditChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=prev)
    return events


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event. Call inside the transaction that makes the change."""
    change = Change(action=action, obj=obj, before=before, after=after, reason=reason)
    return record_many(actor=actor, changes=[change])[0]


def snapshot(instance: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    """The named fields of a model instance as JSON-plain values (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for name in fields:
        model_field = instance._meta.get_field(name)
        attname = getattr(model_field, "attname", name)
        data[name] = getattr(instance, attname)
    return dict(normalise(data))
