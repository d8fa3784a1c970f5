"""Evidence bundles: a ZIP with the files, a JSON manifest (hashes, custody, audit excerpt) and a summary page.

``SHA256SUMS`` holds the hash of the manifest and of the summary; the manifest holds the hash of every file.
Verification recomputes all of them and names each file that is missing, extra, damaged or changed.
"""

import hashlib
import html
import json
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from zabta.audit.actions import Change, record_many
from zabta.audit.models import AuditEvent
from zabta.content.models import ContentItem
from zabta.evidence import store
from zabta.evidence.actions import custody_log
from zabta.evidence.models import CustodyAction, CustodyEvent, EvidenceFile

FORMAT = "zabta-evidence-bundle/1"
MAX_MEMBER_BYTES = 4 * 1024**3
MAX_MEMBERS = 10_000


def _item_dict(item: ContentItem) -> dict[str, Any]:
    return {"id": item.pk, "platform": item.platform, "url": item.url, "account": item.account_handle,
            "account_kind": item.account_kind, "kind": item.kind, "text": item.text,
            "author": item.author.personnel_id if item.author else None, "author_linked_by": item.author_linked_by,
            "author_link_reason": item.author_link_reason,
            "posted_at": item.posted_at.isoformat() if item.posted_at else None,
            "first_seen": item.created_at.isoformat(), "content_hash": item.content_hash,
            "reach": {"views": item.views, "likes": item.likes, "followers": item.followers}}  # fmt: skip


def _audit(items: Sequence[ContentItem], files: Sequence[EvidenceFile]) -> list[dict[str, Any]]:
    keys = [("content.contentitem", str(i.pk)) for i in items] + [("evidence.evidencefile", str(f.pk)) for f in files]
    rows: list[dict[str, Any]] = []
    for object_type, object_id in keys:
        for e in AuditEvent.objects.filter(object_type=object_type, object_id=object_id).order_by("seq"):
            rows.append({"seq": e.seq, "at": e.occurred_at.isoformat(), "actor": e.actor_label, "action": e.action,
                         "object": f"{e.object_type}:{e.object_id}", "reason": e.reason, "hash": e.hash})  # fmt: skip
    return sorted(rows, key=lambda r: r["seq"])


def _summary(manifest: dict[str, Any]) -> str:
    esc = html.escape
    rows = "".join(f"<tr><td>{esc(str(i['id']))}</td><td>{esc(i['platform'])}</td><td>{esc(i['url'])}</td>"
                   f"<td dir='auto'>{esc(i['text'][:500])}</td></tr>" for i in manifest["items"])  # fmt: skip
    files = "".join(f"<tr><td><code>{esc(f['sha256'])}</code></td><td>{f['size']}</td><td>{esc(f['name'])}</td></tr>"
                    for f in manifest["files"])  # fmt: skip
    custody = "".join(f"<tr><td>{esc(c['at'])}</td><td>{esc(c['action'])}</td><td>{esc(c['actor'])}</td>"
                      f"<td>{esc(c['source_url'])}</td><td>{esc(c['tool'])} {esc(c['tool_version'])}</td></tr>"
                      for c in manifest["custody"])  # fmt: skip
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>Evidence bundle</title></head><body>"
            f"<h1>Evidence bundle: {esc(manifest['subject'])}</h1><p>Created {esc(manifest['created_at'])} by "
            f"{esc(manifest['created_by'])}. Verify with <code>zabta evidence verify</code>.</p>"
            f"<h2>Items</h2><table>{rows}</table><h2>Files (SHA-256)</h2><table>{files}</table>"
            f"<h2>Chain of custody</h2><table>{custody}</table></body></html>")  # fmt: skip


@dataclass(frozen=True)
class ExportResult:
    path: Path
    files: int
    manifest_sha256: str


def evidence_export(*, items: Sequence[ContentItem], subject: str, actor: Any, out: Path) -> ExportResult:
    """Write the bundle and log the export of every file in the custody and audit logs."""
    files = list(EvidenceFile.objects.filter(item_media__item__in=items, purged_at__isnull=True).distinct()
                 .order_by("sha256"))  # fmt: skip
    blobs = {f.sha256: store.read_bytes(f.storage_name) for f in files}
    changed = [sha for sha, data in blobs.items() if store.sha256_bytes(data) != sha]
    if changed:
        raise ValueError(f"stored evidence no longer matches its hash: {', '.join(changed)}")
    with transaction.atomic():
        for f in files:
            custody_log(evidence=f, actor=actor, action=CustodyAction.EXPORTED, note=f"bundle {out.name}")
        custody = [c.to_dict() for c in CustodyEvent.objects.filter(evidence__in=files).select_related("evidence")]
        manifest = {
            "format": FORMAT, "subject": subject, "created_at": timezone.now().isoformat(),
            "created_by": getattr(actor, "username", str(actor)), "items": [_item_dict(i) for i in items],
            "files": [{"path": f"files/{f.sha256}", "sha256": f.sha256, "size": f.size, "name": f.original_name,
                       "content_type": f.content_type} for f in files],
            "custody": custody, "audit": _audit(items, files),
        }  # fmt: skip
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        summary = _summary(manifest).encode()
        sums = f"{hashlib.sha256(manifest_bytes).hexdigest()}  manifest.json\n"
        sums += f"{hashlib.sha256(summary).hexdigest()}  summary.html\n"
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("manifest.json", manifest_bytes)
            bundle.writestr("summary.html", summary)
            bundle.writestr("SHA256SUMS", sums)
            for sha, data in blobs.items():
                bundle.writestr(f"files/{sha}", data, compress_type=zipfile.ZIP_STORED)  # media rarely compresses
        digest = hashlib.sha256(manifest_bytes).hexdigest()
        change = Change(action="evidence.bundle.exported", object_type="evidence.bundle", object_id=digest[:64],
                        object_repr=out.name, after={"subject": subject, "files": len(files)})  # fmt: skip
        record_many(actor=actor, changes=[change])
    return ExportResult(out, len(files), digest)


def _read(bundle: zipfile.ZipFile, name: str, problems: list[str]) -> bytes | None:
    try:
        info = bundle.getinfo(name)
    except KeyError:
        problems.append(f"{name}: missing")
        return None
    if info.file_size > MAX_MEMBER_BYTES:
        problems.append(f"{name}: larger than allowed")
        return None
    try:
        return bundle.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        problems.append(f"{name}: damaged ({exc})")
        return None


def verify_bundle(path: Path) -> list[str]:
    """Everything wrong with a bundle; an empty list means it is intact."""
    try:
        bundle = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"{path.name}: not a readable ZIP bundle ({exc})"]
    with bundle:
        if len(bundle.infolist()) > MAX_MEMBERS:
            return [f"{path.name}: too many members"]
        problems: list[str] = []
        sums = _read(bundle, "SHA256SUMS", problems)
        manifest_bytes = _read(bundle, "manifest.json", problems)
        if sums is None or manifest_bytes is None:
            return problems
        for line in sums.decode("utf-8", "replace").splitlines():
            expected, _, name = line.partition("  ")
            data = _read(bundle, name, problems)
            if data is not None and hashlib.sha256(data).hexdigest() != expected:
                problems.append(f"{name}: changed (SHA-256 differs from SHA256SUMS)")
        if problems:
            return problems
        _check_files(bundle, json.loads(manifest_bytes), problems)
        return problems


def _check_files(bundle: zipfile.ZipFile, manifest: dict[str, Any], problems: list[str]) -> None:
    listed = {f["path"]: f["sha256"] for f in manifest.get("files", [])}
    for name, expected in listed.items():
        data = _read(bundle, name, problems)
        if data is not None and hashlib.sha256(data).hexdigest() != expected:
            problems.append(f"{name}: changed (SHA-256 differs from the manifest)")
    extra = {n for n in bundle.namelist() if n.startswith("files/")} - set(listed)
    problems.extend(f"{name}: not listed in the manifest" for name in sorted(extra))
