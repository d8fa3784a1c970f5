"""State changes of the review queue: screening results recorded, claims, decisions (one by one or in bulk)."""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zabta.audit.actions import Change, record, record_many
from zabta.content.models import ContentItem
from zabta.review.handover import hand_over
from zabta.review.models import SEVERITY_RANK, Finding, FindingStatus, ScreeningRun
from zabta.review.screening import FindingData, Outcome


class ReviewError(ValueError):
    """The claim or decision is not possible now; the message says why."""


DECIDED = [FindingStatus.CONFIRMED, FindingStatus.DISMISSED]


def claim_minutes() -> int:
    return int(getattr(settings, "ZABTA_REVIEW_CLAIM_MINUTES", 15))


@dataclass(frozen=True)
class ScreeningEntry:
    """What one screening of one item produced, ready to be recorded."""

    item: ContentItem
    text: Outcome
    media: Outcome
    context: dict[str, Any]
    findings: Sequence[FindingData]


def screening_record(*, item: ContentItem, text: Outcome, media: Outcome, findings: Sequence[FindingData],
                     context: dict[str, Any], started_at: Any, actor: Any = "screening worker") -> ScreeningRun:  # fmt: skip
    """Store one run and its findings (see screening_record_batch)."""
    entry = ScreeningEntry(item, text, media, context, findings)
    return screening_record_batch(entries=[entry], started_at=started_at, actor=actor)[0]


def screening_record_batch(*, entries: Sequence[ScreeningEntry], started_at: Any,
                           actor: Any = "screening worker") -> list[ScreeningRun]:  # fmt: skip
    """Store a run and its findings per item, with an audit event each. Earlier undecided findings of the item are
    superseded; decided ones stay as they are, and a clause a reviewer already decided for the item is not queued
    again. One insert of runs, one of findings and one append to the audit log for the whole batch."""
    now = timezone.now()
    item_ids = [e.item.pk for e in entries]
    with transaction.atomic():
        runs = ScreeningRun.objects.bulk_create([_run(e, started_at, now) for e in entries])
        pending = list(Finding.objects.select_for_update().filter(item_id__in=item_ids, status=FindingStatus.PENDING)
                       .values_list("pk", "item_id"))  # fmt: skip
        Finding.objects.filter(pk__in=[pk for pk, _item in pending]).update(
            status=FindingStatus.SUPERSEDED, claimed_by=None, claim_expires_at=None
        )
        superseded = Counter(item_id for _pk, item_id in pending)
        decided: dict[int, set[str]] = defaultdict(set)
        for item_id, clause in Finding.objects.filter(item_id__in=item_ids, status__in=DECIDED).values_list(
            "item_id", "clause_key"
        ):
            decided[item_id].add(clause)
        rows = [[_finding(run, e.item, f, now, e.text.language) for f in e.findings if f.clause_key not in
                 decided[e.item.pk]] for run, e in zip(runs, entries, strict=True)]  # fmt: skip
        Finding.objects.bulk_create([f for per_item in rows for f in per_item])
        record_many(actor=actor, changes=[
            Change(action="review.screening.recorded", obj=run,
                   after={"item": e.item.pk, "findings": [f.clause_key for f in found],
                          "superseded": superseded[e.item.pk], "text": run.text_status, "media": run.media_status,
                          "versions": run.detector_versions})
            for run, e, found in zip(runs, entries, rows, strict=True)])  # fmt: skip
    return runs


def _run(entry: ScreeningEntry, started_at: Any, now: Any) -> ScreeningRun:
    text, media = entry.text, entry.media
    return ScreeningRun(item=entry.item, started_at=started_at, finished_at=now, text_status=text.status[:300],
                        media_status=media.status[:300], language=text.language, context=entry.context,
                        detector_versions={**media.versions, **text.versions},
                        signals=[s.to_dict() for s in [*text.signals, *media.signals]])  # fmt: skip


def _finding(run: ScreeningRun, item: ContentItem, f: FindingData, now: Any, language: str) -> Finding:
    detectors = dict(run.detector_versions)
    return Finding(run=run, item=item, unit_id=item.unit_id, directive=f.directive[:40], clause_key=f.clause_key,
                   severity=f.severity, severity_rank=SEVERITY_RANK.get(f.severity, 0), score=f.score,
                   rule_id=f.rule_id[:80], rationale=f.rationale, labels=list(f.labels), detectors=detectors,
                   evidence=list(f.evidence), language=language, platform=item.platform, created_at=now)  # fmt: skip


def finding_claim(*, finding: Finding, actor: Any) -> Finding:
    """Lock a pending finding for one reviewer for a while; a lapsed claim can be taken over."""
    now = timezone.now()
    with transaction.atomic():
        free = Q(claimed_by__isnull=True) | Q(claim_expires_at__lte=now) | Q(claimed_by=actor)
        changed = Finding.objects.filter(free, pk=finding.pk, status=FindingStatus.PENDING).update(
            claimed_by=actor, claim_expires_at=now + timedelta(minutes=claim_minutes())
        )
        finding.refresh_from_db()
        if not changed:
            raise ReviewError(_claim_refusal(finding))
        record(actor=actor, action="review.finding.claimed", obj=finding,
               after={"until": finding.claim_expires_at})  # fmt: skip
    return finding


def _claim_refusal(finding: Finding) -> str:
    if finding.status != FindingStatus.PENDING:
        return _("finding #%(id)s is no longer awaiting review") % {"id": finding.pk}
    local = timezone.localtime(finding.claim_expires_at) if finding.claim_expires_at else None
    return _("finding #%(id)s is claimed by %(user)s until %(until)s") % {
        "id": finding.pk, "user": finding.claimed_by, "until": local.strftime("%H:%M") if local else "-"}  # fmt: skip


def finding_release(*, finding: Finding, actor: Any) -> Finding:
    with transaction.atomic():
        changed = Finding.objects.filter(pk=finding.pk, claimed_by=actor, status=FindingStatus.PENDING).update(
            claimed_by=None, claim_expires_at=None
        )
        if changed:
            record(actor=actor, action="review.finding.released", obj=finding)
        finding.refresh_from_db()
    return finding


def _decide_one(finding_id: int, actor: Any, decision: str, reason: str, now: Any) -> Finding:
    if decision not in (FindingStatus.CONFIRMED, FindingStatus.DISMISSED):
        raise ReviewError(_("a decision is confirm or dismiss"))
    held = Q(claimed_by=actor, claim_expires_at__gt=now) | Q(claimed_by__isnull=True) | Q(claim_expires_at__lte=now)
    changed = Finding.objects.filter(held, pk=finding_id, status=FindingStatus.PENDING).update(
        status=decision, decided_by=actor, decided_at=now, decision_reason=reason, claimed_by=None,
        claim_expires_at=None,
    )  # fmt: skip
    finding = Finding.objects.get(pk=finding_id)
    if not changed:
        raise ReviewError(_claim_refusal(finding))
    return finding


def _clean_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < 3:
        raise ReviewError(_("give a reason for the decision"))
    return reason[:2000]


def finding_decide(*, finding: Finding, actor: Any, decision: str, reason: str) -> Finding:
    """Confirm or dismiss one finding, with a reason; refused while another reviewer holds it."""
    reason = _clean_reason(reason)
    with transaction.atomic():
        decided = _decide_one(finding.pk, actor, decision, reason, timezone.now())
        handed = hand_over(finding=decided, actor=actor) if decision == FindingStatus.CONFIRMED else {}
        record(actor=actor, action=f"review.finding.{decision}", obj=decided,
               after={"clause": decided.clause_key, "item": decided.item_id, **handed}, reason=reason)  # fmt: skip
    return decided


def findings_bulk_decide(*, findings: Sequence[Finding], actor: Any, decision: str, reason: str) -> list[Finding]:
    """Decide several findings at once: all or none, each with its own audit event."""
    reason = _clean_reason(reason)
    now = timezone.now()
    with transaction.atomic():
        decided = [_decide_one(f.pk, actor, decision, reason, now) for f in findings]
        handed = [hand_over(finding=f, actor=actor) if decision == FindingStatus.CONFIRMED else {} for f in decided]
        record_many(actor=actor, changes=[
            Change(action=f"review.finding.{decision}", obj=f, after={"clause": f.clause_key, "item": f.item_id,
                   "bulk": len(decided), **h}, reason=reason) for f, h in zip(decided, handed, strict=True)])  # fmt: skip
    return decided
