"""Screen one item: text and media through the core, then the context rules; the result goes to the queue."""

import importlib
from datetime import datetime
from typing import Any

from django.apps import apps
from django.utils import timezone

from zabta.content import adapters
from zabta.content.models import ContentItem
from zabta.evidence import store
from zabta.policy.selectors import clause_in_force
from zabta.review.actions import screening_record
from zabta.review.context import CLAUSE_IDENTIFIERS, RuleContext, apply_context
from zabta.review.models import ScreeningRun
from zabta.review.screening import Outcome, screen_media, screen_text

MEDIA_ROLES = ("media", "screenshot")


def _approved(item: ContentItem, account: adapters.AccountInfo, at: datetime) -> tuple[bool, str]:
    """Whether a valid approval covers every media file of the item on this official account."""
    if account.official_account is None:
        return False, ""
    if not apps.is_installed("zabta.approvals"):
        return False, "approvals not installed: no approval can be checked"
    try:
        approvals = importlib.import_module("zabta.approvals.fingerprints")
    except ImportError:
        return False, "approvals not installed: no approval can be checked"
    hashes = [m.evidence.sha256 for m in item.media.select_related("evidence") if m.role in MEDIA_ROLES]
    ok = bool(hashes) and all(approvals.is_media_approved(h, account.official_account, at) for h in hashes)
    return ok, ""


def rule_context(item: ContentItem) -> RuleContext:
    at = item.posted_at or item.created_at
    account = adapters.lookup_account(item.platform, item.account_handle or item.url, on=timezone.localdate(at))
    kind = account.kind if account.registry else item.account_kind
    approved, note = _approved(item, account, at)
    notes = tuple(n for n in (note, "" if account.registry else "account registry not installed") if n)
    before = None if item.posted_at is None else clause_in_force(CLAUSE_IDENTIFIERS, item.posted_at) is None
    return RuleContext(kind, approved, item.author_id, before, notes)


def _media_outcome(item: ContentItem) -> Outcome:
    files = [m.evidence for m in item.media.select_related("evidence") if m.role in MEDIA_ROLES]
    if not files:
        return Outcome(status="no media")
    merged = Outcome(status="analysed")
    for evidence in files:
        if evidence.purged_at is not None:
            merged.status = "media not analysed: evidence purged"
            continue
        one = screen_media(store.read_bytes(evidence.storage_name), evidence.original_name or evidence.sha256)
        merged.signals += one.signals
        merged.versions |= one.versions
        merged.texts += one.texts
        if one.status != "analysed":
            merged.status = one.status
    return merged


def screen_item(item: ContentItem, *, actor: Any = "screening worker") -> ScreeningRun:
    started = timezone.now()
    ctx = rule_context(item)
    at = item.posted_at or item.created_at
    context: dict[str, Any] = {"account_kind": ctx.account_kind, "approved": ctx.approved,
                               "platform": item.platform, "kind": item.kind, "source": "post"}  # fmt: skip
    media = _media_outcome(item)
    extracted = "\n".join(t for t, _c in media.texts)
    text = screen_text("\n".join(p for p in (item.text, extracted) if p), context, at, str(item.pk))
    findings = apply_context(text.findings, [*text.signals, *media.signals], ctx)
    return screening_record(item=item, text=text, media=media, findings=findings, context=ctx.as_dict(),
                            started_at=started, actor=actor)  # fmt: skip
