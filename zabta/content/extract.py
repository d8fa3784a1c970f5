"""Site-aware extraction with yt-dlp, used as a library, with every request going through Zabta's safe fetcher.

yt-dlp knows where the video of a post lives on many sites (and the generic extractor reads Open Graph video
tags). Its own HTTP stack is not used: a request handler routes each request through `zabta.content.fetch`, so
the SSRF rules (no private addresses, vetted redirects, pinned DNS answers, size and time limits) hold for every
request yt-dlp makes. The media itself is then downloaded with the safe fetcher too.
"""

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from zabta.content.fetch import FetchLimits, FetchRefused, Resolver, fetch

try:  # yt-dlp is a dependency; without it capture falls back to the plain page reader
    import yt_dlp  # type: ignore[import-untyped]
    from yt_dlp.networking.common import RequestHandler, Response  # type: ignore[import-untyped]
    from yt_dlp.networking.exceptions import HTTPError, TransportError  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - the dependency is pinned
    yt_dlp = None


@dataclass(frozen=True)
class Extracted:
    """What an extractor found about one post."""

    extractor: str
    version: str
    media_urls: tuple[str, ...]
    title: str = ""
    description: str = ""
    uploader: str = ""
    posted_at: datetime | None = None
    reach: dict[str, int] = field(default_factory=dict)


def _handler(limits: FetchLimits, resolver: Resolver) -> type:
    class ZabtaFetchRH(RequestHandler):  # type: ignore[misc]
        _SUPPORTED_URL_SCHEMES = ("http", "https")
        _SUPPORTED_PROXY_SCHEMES = ()
        _SUPPORTED_FEATURES = ()
        RH_NAME = "zabta-fetch"

        def _check_extensions(self, extensions: dict[str, Any]) -> None:
            for name in ("cookiejar", "timeout", "legacy_ssl", "keep_header_casing", "impersonate"):
                extensions.pop(name, None)

        def _send(self, request: Any) -> Any:
            try:
                got = fetch(request.url, limits=limits, resolver=resolver)
            except FetchRefused as exc:
                raise TransportError(cause=exc, msg=str(exc)) from exc
            response = Response(io.BytesIO(got.body), got.final_url, got.headers, got.status)
            if got.status >= 400:
                raise HTTPError(response)
            return response

    return ZabtaFetchRH


class _Quiet:
    def debug(self, msg: str) -> None:
        return

    warning = info = debug

    def error(self, msg: str) -> None:
        return


def extract(url: str, *, limits: FetchLimits, resolver: Resolver) -> Extracted | None:
    """Ask yt-dlp what the post is; None when it has no answer (the plain page reader takes over)."""
    if yt_dlp is None:
        return None
    handler = _handler(limits, resolver)

    class SafeYoutubeDL(yt_dlp.YoutubeDL):  # type: ignore[misc]
        def build_request_director(self, handlers: Any, preferences: Any = None) -> Any:
            return super().build_request_director([handler], None)

    options = {"quiet": True, "no_warnings": True, "logger": _Quiet(), "noplaylist": True, "skip_download": True,
               "extract_flat": False, "socket_timeout": limits.timeout_s, "cachedir": False}  # fmt: skip
    try:
        with SafeYoutubeDL(options) as ydl:
            info = ydl.extract_info(url, download=False)
    except Exception:  # yt-dlp raises many kinds; any of them means "no site-aware answer"
        return None
    return _from_info(info) if isinstance(info, dict) else None


def _from_info(info: dict[str, Any]) -> Extracted | None:
    formats = info.get("requested_formats") or ([info] if info.get("url") else [])
    urls = tuple(dict.fromkeys(str(f["url"]) for f in formats if str(f.get("url", "")).startswith("http")))
    if not urls:
        return None
    stamp = info.get("timestamp")
    reach = {k: int(info[v]) for k, v in (("views", "view_count"), ("likes", "like_count"),
                                          ("followers", "channel_follower_count")) if isinstance(info.get(v), int)}  # fmt: skip
    return Extracted(
        extractor=f"yt-dlp:{info.get('extractor_key', 'generic')}", version=yt_dlp.version.__version__,
        media_urls=urls[:4], title=str(info.get("title") or ""), description=str(info.get("description") or ""),
        uploader=str(info.get("uploader_id") or info.get("uploader") or ""),
        posted_at=datetime.fromtimestamp(stamp, tz=UTC) if isinstance(stamp, int | float) else None, reach=reach,
    )  # fmt: skip
