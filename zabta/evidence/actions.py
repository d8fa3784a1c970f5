"""Storing evidence and logging every capture, access, export and purge in the custody log and the audit log."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from zabta.audit.actions import record
from zabta.evidence import store
from zabta.evidence.models import CustodyAction, CustodyEvent, EvidenceFile

# Headers worth keeping as provenance; cookies and the like are dropped.
KEPT_HEADERS = ("content-type", "content-length", "last-modified", "etag", "date", "server", "location")


@dataclass(frozen=True)
class Provenance:
    """Where a file came from: the tool and, for web captures, the URL, HTTP status and headers."""

    action: str = CustodyAction.UPLOADED
    source_url: str = ""
    tool: str = ""
    tool_version: str = ""
    http_status: int | None = None
    http_headers: dict[str, str] = field(default_factory=dict)
    note: str = ""


def _actor_fields(actor: Any) -> tuple[Any, str]:
    if actor is None or isinstance(actor, str):
        return None, (actor or "system")[:200]
    return actor, str(actor.get_username())[:200]


def custody_log(*, evidence: EvidenceFile, actor: Any, action: str, item: Any = None, note: str = "",
                provenance: Provenance | None = None) -> CustodyEvent:  # fmt: skip
    user, label = _actor_fields(actor)
    prov = provenance or Provenance(action=action)
    headers = {k.lower(): str(v)[:500] for k, v in prov.http_headers.items() if k.lower() in KEPT_HEADERS}
    return CustodyEvent.objects.create(
        evidence=evidence, item=item, action=action, actor=user, actor_label=label, at=timezone.now(),
        source_url=prov.source_url[:2000], tool=prov.tool, tool_version=prov.tool_version,
        http_status=prov.http_status, http_headers=headers, note=(note or prov.note)[:500],
    )  # fmt: skip


def evidence_store(*, data: bytes, actor: Any, provenance: Provenance, item: Any = None, content_type: str = "",
                   original_name: str = "") -> EvidenceFile:  # fmt: skip
    """Keep the bytes under their SHA-256 (once) and log the capture; the same bytes twice make one file."""
    sha = store.sha256_bytes(data)
    with transaction.atomic():
        evidence, created = EvidenceFile.objects.select_for_update().get_or_create(
            sha256=sha,
            defaults={
                "size": len(data),
                "content_type": content_type[:120],
                "original_name": original_name[:255],
            },
        )
        if created or evidence.purged_at is not None:
            store.write_once(evidence.storage_name, data)
            if evidence.purged_at is not None:
                EvidenceFile.objects.filter(pk=evidence.pk).update(purged_at=None)
        custody_log(evidence=evidence, actor=actor, action=provenance.action, item=item, provenance=provenance)
        if created:
            record(actor=actor, action="evidence.stored", obj=evidence,
                   after={"sha256": sha, "size": len(data), "source_url": provenance.source_url,
                          "tool": provenance.tool})  # fmt: skip
    return evidence


def evidence_open(*, evidence: EvidenceFile, actor: Any, item: Any = None, why: str = "") -> bytes:
    """Read a file for someone, logging the access; refuses bytes that no longer match their hash."""
    data = store.read_bytes(evidence.storage_name)
    if store.sha256_bytes(data) != evidence.sha256:
        raise EvidenceCorrupted(evidence.sha256)
    with transaction.atomic():
        custody_log(evidence=evidence, actor=actor, action=CustodyAction.VIEWED, item=item, note=why)
    return data


class EvidenceCorrupted(RuntimeError):
    """Stored bytes no longer hash to their name."""


def evidence_purge(*, evidence: EvidenceFile, actor: Any, reason: str) -> None:
    """Delete the bytes of one file (the record, hash and custody log stay)."""
    with transaction.atomic():
        locked = EvidenceFile.objects.select_for_update().get(pk=evidence.pk)
        if locked.purged_at is not None:
            return
        name = locked.storage_name
        transaction.on_commit(lambda: store.delete(name))  # bytes go only once the purge is recorded
        EvidenceFile.objects.filter(pk=locked.pk).update(purged_at=timezone.now())
        custody_log(evidence=locked, actor=actor, action=CustodyAction.PURGED, note=reason)
        record(actor=actor, action="evidence.purged", obj=locked, after={"sha256": locked.sha256}, reason=reason)
