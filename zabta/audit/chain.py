"""Hashing and verification of the audit chain (no database writes here)."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from django.utils.translation import gettext as _

GENESIS_HASH = "0" * 64


def normalise(value: Any) -> Any:
    """Make a value JSON-plain the same way before storing and before hashing."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def canonical(content: dict[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(
    *,
    seq: int,
    occurred_at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    before: Any,
    after: Any,
    reason: str,
    prev_hash: str,
) -> str:
    content = {
        "seq": seq,
        "occurred_at": occurred_at.isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_repr": object_repr,
        "before": normalise(before),
        "after": normalise(after),
        "reason": reason,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical(content)).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    problem: str


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    first_break: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


class _EventLike(Protocol):
    """The fields verify() reads; AuditEvent satisfies it."""

    @property
    def seq(self) -> int: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def actor_id(self) -> int | None: ...
    @property
    def actor_label(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def object_type(self) -> str: ...
    @property
    def object_id(self) -> str: ...
    @property
    def object_repr(self) -> str: ...
    @property
    def before(self) -> Any: ...
    @property
    def after(self) -> Any: ...
    @property
    def reason(self) -> str: ...
    @property
    def prev_hash(self) -> str: ...
    @property
    def hash(self) -> str: ...


def recompute(event: _EventLike) -> str:
    return event_hash(
        seq=event.seq,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        object_repr=event.object_repr,
        before=event.before,
        after=event.after,
        reason=event.reason,
        prev_hash=event.prev_hash,
    )


def verify(events: Iterable[_EventLike], *, head_seq: int, head_hash: str) -> VerifyResult:
    """Walk events in sequence order; report the first edited, missing or reordered link."""
    expected_prev, expected_seq, checked = GENESIS_HASH, 1, 0
    for event in events:
        problem = _link_problem(event, expected_seq, expected_prev)
        if problem:
            return VerifyResult(checked, ChainBreak(event.seq, problem))
        expected_prev, expected_seq, checked = event.hash, event.seq + 1, checked + 1
    if checked != head_seq or expected_prev != head_hash:
        problem = _("chain ends at #%(seq)d but the head records #%(head)d: events removed")
        tail = ChainBreak(expected_seq, problem % {"seq": checked, "head": head_seq})
        return VerifyResult(checked, tail)
    return VerifyResult(checked, None)


def _link_problem(event: _EventLike, expected_seq: int, expected_prev: str) -> str:
    if event.seq != expected_seq:
        return _("expected event #%(expected)d here, found #%(found)d: events missing or reordered") % {
            "expected": expected_seq,
            "found": event.seq,
        }
    if event.prev_hash != expected_prev:
        return _("previous-hash link does not match the event before it: events missing or reordered")
    if recompute(event) != event.hash:
        return _("content does not match its hash: the event was edited")
    return ""
