"""Capture one item from a URL: the page and the media it names, kept as evidence with their HTTP provenance."""

from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from django.conf import settings

from zabta.content.actions import IngestResult, ItemInput, MediaInput, item_ingest
from zabta.content.fetch import VERSION, FetchLimits, FetchRefused, FetchResult, Resolver, fetch, system_resolver
from zabta.content.models import Channel, ItemKind
from zabta.evidence.actions import Provenance
from zabta.evidence.models import CustodyAction

MAX_MEDIA = 8
MAX_PAGE_TEXT = 5000
MEDIA_TYPES = ("image/", "video/", "audio/")


class _PageParser(HTMLParser):
    """Open Graph tags, the title, media sources and the visible text of a page (scripts and styles skipped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.media: list[str] = []
        self.title = ""
        self.text: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or ""
            if key.startswith(("og:", "twitter:")) or key == "description":
                self.meta.setdefault(key, values.get("content", "")[:MAX_PAGE_TEXT])
        elif tag in ("img", "video", "source", "audio") and values.get("src"):
            self.media.append(values["src"])
        elif tag in ("script", "style", "noscript"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript") and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip and data.strip():
            self.text.append(data.strip())


@dataclass(frozen=True)
class Page:
    text: str
    media_urls: tuple[str, ...]
    kind: str


def parse_page(page: FetchResult) -> Page:
    parser = _PageParser()
    parser.feed(page.body.decode("utf-8", "replace")[:2_000_000])
    meta = parser.meta
    text = meta.get("og:description") or meta.get("description") or " ".join(parser.text)
    wanted = [meta.get(k, "") for k in ("og:video", "og:video:url", "og:image", "twitter:image")] + parser.media
    urls = tuple(dict.fromkeys(urljoin(page.final_url, u) for u in wanted if u and not u.startswith("data:")))
    kind = ItemKind.VIDEO if meta.get("og:video") or meta.get("og:type", "").startswith("video") else ItemKind.POST
    return Page(text=text[:MAX_PAGE_TEXT], media_urls=urls[:MAX_MEDIA], kind=kind)


def default_limits() -> FetchLimits:
    """Production limits; ZABTA_CAPTURE_ALLOWED_NETWORKS lets tests and the demo reach a local server."""
    return FetchLimits(allowed_networks=tuple(getattr(settings, "ZABTA_CAPTURE_ALLOWED_NETWORKS", ())))


def _provenance(result: FetchResult) -> Provenance:
    note = " -> ".join([*result.redirects, result.final_url]) if result.redirects else ""
    return Provenance(action=CustodyAction.CAPTURED, source_url=result.final_url, tool="zabta-fetch",
                      tool_version=VERSION, http_status=result.status, http_headers=result.headers, note=note[:500])  # fmt: skip


def capture_url(*, url: str, actor: Any, base: ItemInput | None = None, limits: FetchLimits | None = None,
                resolver: Resolver = system_resolver, screen: bool = True) -> IngestResult:  # fmt: skip
    """Fetch the page (or file) and each media file it names, then take the item in with them as evidence."""
    limits = limits or default_limits()
    page = fetch(url, limits=limits, resolver=resolver)
    if page.status >= 400:
        raise FetchRefused(f"HTTP {page.status}")
    media: list[MediaInput] = []
    if page.content_type.startswith(MEDIA_TYPES):
        media.append(MediaInput(page.body, url.rsplit("/", 1)[-1][:200], page.content_type, _provenance(page)))
        parsed = Page(text="", media_urls=(), kind=ItemKind.VIDEO if "video" in page.content_type else ItemKind.POST)
    else:
        media.append(MediaInput(page.body, "page.html", page.content_type or "text/html", _provenance(page), "page"))
        parsed = parse_page(page)
    for media_url in parsed.media_urls:
        media.extend(_media(media_url, limits, resolver))
    data = replace(base or ItemInput(), url=url, media=tuple(media), kind=(base.kind if base and base.kind != ItemKind.POST else parsed.kind),
                   text=(base.text if base and base.text else parsed.text))  # fmt: skip
    return item_ingest(data=data, actor=actor, channel=Channel.CAPTURE, screen=screen)


def _media(url: str, limits: FetchLimits | None, resolver: Resolver) -> list[MediaInput]:
    """One media file of the page; one that is refused or not media is skipped (the page itself is kept)."""
    try:
        got = fetch(url, limits=limits, resolver=resolver)
    except FetchRefused:
        return []
    if got.status >= 400 or not got.content_type.startswith(MEDIA_TYPES):
        return []
    return [MediaInput(got.body, url.rsplit("/", 1)[-1][:200], got.content_type, _provenance(got))]
