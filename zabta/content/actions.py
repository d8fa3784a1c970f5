"""Taking in a content item by any channel: dedup, author link, media kept as evidence, screening queued."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zabta.access.scopes import personnel_visible_to
from zabta.audit.actions import Change, record, record_many, snapshot
from zabta.content import adapters
from zabta.content.models import ITEM_KINDS, PLATFORMS, AccountKind, ContentItem, ItemKind, ItemMedia
from zabta.content.normalise import MAX_URL, content_hash, platform_of, url_key
from zabta.evidence.actions import Provenance, evidence_store
from zabta.evidence.store import sha256_bytes
from zabta.org.models import Personnel, Posting, Unit

MAX_TEXT = 20_000
MAX_MEDIA_FILES = 20
ITEM_FIELDS = ("platform", "url", "account_handle", "account_kind", "author", "kind", "posted_at", "views",
               "likes", "followers", "unit")  # fmt: skip
UPDATED_FIELDS = ["platform", "url", "url_key", "content_hash", "account_handle", "account_kind", "kind", "original",
                  "posted_at", "text", "views", "likes", "followers", "unit", "author", "author_linked_by",
                  "author_link_reason", "times_seen", "updated_at"]  # fmt: skip
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
        if url and not _web_address(url):
            raise IntakeError(_("not a web address (http or https): %(url)s") % {"url": url[:100]})
    if len(data.text) > MAX_TEXT:
        raise IntakeError(_("text longer than %(n)d characters") % {"n": MAX_TEXT})
    if len(data.media) > MAX_MEDIA_FILES:
        raise IntakeError(_("more than %(n)d media files") % {"n": MAX_MEDIA_FILES})
    if data.kind not in ITEM_KINDS:
        raise IntakeError(_("unknown kind %(kind)s") % {"kind": data.kind[:30]})
    if data.platform and data.platform not in PLATFORMS:
        raise IntakeError(_("unknown platform %(p)s") % {"p": data.platform[:30]})
    if any(v is not None and v < 0 for v in (data.views, data.likes, data.followers)):
        raise IntakeError(_("reach figures cannot be negative"))


def _web_address(url: str) -> bool:
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0  # reading .port raises on a port out of range
        return len(url) <= MAX_URL and parts.scheme in ("http", "https") and bool(parts.hostname) and port_ok
    except ValueError:  # a broken IPv6 literal, a port that is not a number
        return False


class _Lookups:
    """Officers, their current units and registry answers for a set of rows, each table read once for the set."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.accounts = adapters.AccountMemo()
        self.officers: dict[str, Personnel] = {}
        self.units: dict[int, Unit] = {}
        self._grant: list[Unit | None] = []

    def load_officers(self, rows: Iterable[ItemInput]) -> None:
        ids = {d.author_personnel_id.strip() for d in rows if d.author_personnel_id.strip()}
        if ids:
            actor = self.actor
            people = personnel_visible_to(actor) if not isinstance(actor, str | None) else Personnel.objects.all()
            self.officers = {p.personnel_id: p for p in people.filter(personnel_id__in=ids)}

    def load_units(self, authors: Iterable[Personnel | None]) -> None:
        ids = {a.pk for a in authors if a is not None}
        if ids:
            postings = Posting.objects.filter(personnel_id__in=ids, valid_to__isnull=True).select_related("unit")
            self.units = {p.personnel_id: p.unit for p in postings}

    def unit(self, author: Personnel | None, account: adapters.AccountInfo) -> Unit | None:
        """The author's current unit, else the account's, else the unit of the person taking the item in."""
        if author is not None and author.pk in self.units:
            return self.units[author.pk]
        if account.unit is not None:
            return account.unit
        if not self._grant:
            grants = getattr(self.actor, "role_grants", None)
            grant = grants.filter(revoked_at__isnull=True, unit__isnull=False).first() if grants is not None else None
            self._grant.append(grant.unit if grant is not None else None)
        return self._grant[0]


@dataclass(frozen=True)
class _Row:
    """One checked input with what intake worked out for it: platform, account, author and dedup keys."""

    data: ItemInput
    platform: str
    account: adapters.AccountInfo
    author: Personnel | None
    linked_by: str
    link_reason: str
    key: str
    chash: str

    @property
    def identity(self) -> tuple[str, str]:
        """Same URL, or (without URL) same content: the same item."""
        return ("url", self.key) if self.key else ("content", self.chash)


def _author(data: ItemInput, lookups: _Lookups, account: adapters.AccountInfo) -> tuple[Personnel | None, str, str]:
    """The officer behind the item: linked by the person taking it in, or known from the account registry."""
    if data.author_personnel_id:
        officer = lookups.officers.get(data.author_personnel_id.strip())
        if officer is None:
            raise IntakeError(_("no officer %(pid)s in your scope") % {"pid": data.author_personnel_id[:30]})
        actor = lookups.actor
        who = actor if isinstance(actor, str | None) else actor.get_username()
        return officer, str(who or "system"), data.author_link_reason or _("linked at intake")
    if account.personnel is not None:
        return account.personnel, "account registry", _("declared or discovered account of this officer")
    return None, "", ""


def _prepare(data: ItemInput, lookups: _Lookups) -> _Row:
    _check(data)
    platform = data.platform or platform_of(data.url)
    account = lookups.accounts.lookup(platform, data.account_handle or data.url)
    author, linked_by, link_reason = _author(data, lookups, account)
    if author is None and account.kind not in ENTITLED_KINDS:
        raise IntakeError(_("this account is neither official, declared nor linked to an officer: "
                            "link the officer (personnel id and reason) to take it in"))  # fmt: skip
    chash = content_hash(data.text, [sha256_bytes(m.data) for m in data.media])
    return _Row(data, platform, account, author, linked_by, link_reason, url_key(data.url), chash)


def _values(row: _Row, unit: Unit | None, original: ContentItem | None) -> dict[str, Any]:
    data = row.data
    values: dict[str, Any] = {
        "platform": row.platform, "url": data.url, "url_key": row.key, "content_hash": row.chash,
        "account_handle": data.account_handle[:200], "account_kind": row.account.kind, "kind": data.kind,
        "original": original, "posted_at": data.posted_at, "text": data.text, "views": data.views,
        "likes": data.likes, "followers": data.followers, "unit": unit,
    }  # fmt: skip
    if row.author is not None:
        values.update(author=row.author, author_linked_by=row.linked_by[:200], author_link_reason=row.link_reason[:500])
    return values


def item_ingest(*, data: ItemInput, actor: Any, channel: str, screen: bool = True) -> IngestResult:
    """Create the item, or update the one with the same URL (or, without URL, the same content) and keep its media."""
    lookups = _Lookups(actor)
    lookups.load_officers([data])
    row = _prepare(data, lookups)
    lookups.load_units([row.author])
    with transaction.atomic():
        original = _original(data.original_url, actor, channel) if data.original_url else None
        existing = _existing(row.key, row.chash)
        values = _values(row, lookups.unit(row.author, row.account), original)
        item, created = _update(existing, values, actor) if existing else (_create(values, actor, channel), True)
        for media in data.media:
            _attach(item, media, actor)
        if screen:
            item_id = item.pk
            transaction.on_commit(lambda: _enqueue([item_id]))
    return IngestResult(item=item, created=created)


def ingest_batch(*, rows: Sequence[tuple[int, ItemInput]], actor: Any, channel: str,
                 screen: bool = True) -> list[tuple[int, IngestResult | IntakeError]]:  # fmt: skip
    """Take in many rows (a chunk of a bulk file) in one transaction, deduplicated against the database and among
    themselves, with an audit event per item and one screening task for the chunk. Each row keeps the tag the
    caller gave it; a bad row is returned as its IntakeError and the others go in. Rows with media files go one
    by one (their evidence is stored file by file anyway)."""
    plain = [(pos, data) for pos, (_tag, data) in enumerate(rows) if not data.media]
    try:
        results = _ingest_plain(plain, actor, channel)
    except IntegrityError:
        # Another intake took in one of these items at this very moment: row by row, each deduplicated under lock.
        results = {pos: _ingest_one(data, actor, channel) for pos, data in plain}
    results |= {pos: _ingest_one(data, actor, channel) for pos, (_tag, data) in enumerate(rows) if data.media}
    if screen:
        ids = [r.item.pk for r in results.values() if isinstance(r, IngestResult)]
        transaction.on_commit(lambda: _enqueue(ids))
    return [(tag, results[pos]) for pos, (tag, _data) in enumerate(rows)]


def _ingest_one(data: ItemInput, actor: Any, channel: str) -> IngestResult | IntakeError:
    try:
        return item_ingest(data=data, actor=actor, channel=channel, screen=False)
    except IntakeError as exc:
        return exc


def _ingest_plain(rows: Sequence[tuple[int, ItemInput]], actor: Any,
                  channel: str) -> dict[int, IngestResult | IntakeError]:  # fmt: skip
    results: dict[int, IngestResult | IntakeError] = {}
    checked: list[tuple[int, ItemInput]] = []
    for pos, data in rows:
        try:
            _check(data)
            checked.append((pos, data))
        except IntakeError as exc:
            results[pos] = exc
    lookups = _Lookups(actor)
    lookups.load_officers(data for _pos, data in checked)
    lookups.accounts.prime((d.platform or platform_of(d.url), d.account_handle or d.url) for _pos, d in checked)
    good: list[tuple[int, _Row]] = []
    for pos, data in checked:
        try:
            good.append((pos, _prepare(data, lookups)))
        except IntakeError as exc:
            results[pos] = exc
    lookups.load_units(row.author for _pos, row in good)
    with transaction.atomic():
        originals = {r.data.original_url: _original(r.data.original_url, actor, channel)
                     for _pos, r in good if r.data.original_url}  # fmt: skip
        items = _existing_many([row for _pos, row in good])
        batch = _Batch(actor, channel, items)
        for pos, row in good:
            values = _values(row, lookups.unit(row.author, row.account), originals.get(row.data.original_url))
            results[pos] = batch.add(row.identity, values)
        batch.save()
    return results


def _existing_many(rows: Sequence[_Row]) -> dict[tuple[str, str], ContentItem]:
    keys, hashes = {r.key for r in rows if r.key}, {r.chash for r in rows if not r.key}
    locked = ContentItem.objects.select_for_update()
    found = {("url", i.url_key): i for i in locked.filter(url_key__in=keys)} if keys else {}
    if hashes:
        found |= {("content", i.content_hash): i for i in locked.filter(url_key="", content_hash__in=hashes)}
    return found


class _Batch:
    """New and known items of one chunk, written with one insert, one update and one append to the audit log."""

    def __init__(self, actor: Any, channel: str, items: dict[tuple[str, str], ContentItem]) -> None:
        self.actor, self.channel, self.items = actor, channel, items
        self.fresh: list[ContentItem] = []
        self.known: dict[int, ContentItem] = {}
        self.changes: list[Change] = []

    def add(self, identity: tuple[str, str], values: dict[str, Any]) -> IngestResult:
        item = self.items.get(identity)
        if item is not None:
            self.changes.append(_seen_again(item, values))
            if item.pk is not None:
                self.known[item.pk] = item
            return IngestResult(item=item, created=False)
        creator = None if isinstance(self.actor, str | None) else self.actor
        item = self.items[identity] = ContentItem(**values, channel=self.channel, created_by=creator)
        self.fresh.append(item)
        self.changes.append(_created(item, self.channel))
        return IngestResult(item=item, created=True)

    def save(self) -> None:
        ContentItem.objects.bulk_create(self.fresh)
        now = timezone.now()
        for item in self.known.values():
            item.updated_at = now
        if self.known:
            ContentItem.objects.bulk_update(list(self.known.values()), UPDATED_FIELDS)
        record_many(actor=self.actor, changes=self.changes)


def _existing(key: str, chash: str) -> ContentItem | None:
    rows = ContentItem.objects.select_for_update()
    return rows.filter(url_key=key).first() if key else rows.filter(url_key="", content_hash=chash).first()


def _created(item: ContentItem, channel: str) -> Change:
    after = {**snapshot(item, ITEM_FIELDS), "channel": channel, "content_hash": item.content_hash}
    return Change(action="content.item.created", obj=item, after=after)


def _create(values: dict[str, Any], actor: Any, channel: str) -> ContentItem:
    creator = None if isinstance(actor, str | None) else actor
    item = ContentItem.objects.create(**values, channel=channel, created_by=creator)
    record_many(actor=actor, changes=[_created(item, channel)])
    return item


def _seen_again(item: ContentItem, values: dict[str, Any]) -> Change:
    """A second sighting refreshes reach and fills gaps; it never blanks what was known (changes the item in memory)."""
    before = snapshot(item, ITEM_FIELDS)
    for name, value in values.items():
        if value not in (None, "") and not (name == "account_kind" and value == AccountKind.UNKNOWN):
            setattr(item, name, value)
    item.times_seen += 1
    after = snapshot(item, ITEM_FIELDS)
    diff = {k: v for k, v in after.items() if before.get(k) != v}
    return Change(action="content.item.seen_again", obj=item, before={k: before[k] for k in diff},
                  after={**diff, "times_seen": item.times_seen})  # fmt: skip


def _update(item: ContentItem, values: dict[str, Any], actor: Any) -> tuple[ContentItem, bool]:
    change = _seen_again(item, values)
    item.save()
    record_many(actor=actor, changes=[change])
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


def _enqueue(item_ids: list[int]) -> None:
    from zabta.review.tasks import enqueue_screening_batch

    if item_ids:
        enqueue_screening_batch(item_ids)


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
