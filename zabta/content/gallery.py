"""Site-aware extraction with gallery-dl, used as a library, with every request made by Zabta's safe fetcher.

gallery-dl knows where the pictures and videos of a post live on many sites (Instagram, X/Twitter, Reddit,
Mastodon, Bluesky, Tumblr, Imgur, ...). Only its site extractors are asked: its generic page reader is off (Zabta
reads pages itself), direct links are fetched as they are, and extractors that hand over to a yt-dlp of their own
(TikTok) are skipped. While it runs, every requests session in the thread (its own, and any an extractor builds,
such as an OAuth client) has one transport: the safe fetcher, one hop at a time, each redirect vetted again.

gallery-dl is GPL-2.0-only, so it is an optional extra (``pip install 'zabta[gallery]'``); without it
``zabta.content.capture`` says in the custody note that gallery-dl was not asked. See docs/intake.md.
"""

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from html.parser import HTMLParser
from http import HTTPStatus
from typing import Any

import requests
from gallery_dl import config as gallery_config
from gallery_dl import extractor as gallery_extractor
from gallery_dl.extractor.message import Message
from gallery_dl.version import __version__ as GALLERY_DL_VERSION

from zabta.content.extract import Extracted
from zabta.content.fetch import FetchLimits, FetchRefused, Request, Resolver, fetch

GALLERY_SKIPPED = frozenset({"generic", "directlink", "recursive", "ytdl", "tiktok", "noop", "oauth", "test"})
GALLERY_MAX_MEDIA = 8
_REACH_KEYS = {"likes": ("favourites_count", "favorite_count", "like_count", "likes", "reactionCount"),
               "views": ("view_count", "views", "play_count"),
               "followers": ("followers_count", "followersCount", "follower_count")}  # fmt: skip


def gallery_supports(url: str) -> bool:
    """Whether one of gallery-dl's site extractors claims the URL (no request is made)."""
    return _find(url) is not None


def _find(url: str) -> Any:
    found = gallery_extractor.find(url)
    if found is None or {found.category, getattr(found, "basecategory", "")} & GALLERY_SKIPPED:
        return None
    return found


class _FetcherAdapter(requests.adapters.BaseAdapter):
    """A requests transport that makes each request with the safe fetcher, one hop at a time (the session
    follows redirects, and each hop is vetted again)."""

    def __init__(self, limits: FetchLimits, resolver: Resolver) -> None:
        super().__init__()
        self.limits, self.resolver = limits, resolver

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None,
             verify: Any = True, cert: Any = None, proxies: Any = None) -> requests.Response:  # fmt: skip
        body = request.body.encode() if isinstance(request.body, str) else request.body
        if body is not None and not isinstance(body, bytes):
            raise requests.exceptions.InvalidSchema("streamed request bodies are not sent", request=request)
        headers = {k: v if isinstance(v, str) else v.decode("latin-1") for k, v in request.headers.items()}
        asked = Request(str(request.method or "GET"), headers, body)
        try:
            got = fetch(str(request.url), limits=self.limits, resolver=self.resolver, request=asked,
                        follow_redirects=False)  # fmt: skip
        except FetchRefused as exc:
            raise requests.exceptions.ConnectionError(str(exc), request=request) from exc
        response = requests.Response()
        response.status_code, response.url, response.request = got.status, got.final_url, request
        response.headers = requests.structures.CaseInsensitiveDict(got.headers)
        response.reason = HTTPStatus(got.status).phrase if got.status in HTTPStatus._value2member_map_ else ""
        response.encoding = requests.utils.get_encoding_from_headers(response.headers)
        response._content, response.raw = got.body, io.BytesIO(got.body)
        return response

    def close(self) -> None:
        return


_guard = threading.local()
_session_get_adapter = requests.Session.get_adapter


def _guarded_get_adapter(self: requests.Session, url: str) -> requests.adapters.BaseAdapter:
    """The extractor's own session always, and while gallery-dl runs in this thread every requests session (also
    one an extractor builds itself, such as its OAuth client), send through the safe fetcher; elsewhere requests
    behaves as usual."""
    adapter: requests.adapters.BaseAdapter | None = getattr(self, "_zabta_adapter", None) or getattr(
        _guard, "adapter", None
    )
    return adapter if adapter is not None else _session_get_adapter(self, url)


requests.Session.get_adapter = _guarded_get_adapter  # type: ignore[method-assign]


@contextmanager
def _through_fetcher(adapter: _FetcherAdapter) -> Iterator[None]:
    _guard.adapter = adapter
    try:
        yield
    finally:
        _guard.adapter = None


def _no_waiting(*args: Any, **kwargs: Any) -> None:
    raise FetchRefused("the site asks to wait (rate limit): not captured now")


def _prepare(extr: Any, adapter: _FetcherAdapter) -> None:
    """Let the extractor set itself up (under the guard); then no retries, pauses or waits."""
    for key, value in {"retries": 0, "timeout": adapter.limits.timeout_s, "sleep-request": 0, "sleep-429": 0,
                       "proxy-env": False, "user-agent": None}.items():  # fmt: skip
        gallery_config.set(("extractor",), key, value)
    gallery_config.set(("cache",), "file", ":memory:")  # no token cache on disk
    extr.request_interval = extr.request_interval_min = 0  # one capture is a handful of requests
    extr.initialize()
    extr.session._zabta_adapter = adapter  # whichever thread uses it
    extr.session.trust_env, extr.session.max_redirects = False, adapter.limits.max_redirects
    extr.wait = extr.sleep = _no_waiting
    extr._async_items_thread = _guarded_thread(extr._async_items_thread, adapter)


def _guarded_thread(target: Any, adapter: _FetcherAdapter) -> Any:
    """gallery-dl can read a site in a background thread (``Extractor._async_items_main``): guard that thread too."""

    def run(*args: Any) -> None:
        with _through_fetcher(adapter):
            target(*args)

    return run


def gallery_extract(url: str, *, limits: FetchLimits, resolver: Resolver) -> Extracted | None:
    """Ask gallery-dl's site extractor for the post's media; None when no site extractor has an answer."""
    extr = _find(url)
    if extr is None:
        return None
    adapter = _FetcherAdapter(limits, resolver)
    meta: dict[str, Any] = {}
    urls: list[str] = []
    try:
        with _through_fetcher(adapter):
            _prepare(extr, adapter)
            _collect(extr, meta, urls)
    except Exception:  # gallery-dl raises many kinds; any of them means "no site-aware answer"
        return None
    name = getattr(extr, "basecategory", "") or extr.category  # an instance's category is its host name
    return _from_gallery(name, meta, urls) if urls else None


def _collect(extr: Any, meta: dict[str, Any], urls: list[str]) -> None:
    """The post's metadata (the first directory message) and up to GALLERY_MAX_MEDIA media URLs."""
    for message in extr:
        if message[0] == Message.Directory and not meta:
            meta.update(message[-1])
        elif message[0] == Message.Url and str(message[1]).startswith(("http://", "https://")):
            urls.append(str(message[1]))
            if not meta:
                meta.update(message[2])
        if len(urls) >= GALLERY_MAX_MEDIA:
            return


def _first_int(meta: dict[str, Any], keys: tuple[str, ...]) -> int | None:
    nested = [meta, *(v for v in meta.values() if isinstance(v, dict))]
    for source in nested:
        for key in keys:
            if isinstance(source.get(key), int) and not isinstance(source.get(key), bool):
                return int(source[key])
    return None


def _from_gallery(category: str, meta: dict[str, Any], urls: list[str]) -> Extracted:
    text = next((str(meta[k]) for k in ("content", "description", "text", "caption") if meta.get(k)), "")
    author = meta.get("account") or meta.get("user") or meta.get("author") or {}
    uploader = str(author.get("acct") or author.get("username") or author.get("name") or "") if isinstance(
        author, dict) else str(author)  # fmt: skip
    date = meta.get("date")
    posted = date.replace(tzinfo=UTC) if isinstance(date, datetime) and date.tzinfo is None else date
    reach = {name: n for name, keys in _REACH_KEYS.items() if (n := _first_int(meta, keys)) is not None}
    return Extracted(
        extractor=f"gallery-dl:{category}", version=GALLERY_DL_VERSION, media_urls=tuple(dict.fromkeys(urls)),
        title=str(meta.get("title") or ""), description=_plain(text), uploader=uploader,
        posted_at=posted if isinstance(posted, datetime) else None, reach=reach,
    )  # fmt: skip


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(markup: str) -> str:
    """Post text that sites send as HTML (Mastodon does), as plain text."""
    parser = _Text()
    parser.feed(markup[:100_000])
    return "\n".join(line.strip() for line in "".join(parser.parts).splitlines() if line.strip())
