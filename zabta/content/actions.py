"""Taking in a content item by any channel: dedup, author link, media kept as evidence, screening queued."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from zabta.access.scopes import personnel_visible_to
from zabta.audit.actions import record, snapshot
from zabta.content import adapters
from zabta.content.models import AccountKind, ContentItem, ItemKind, ItemMedia, Platform
from zabta.content.normalise import MAX_URL, content_hash, platform_of, url_key
from zabta.evidence.actions import Provenance, evidence_store
from zabta.evidence.store import sha256_bytes
from zabta.org.models import Personnel, Posting, Unit

MAX_TEXT = 20_000
MAX_MEDIA_FILES = 20
ITEM_FIELDS = ("platform", "url", "account_handle", "account_kind", "author", "kind", "posted_at", "views",
               "likes", "followers", "unit")  # fmt: skip
ENTITLED_KINDS = {AccountKind.OFFICIAL, AccountKind.PERSONAL, AccountKind.DISCOVERED}


class IntakeError(ValueError):
    """The input cannot become an item; the message says why, for the officer or the per-row report."""


@dataclass(frozen=True)
class MediaInput:
    data: bytes
    name: str = ""
    content_type: str = ""
    provenance: Provenance = field(default_factory=Provenance)
    role: str = "media"


@dataclass(frozen=True)
class ItemInput:
    url: str = ""
    platform: str = ""
    account_handle: str = ""
    author_personnel_id: str = ""
    author_link_reason: str = ""
    kind: str = ItemKind.POST
    original_url: str = ""
    posted_at: datetime | None = None
    text: str = ""
    views: int | None = None
    likes: int | None = None
    followers: int | None = None
    media: tuple[MediaInput, ...] = ()


@dataclass(frozen=True)
class IngestResult:
    item: ContentItem
    created: bool


def _check(data: ItemInput) -> None:
    if not (data.url or data.text.strip() or data.media):
        raise IntakeError(_("an item needs a URL, text or at least one media file"))
    for url in (data.url, data.original_url):
        if url and (len(url) > MAX_URL or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname):
            raise IntakeError(_("not a web address (http or https): %(url)s") % {"url": url[:100]})
    if len(data.text) > MAX_TEXT:
        raise IntakeError(_("text longer than %(n)d characters") % {"n": MAX_TEXT})
    if len(data.media) > MAX_MEDIA_FILES:
        raise IntakeError(_("more than %(n)d media files") % {"n": MAX_MEDIA_FILES})
    if data.kind not in ItemKind.values:
        raise IntakeError(_("unknown kind %(kind)s") % {"kind": data.kind[:30]})
    if data.platform and data.platform not in Platform.values:
        raise IntakeError(_("unknown platform %(p)s") % {"p": data.platform[:30]})
    if any(v is not None and v < 0 for v in (data.views, data.likes, data.followers)):
        raise IntakeError(_("reach figures cannot be negative"))


def _author(data: ItemInput, actor: Any, account: adapters.AccountInfo) -> tuple[Personnel | None, str, str]:
    """The officer behind the item: linked by the person taking it in, or known from the account registry."""
    if data.author_personnel_id:
        people = personnel_visible_to(actor) if not isinstance(actor, str | None) else Personnel.objects.all()
        officer = people.filter(personnel_id=data.author_personnel_id.strip()).first()
        if officer is None:
            raise IntakeError(_("no officer %(pid)s in your scope") % {"pid": data.author_personnel_id[:30]})
        who = actor if isinstance(actor, str | None) else actor.get_username()
        return officer, str(who or "system"), data.author_link_reason or _("linked at intake")
    if account.personnel is not None:
        return account.personnel, "account registry", _("declared or discovered account of this officer")
    return None, "", ""


def _unit(author: Personnel | None, account: adapters.AccountInfo, actor: Any) -> Unit | None:
    if author is not None:
        posting = Posting.objects.filter(personnel=author, valid_to__isnull=True).select_related("unit").first()
        if posting is not None:
            return posting.unit
    if account.unit is not None:
        return account.unit
    grants = getattr(actor, "role_grants", None)
    grant = grants.filter(revoked_at__isnull=True, unit__isnull=False).first() if grants is not None else None
    return grant.unit if grant is not None else None


def item_ingest(*, data: ItemInput, actor: Any, channel: str, screen: bool = True) -> IngestResult:
    """Create the item, or update the one with the same URL (or, without URL, the same content) and keep its media."""
    _check(data)
    platform = data.platform or platform_of(data.url)
    account = adapters.lookup_account(platform, data.account_handle or data.url)
    author, linked_by, link_reason = _author(data, actor, account)
    if author is None and account.kind not in ENTITLED_KINDS:
        raise IntakeError(_("this account is neither official, declared nor linked to an officer: "
                            "link the officer (personnel id and reason) to take it in"))  # fmt: skip
    media_hashes = [sha256_bytes(m.data) for m in data.media]
    key, chash = url_key(data.url), content_hash(data.text, media_hashes)
    with transaction.atomic():
        original = _original(data.original_url, actor, channel) if data.original_url else None
        existing = _existing(key, chash)
        values: dict[str, Any] = {
            "platform": platform, "url": data.url, "url_key": key, "content_hash": chash,
            "account_handle": data.account_handle[:200], "account_kind": account.kind, "kind": data.kind,
            "original": original, "posted_at": data.posted_at, "text": data.text, "views": data.views,
            "likes": data.likes, "followers": data.followers, "unit": _unit(author, account, actor),
        }  # fmt: skip
        if author is not None:
            values.update(author=author, author_linked_by=linked_by[:200], author_link_reason=link_reason[:500])
        item, created = _update(existing, values, actor) if existing else (_create(values, actor, channel), True)
        for media in data.media:
            _attach(item, media, actor)
        if screen:
            item_id = item.pk
            transaction.on_commit(lambda: _enqueue(item_id))
    return IngestResult(item=item, created=created)


def _existing(key: str, chash: str) -> ContentItem | None:
    rows = ContentItem.objects.select_for_update()
    return rows.filter(url_key=key).first() if key else rows.filter(url_key="", content_hash=chash).first()


def _create(values: dict[str, Any], actor: Any, channel: str) -> ContentItem:
    creator = None if isinstance(actor, str | None) else actor
    item = ContentItem.objects.create(**values, channel=channel, created_by=creator)
    record(actor=actor, action="content.item.created", obj=item,
           after={**snapshot(item, ITEM_FIELDS), "channel": channel, "content_hash": item.content_hash})  # fmt: skip
    return item


def _update(item: ContentItem, values: dict[str, Any], actor: Any) -> tuple[ContentItem, bool]:
    """A second sighting refreshes reach and fills gaps; it never blanks what was known."""
    before = snapshot(item, ITEM_FIELDS)
    for name, value in values.items():
        if value not in (None, "") and not (name == "account_kind" and value == AccountKind.UNKNOWN):
            setattr(item, name, value)
    item.times_seen += 1
    item.save()
    after = snapshot(item, ITEM_FIELDS)
    diff = {k: v for k, v in after.items() if before.get(k) != v}
    record(actor=actor, action="content.item.seen_again", obj=item, before={k: before[k] for k in diff},
           after={**diff, "times_seen": item.times_seen})  # fmt: skip
    return item, False


def _original(url: str, actor: Any, channel: str) -> ContentItem:
    """A share points at the original: an item for the original URL is made (unscreened) if none exists yet."""
    found = ContentItem.objects.filter(url_key=url_key(url)).first()
    if found is not None:
        return found
    values = {"platform": platform_of(url), "url": url, "url_key": url_key(url), "content_hash": content_hash("", [])}
    return _create(values, actor, channel)


def _attach(item: ContentItem, media: MediaInput, actor: Any) -> None:
    evidence = evidence_store(data=media.data, actor=actor, provenance=media.provenance, item=item,
                              content_type=media.content_type, original_name=media.name)  # fmt: skip
    _, created = ItemMedia.objects.get_or_create(item=item, evidence=evidence, defaults={"role": media.role})
    if created:
        record(actor=actor, action="content.item.media_added", obj=item,
               after={"sha256": evidence.sha256, "role": media.role})  # fmt: skip


def _enqueue(item_id: int) -> None:
    from zabta.review.tasks import enqueue_screening

    enqueue_screening(item_id)


def item_link_author(*, item: ContentItem, author: Personnel, actor: Any, reason: str) -> ContentItem:
    """A reviewer names the officer behind an item, with why; the link is audited with who made it."""
    if not reason.strip():
        raise IntakeError(_("give the reason for linking this officer"))
    with transaction.atomic():
        before = {"author": item.author_id}
        item.author, item.author_linked_by, item.author_link_reason = author, actor.get_username(), reason[:500]
        posting = Posting.objects.filter(personnel=author, valid_to__isnull=True).first()
        if posting is not None:
            item.unit_id = posting.unit_id
        item.save(update_fields=["author", "author_linked_by", "author_link_reason", "unit"])
        record(actor=actor, action="content.item.author_linked", obj=item, before=before,
               after={"author": author.pk, "unit": item.unit_id}, reason=reason)  # fmt: skip
    return item


def item_viewed(*, item: ContentItem, actor: Any) -> bool:
    """Log a view of an officer's personal content (privacy guardrail); official accounts' posts are public work."""
    if item.account_kind == AccountKind.OFFICIAL or (item.author_id is None and item.account_kind == "unknown"):
        return False
    with transaction.atomic():
        record(actor=actor, action="content.item.viewed", obj=item,
               after={"account_kind": item.account_kind, "author": item.author_id})  # fmt: skip
    return True
