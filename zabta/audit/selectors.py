"""Reads of the audit log."""

from zabta.audit.chain import GENESIS_HASH, VerifyResult, verify
from zabta.audit.models import AuditChainHead, AuditEvent


def verify_audit_chain() -> VerifyResult:
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS_HASH)
    events = AuditEvent.objects.order_by("seq").iterator(chunk_size=5000)
    return verify(events, head_seq=head_seq, head_hash=head_hash)


def events_for_object(object_type: str, object_id: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=object_type, object_id=object_id).order_by("seq"))
