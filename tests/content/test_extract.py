"""yt-dlp as a library, with each of its requests made by the safe fetcher (local servers only)."""

import io
from typing import Any

import pytest
from django.core.management import call_command

from tests.conftest import Cast
from tests.content.servers import body, serve
from zabta.content.extract import extract
from zabta.content.fetch import FetchLimits, system_resolver
from zabta.content.models import ContentItem
from zabta.evidence.models import CustodyEvent

MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200
PAGE = b"""<html><head><title>Clip</title><meta property="og:title" content="Wardi mein gaana">
<meta property="og:description" content="Thane ki gari ke saath naya gaana"><meta property="og:video" content="/m/clip.mp4">
<meta property="og:video:type" content="video/mp4"></head><body></body></html>"""
LOCAL = FetchLimits(allowed_networks=("127.0.0.1/32",), timeout_s=10)


def test_yt_dlp_finds_the_video_of_a_page() -> None:
    with serve({"/v/1": body(PAGE), "/m/clip.mp4": body(MP4, "video/mp4")}) as base:
        found = extract(base + "/v/1", limits=LOCAL, resolver=system_resolver)
    assert found is not None and found.extractor == "yt-dlp:Generic"
    assert found.media_urls == (base + "/m/clip.mp4",) and found.description.startswith("Thane ki gari")


def test_yt_dlp_requests_go_through_the_safe_fetcher() -> None:
    # Its own HTTP stack would read this local page; through Zabta's fetcher loopback is refused.
    with serve({"/v/1": body(PAGE), "/m/clip.mp4": body(MP4, "video/mp4")}) as base:
        assert extract(base + "/v/1", limits=FetchLimits(timeout_s=10), resolver=system_resolver) is None


def test_capture_keeps_the_extracted_video_with_the_tool_named(cast: Cast, settings: Any) -> None:
    settings.ZABTA_CAPTURE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    out = io.StringIO()
    with serve({"/v/1": body(PAGE), "/m/clip.mp4": body(MP4, "video/mp4")}) as base:
        call_command(
            "capture", base + "/v/1", "--author", "P-1001", "--reason", "own", stdout=out, stderr=io.StringIO()
        )
    item = ContentItem.objects.get(pk=int(out.getvalue()))
    assert item.kind == "video" and item.text == "Thane ki gari ke saath naya gaana"
    video = CustodyEvent.objects.get(evidence__item_media__role="media")
    assert video.tool == "yt-dlp:Generic + zabta-fetch" and video.tool_version.startswith("2026.")
    assert video.source_url.endswith("/m/clip.mp4") and video.http_status == 200


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/x.mp4", "file:///etc/passwd"])
def test_an_extracted_media_url_to_an_inside_address_is_not_fetched(cast: Cast, settings: Any, target: str) -> None:
    settings.ZABTA_CAPTURE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    page = PAGE.replace(b"/m/clip.mp4", target.encode())
    out = io.StringIO()
    with serve({"/v/1": body(page)}) as base:
        call_command(
            "capture", base + "/v/1", "--author", "P-1001", "--reason", "own", stdout=out, stderr=io.StringIO()
        )
    item = ContentItem.objects.get(pk=int(out.getvalue()))
    assert [m.role for m in item.media.all()] == ["page"]
    assert "media not captured; " + target in CustodyEvent.objects.get().note
