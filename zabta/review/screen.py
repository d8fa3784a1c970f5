"""Screen one item: text and media through the core, then the context rules; the result goes to the queue."""

import importlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from django.apps import apps
from django.utils import timezone

from zabta.content import adapters
from zabta.content.models import ContentItem
from zabta.evidence import store
from zabta.review.actions import ScreeningEntry, screening_record_batch
from zabta.review.context import CLAUSE_IDENTIFIERS, RuleContext, apply_context
from zabta.review.models import ScreeningRun
from zabta.review.screening import DirectivesInForce, FindingData, Outcome, TextRequest, screen_media, screen_texts

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
    hashes = [m.evidence.sha256 for m in _media_of(item)]
    ok = bool(hashes) and all(
        approvals.is_media_approved(account=account.official_account, at=at, sha256=h) for h in hashes
    )
    return ok, ""


def _media_of(item: ContentItem) -> list[Any]:
    """The item's media files (read with the batch when the caller prefetched `media__evidence`)."""
    return [m for m in item.media.all() if m.role in MEDIA_ROLES]


def rule_context(item: ContentItem, *, accounts: adapters.AccountMemo | None = None,
                 directives: DirectivesInForce | None = None) -> RuleContext:  # fmt: skip
    """Account kind, approval, author and directive timing of one item; a batch passes its shared lookups."""
    at = item.posted_at or item.created_at
    memo = accounts or adapters.AccountMemo()
    account = memo.lookup(item.platform, item.account_handle or item.url, on=timezone.localdate(at))
    kind = account.kind if account.registry else item.account_kind
    approved, note = _approved(item, account, at)
    notes = tuple(n for n in (note, "" if account.registry else "account registry not installed") if n)
    in_force = directives or DirectivesInForce()
    before = None if item.posted_at is None else not in_force.has_clause(CLAUSE_IDENTIFIERS, item.posted_at)
    return RuleContext(kind, approved, item.author_id, before, notes)


def _media_outcome(item: ContentItem, ctx: RuleContext) -> Outcome:
    files = [m.evidence for m in _media_of(item)]
    if not files:
        return Outcome(status="no media")
    merged = Outcome(status="analysed", approved_by_bank=True)
    account = f"{item.platform}:{item.account_handle}" if item.account_handle else ""
    for evidence in files:
        if evidence.purged_at is not None:
            merged.status, merged.approved_by_bank = "media not analysed: evidence purged", False
            continue
        one = screen_media(store.read_bytes(evidence.storage_name), evidence.original_name or evidence.sha256,
                           account=account, account_kind=ctx.account_kind, at=item.posted_at or item.created_at)  # fmt: skip
        merged.signals += one.signals
        merged.findings += one.findings
        merged.versions |= one.versions
        merged.texts += one.texts
        merged.approved_by_bank = merged.approved_by_bank and one.approved_by_bank
        if one.status != "analysed":
            merged.status = one.status
    return merged


def _one_per_clause(findings: Sequence[FindingData]) -> list[FindingData]:
    """Text and media may both raise a clause (OCR text is screened on both sides): keep the strongest, all evidence."""
    best: dict[str, FindingData] = {}
    for f in findings:
        old = best.get(f.clause_key)
        if old is None:
            best[f.clause_key] = f
            continue
        top, other = (f, old) if f.score > old.score else (old, f)
        best[f.clause_key] = replace(top, labels=tuple(dict.fromkeys(top.labels + other.labels)),
                                     evidence=(top.evidence + other.evidence)[:50])  # fmt: skip
    return list(best.values())


def screen_items(items: Sequence[ContentItem], *, actor: Any = "screening worker") -> list[ScreeningRun]:
    """Screen a batch: text through the core in one pass, media file by file, then the context rules per item;
    registry answers and directive versions are read once for the batch and the results written together."""
    started = timezone.now()
    accounts, directives = adapters.AccountMemo(), DirectivesInForce()
    accounts.prime((item.platform, item.account_handle or item.url) for item in items)
    contexts = [rule_context(item, accounts=accounts, directives=directives) for item in items]
    medias = [_media_outcome(item, ctx) for item, ctx in zip(items, contexts, strict=True)]
    contexts = [replace(ctx, approved=ctx.approved or (media.approved_by_bank and media.status == "analysed"))
                for ctx, media in zip(contexts, medias, strict=True)]  # fmt: skip
    requests = [TextRequest(_text_of(item, media), _core_context(item, ctx), item.posted_at or item.created_at,
                            str(item.pk)) for item, media, ctx in zip(items, medias, contexts, strict=True)]  # fmt: skip
    texts = screen_texts(requests, directives)
    entries = [ScreeningEntry(item, text, media, ctx.as_dict(), _findings(text, media, ctx))
               for item, text, media, ctx in zip(items, texts, medias, contexts, strict=True)]  # fmt: skip
    return screening_record_batch(entries=entries, started_at=started, actor=actor)


def _findings(text: Outcome, media: Outcome, ctx: RuleContext) -> list[FindingData]:
    return apply_context(_one_per_clause([*text.findings, *media.findings]), [*text.signals, *media.signals], ctx)


def screen_item(item: ContentItem, *, actor: Any = "screening worker") -> ScreeningRun:
    return screen_items([item], actor=actor)[0]


def _text_of(item: ContentItem, media: Outcome) -> str:
    """The post's own words and any words found in its media (OCR, speech), screened together."""
    return "\n".join(part for part in (item.text, *(t for t, _c in media.texts)) if part)


def _core_context(item: ContentItem, ctx: RuleContext) -> dict[str, Any]:
    return {"account_kind": ctx.account_kind, "approved": ctx.approved, "platform": item.platform, "kind": item.kind,
            "source": "post"}  # fmt: skip
