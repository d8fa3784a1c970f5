"""gallery-dl as a library: its site extractors find a post's media, every request made by the safe fetcher.

A local server speaks the Mastodon API (the protocol gallery-dl's Mastodon extractor uses); gallery-dl reaches it
as a Mastodon server it does not list ("mastodon:http://127.0.0.1:PORT/..."), which keeps the port.
"""

import io
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from django.core.management import CommandError, call_command

import zabta.content
from tests.conftest import Cast
from tests.content.servers import Route, body, redirect, serve
from zabta.content.capture import split_instance_url
from zabta.content.fetch import FetchLimits, FetchRefused, system_resolver
from zabta.content.models import ContentItem
from zabta.evidence.models import CustodyEvent

pytest.importorskip("gallery_dl", reason="gallery-dl is the optional extra zabta[gallery] (in the dev extra)")
from gallery_dl import config as gallery_config
from gallery_dl import extractor as gallery_extractor

from zabta.content.gallery import gallery_extract, gallery_supports

LOCAL = FetchLimits(allowed_networks=("127.0.0.1/32",), timeout_s=10)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 300
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 300
STATUS_ID = "112233445566"
PAGE = b"<html><head><title>Officer on Mastodon</title></head><body><p>status page</p></body></html>"


def _status(base: str, media: Sequence[str]) -> bytes:
    attachments = [{"id": str(n), "type": "image", "url": url, "preview_url": url} for n, url in enumerate(media, 1)]
    status = {
        "id": STATUS_ID, "created_at": "2026-11-20T10:15:00.000Z", "in_reply_to_id": None, "reblog": None,
        "content": "<p>Wardi mein <b>PTI</b> ka jalsa</p><p>sab pohncho</p>", "url": f"{base}/@officer/{STATUS_ID}",
        "favourites_count": 41, "reblogs_count": 3, "tags": [{"name": "jalsa"}], "media_attachments": attachments,
        "account": {"id": "7", "username": "officer", "acct": "officer", "followers_count": 1200},
    }  # fmt: skip
    return json.dumps(status).encode()


class Site:
    """A Mastodon server on 127.0.0.1: the status page, the API and the media; it records each path asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.base = ""

    def routes(self, media: Sequence[str] = ("/system/media/1.jpg", "/system/media/2.mp4")) -> dict[str, Route]:
        def api(handler: BaseHTTPRequestHandler) -> None:
            urls = [m if m.startswith("http") else self.base + m for m in media]
            body(_status(self.base, urls), "application/json; charset=utf-8")(handler)

        routes: dict[str, Route] = {f"/@officer/{STATUS_ID}": body(PAGE), f"/api/v1/statuses/{STATUS_ID}": api,
                                    "/system/media/1.jpg": body(JPEG, "image/jpeg"),
                                    "/system/media/2.mp4": body(MP4, "video/mp4")}  # fmt: skip
        return {path: self._recorded(path, route) for path, route in routes.items()}

    def _recorded(self, path: str, route: Route) -> Route:
        def send(handler: BaseHTTPRequestHandler) -> None:
            self.asked.append(path)
            route(handler)

        return send


@pytest.fixture
def site() -> Iterator[Site]:
    yield Site()


def _serve(site: Site, routes: dict[str, Route]) -> Any:
    class Serving:
        def __enter__(self) -> str:
            self._cm = serve(routes)
            site.base = self._cm.__enter__()
            return site.base

        def __exit__(self, *exc: object) -> None:
            self._cm.__exit__(None, None, None)

    return Serving()


def test_gallery_dl_claims_only_the_sites_it_knows() -> None:
    assert gallery_supports(f"https://mastodon.social/@officer/{STATUS_ID}")
    assert gallery_supports("https://www.instagram.com/p/C0ffee12345/")
    assert gallery_supports("https://x.com/sindhpolice/status/1860000000000000000")
    assert not gallery_supports("https://news.example.com/karachi/2026/11/20/jalsa")  # its generic reader is off
    assert not gallery_supports("https://files.example.com/media/clip.mp4")  # direct links are fetched as they are
    assert not gallery_supports("https://www.tiktok.com/@officer/video/7300000000000000000")  # its own yt-dlp


def test_a_platform_prefix_names_an_instance_and_keeps_the_plain_url() -> None:
    assert split_instance_url("mastodon:https://social.example/@a/1") == (
        "https://social.example/@a/1", "mastodon:https://social.example/@a/1")  # fmt: skip
    assert split_instance_url("https://social.example/@a/1") == ("https://social.example/@a/1",) * 2
    assert split_instance_url("gopher:http://x/") == ("gopher:http://x/",) * 2  # not a platform: left as typed


def test_gallery_dl_reads_a_mastodon_status_through_the_safe_fetcher(site: Site) -> None:
    with _serve(site, site.routes()) as base:
        found = gallery_extract(f"mastodon:{base}/@officer/{STATUS_ID}", limits=LOCAL, resolver=system_resolver)
    assert found is not None and found.extractor == "gallery-dl:mastodon" and found.version
    assert found.media_urls == (f"{base}/system/media/1.jpg", f"{base}/system/media/2.mp4")
    assert found.description == "Wardi mein PTI ka jalsa\nsab pohncho" and found.uploader == "officer"
    assert found.posted_at == datetime(2026, 11, 20, 10, 15, tzinfo=UTC)
    assert found.reach == {"likes": 41, "followers": 1200}
    assert site.asked == [f"/api/v1/statuses/{STATUS_ID}"]  # the media itself is left to the capture


def test_gallery_dl_cannot_reach_what_the_fetcher_refuses(site: Site) -> None:
    # gallery-dl's own HTTP stack would read this loopback server; through Zabta's fetcher it is refused.
    with _serve(site, site.routes()) as base:
        url = f"mastodon:{base}/@officer/{STATUS_ID}"
        assert gallery_extract(url, limits=FetchLimits(timeout_s=10), resolver=system_resolver) is None
    assert site.asked == []


def test_each_redirect_gallery_dl_follows_is_vetted_again(site: Site) -> None:
    routes = site.routes()
    routes[f"/api/v1/statuses/{STATUS_ID}"] = redirect("http://169.254.169.254/latest/meta-data/")
    with _serve(site, routes) as base:
        assert gallery_extract(f"mastodon:{base}/@officer/{STATUS_ID}", limits=LOCAL, resolver=system_resolver) is None
    routes = site.routes()
    real = routes[f"/api/v1/statuses/{STATUS_ID}"]
    routes[f"/api/v1/statuses/{STATUS_ID}"] = redirect(f"/api/v2/statuses/{STATUS_ID}")
    routes[f"/api/v2/statuses/{STATUS_ID}"] = real
    with _serve(site, routes) as base:
        found = gallery_extract(f"mastodon:{base}/@officer/{STATUS_ID}", limits=LOCAL, resolver=system_resolver)
    assert found is not None and len(found.media_urls) == 2


def test_an_extractor_reading_in_a_background_thread_is_held_too(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # gallery-dl's "async" mode reads the site in a thread of its own; switched on the way gallery-dl's job does.
    from zabta.content import gallery

    def find_async(url: str) -> Any:
        extr = gallery_extractor.find(url)
        extr._async_queue, extr._async_items, extr.items = 10, extr.items, extr._async_items_main
        return extr

    monkeypatch.setattr(gallery, "_find", find_async)
    with _serve(site, site.routes()) as base:
        url = f"mastodon:{base}/@officer/{STATUS_ID}"
        assert gallery_extract(url, limits=FetchLimits(timeout_s=10), resolver=system_resolver) is None
        assert site.asked == []  # loopback refused by the fetcher, in that thread as well
        found = gallery_extract(url, limits=LOCAL, resolver=system_resolver)
    assert found is not None and len(found.media_urls) == 2
    assert site.asked == [f"/api/v1/statuses/{STATUS_ID}"]


class Recording:
    """A resolver that answers with a private address (so nothing is fetched) and remembers each host asked."""

    def __init__(self) -> None:
        self.hosts: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.hosts.append(host)
        return ["10.20.30.40"]


@pytest.fixture
def tumblr_oauth() -> Iterator[None]:
    """A user token in gallery-dl's configuration: its Tumblr client then builds an OAuth session of its own."""
    keys = ("access-token", "access-token-secret")
    for key in keys:
        gallery_config.set(("extractor", "tumblr"), key, f"configured-{key}")
    yield
    for key in keys:
        gallery_config.unset(("extractor", "tumblr"), key)


def test_requests_of_a_known_site_are_made_by_the_fetcher() -> None:
    resolver = Recording()
    assert (
        gallery_extract("https://www.flickr.com/photos/officer/53000000000/", limits=LOCAL, resolver=resolver) is None
    )
    assert resolver.hosts == ["www.flickr.com"]  # its first request (the page with the API key), refused


def test_a_session_an_extractor_builds_itself_also_goes_through_the_fetcher(tumblr_oauth: None) -> None:
    # gallery-dl's Tumblr client makes its own requests.Session (OAuth 1.0) for the API: that one is held too.
    resolver = Recording()
    assert gallery_extract("https://www.tumblr.com/officer/745000000000", limits=LOCAL, resolver=resolver) is None
    assert resolver.hosts == ["api.tumblr.com"]


def test_capture_keeps_the_status_media_with_gallery_dl_named(cast: Cast, settings: Any, site: Site) -> None:
    settings.ZABTA_CAPTURE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    out = io.StringIO()
    with _serve(site, site.routes()) as base:
        call_command("capture", f"mastodon:{base}/@officer/{STATUS_ID}", "--author", "P-1001", "--reason", "own",
                     stdout=out, stderr=io.StringIO())  # fmt: skip
    item = ContentItem.objects.get(pk=int(out.getvalue()))
    assert item.url == f"{base}/@officer/{STATUS_ID}" and item.text == "Wardi mein PTI ka jalsa\nsab pohncho"
    assert item.likes == 41 and item.followers == 1200 and item.kind == "video"  # one attachment is a video
    assert sorted(m.role for m in item.media.all()) == ["media", "media", "page"]
    kept = CustodyEvent.objects.filter(evidence__item_media__role="media").order_by("source_url")
    assert [e.source_url for e in kept] == [f"{base}/system/media/1.jpg", f"{base}/system/media/2.mp4"]
    assert {e.tool for e in kept} == {"gallery-dl:mastodon + zabta-fetch"} and {e.http_status for e in kept} == {200}


def test_a_status_media_url_to_an_inside_address_is_not_fetched(cast: Cast, settings: Any, site: Site) -> None:
    settings.ZABTA_CAPTURE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    out = io.StringIO()
    routes = site.routes(media=("http://169.254.169.254/latest/meta-data/iam", "/system/media/1.jpg"))
    with _serve(site, routes) as base:
        call_command("capture", f"mastodon:{base}/@officer/{STATUS_ID}", "--author", "P-1001", "--reason", "own",
                     stdout=out, stderr=io.StringIO())  # fmt: skip
    item = ContentItem.objects.get(pk=int(out.getvalue()))
    assert sorted(m.role for m in item.media.all()) == ["media", "page"]
    page = CustodyEvent.objects.get(evidence__item_media__role="page")
    assert "169.254.169.254" in page.note and "non-public" in page.note


def test_an_unknown_prefix_is_refused_like_any_other_scheme(cast: Cast) -> None:
    with pytest.raises(CommandError, match="refused"):
        call_command("capture", "gopher:http://127.0.0.1:9/x", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(FetchRefused):
        from zabta.content.fetch import fetch

        fetch("mastodon:http://127.0.0.1:9/x", limits=LOCAL)


def test_without_gallery_dl_the_page_custody_note_says_it_was_not_asked(
    cast: Cast, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.ZABTA_CAPTURE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    monkeypatch.setitem(sys.modules, "gallery_dl", None)  # what an install without the extra looks like
    monkeypatch.delitem(sys.modules, "zabta.content.gallery")
    monkeypatch.delattr(zabta.content, "gallery")  # else `from zabta.content import gallery` finds it there
    out = io.StringIO()
    with serve({"/p/1": body(PAGE)}) as base:
        call_command("capture", base + "/p/1", "--author", "P-1001", "--reason", "own", stdout=out,
                     stderr=io.StringIO())  # fmt: skip
    page = CustodyEvent.objects.get(evidence__item_media__role="page")
    assert page.note == "gallery-dl not installed: not asked"
