"""Capture one item from a URL: the page and the media it names, kept as evidence with their HTTP provenance."""

from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from django.conf import settings

from zabta.content.actions import IngestResult, ItemInput, MediaInput, item_ingest
from zabta.content.extract import Extracted, extract
from zabta.content.fetch import VERSION, FetchLimits, FetchRefused, FetchResult, Resolver, fetch, system_resolver
from zabta.content.models import Channel, ItemKind
from zabta.evidence.actions import Provenance
from zabta.evidence.models import CustodyAction

MAX_MEDIA = 8
MAX_PAGE_TEXT = 5000
MEDIA_TYPES = ("image/", "video/", "audio/")
VIDEO_EXTENSIONS = (".mp4", ".m4v", ".mov", ".webm", ".mkv")
# Self-hostable platforms: "mastodon:https://social.example/@user/1" names a server gallery-dl does not list.
INSTANCE_PLATFORMS = ("mastodon", "misskey", "nitter", "blogger", "xenforo")


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


def split_instance_url(url: str) -> tuple[str, str]:
    """(the page's own URL, the URL gallery-dl is given) for "<platform>:<http(s) URL>" or a plain URL."""
    platform, colon, rest = url.partition(":")
    if colon and platform.lower() in INSTANCE_PLATFORMS and rest.lower().startswith(("http://", "https://")):
        return rest, f"{platform.lower()}:{rest}"
    return url, url


def _site_extract(url: str, tool_url: str, limits: FetchLimits, resolver: Resolver) -> tuple[Extracted | None, str]:
    """yt-dlp's answer, else gallery-dl's; and a note when gallery-dl (an optional extra) could not be asked."""
    found = extract(url, limits=limits, resolver=resolver)
    if found is not None:
        return found, ""
    try:
        from zabta.content import gallery
    except ImportError:
        return None, "gallery-dl not installed: not asked"
    return gallery.gallery_extract(tool_url, limits=limits, resolver=resolver), ""


def _is_video(url: str) -> bool:
    return url.split("?", 1)[0].lower().endswith(VIDEO_EXTENSIONS)


def default_limits() -> FetchLimits:
    """Production limits; ZABTA_CAPTURE_ALLOWED_NETWORKS lets tests and the demo reach a local server."""
    return FetchLimits(allowed_networks=tuple(getattr(settings, "ZABTA_CAPTURE_ALLOWED_NETWORKS", ())))


def _provenance(result: FetchResult) -> Provenance:
    note = " -> ".join([*result.redirects, result.final_url]) if result.redirects else ""
    return Provenance(action=CustodyAction.CAPTURED, source_url=result.final_url, tool="zabta-fetch",
                      tool_version=VERSION, http_status=result.status, http_headers=result.headers, note=note[:500])  # fmt: skip


def capture_url(*, url: str, actor: Any, base: ItemInput | None = None, limits: FetchLimits | None = None,
                resolver: Resolver = system_resolver, screen: bool = True) -> IngestResult:  # fmt: skip
    """Fetch the page (or file) and the media it holds, then take the item in with them as evidence.

    yt-dlp, then gallery-dl (both through the safe fetcher) find the media where they know the site; otherwise the
    page's own tags do. "<platform>:<URL>" (e.g. ``mastodon:https://social.example/@user/1``) names a server of a
    self-hostable platform that gallery-dl does not list; the item keeps the plain URL."""
    limits = limits or default_limits()
    url, tool_url = split_instance_url(url)
    page = fetch(url, limits=limits, resolver=resolver)
    if page.status >= 400:
        raise FetchRefused(f"HTTP {page.status}")
    if page.content_type.startswith(MEDIA_TYPES):
        kind = ItemKind.VIDEO if "video" in page.content_type else ItemKind.POST
        media = [MediaInput(page.body, url.rsplit("/", 1)[-1][:200], page.content_type, _provenance(page))]
        return _ingest(url, base, media, Page(text="", media_urls=(), kind=kind), actor, screen)
    media = [MediaInput(page.body, "page.html", page.content_type or "text/html", _provenance(page), "page")]
    found, unasked = _site_extract(url, tool_url, limits, resolver)
    parsed = parse_page(page)
    tool = ("", "")
    if found is not None:
        tool = (found.extractor, found.version)
        text = found.description or found.title or parsed.text
        video = found.extractor.startswith("yt-dlp") or any(_is_video(u) for u in found.media_urls)
        found_kind = ItemKind.VIDEO if video else parsed.kind
        parsed = Page(text=text[:MAX_PAGE_TEXT], media_urls=found.media_urls, kind=found_kind)
    skipped: list[str] = []
    for media_url in parsed.media_urls:
        got = _media(media_url, limits, resolver, tool)
        media.extend(got) if isinstance(got, list) else skipped.append(f"{media_url[:200]}: {got}")
    if skipped or unasked:  # the page's custody log says which media could not be kept, and why
        notes = (media[0].provenance.note, unasked, "media not captured" if skipped else "", *skipped)
        note = "; ".join(p for p in notes if p)[:500]
        media[0] = replace(media[0], provenance=replace(media[0].provenance, note=note))
    extra = {"posted_at": found.posted_at, **found.reach} if found is not None else {}
    return _ingest(url, base, media, parsed, actor, screen, extra)


def _ingest(url: str, base: ItemInput | None, media: list[MediaInput], parsed: Page, actor: Any, screen: bool,
            extra: dict[str, Any] | None = None) -> IngestResult:  # fmt: skip
    """What the officer typed wins over what the page says; the page fills the gaps."""
    data = base or ItemInput()
    gaps = {k: v for k, v in (extra or {}).items() if v is not None and getattr(data, k) in (None, "")}
    data = replace(data, url=url, media=tuple(media), kind=data.kind if data.kind != ItemKind.POST else parsed.kind,
                   text=data.text or parsed.text, **gaps)  # fmt: skip
    return item_ingest(data=data, actor=actor, channel=Channel.CAPTURE, screen=screen)


def _media(
    url: str, limits: FetchLimits, resolver: Resolver, tool: tuple[str, str] = ("", "")
) -> list[MediaInput] | str:
    """One media file of the page, or why it was not kept (the page itself is kept either way)."""
    try:
        got = fetch(url, limits=limits, resolver=resolver)
    except FetchRefused as exc:
        return str(exc)
    if got.status >= 400 or not got.content_type.startswith(MEDIA_TYPES):
        return f"HTTP {got.status} {got.content_type or '-'}"
    prov = _provenance(got)
    if tool[0]:
        prov = replace(prov, tool=f"{tool[0]} + zabta-fetch", tool_version=f"{tool[1]} / {VERSION}")
    return [MediaInput(got.body, url.rsplit("/", 1)[-1][:200], got.content_type, prov)]
