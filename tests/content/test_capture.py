"""Capture from a URL (`zabta capture`), against a local server serving a fixture page and its media."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import Cast
from tests.content.servers import body, redirect, serve
from zabta.content.models import ContentItem
from zabta.evidence.models import CustodyEvent

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PAGE = b"""<html><head><title>Imran on TikTok</title>
<meta property="og:description" content="Wardi pehen ke naya gaana #police">
<meta property="og:image" content="/media/cover.png"><script>steal()</script></head>
<body><img src="/media/cover.png"><img src="/missing.png"></body></html>"""


@pytest.fixture
def local_capture(settings: object) -> None:
    settings.ZABTA_CAPTURE_ALLOWED_NETWORKS = ["127.0.0.1/32"]  # type: ignore[attr-defined]


def test_capture_keeps_page_and_media_with_provenance(cast: Cast, local_capture: None) -> None:
    routes = {"/v/1": body(PAGE), "/media/cover.png": body(PNG, "image/png"), "/short": redirect("/v/1")}
    out = io.StringIO()
    with serve(routes) as base:
        call_command("capture", base + "/short", "--author", "P-1001", "--reason", "his account", stdout=out,
                     stderr=io.StringIO())  # fmt: skip
    item = ContentItem.objects.get(pk=int(out.getvalue()))
    assert item.text == "Wardi pehen ke naya gaana #police" and item.channel == "capture"
    roles = sorted(m.role for m in item.media.all())
    assert roles == ["media", "page"]
    page_log = CustodyEvent.objects.get(evidence__item_media__role="page")
    assert page_log.http_status == 200 and page_log.tool == "zabta-fetch" and page_log.source_url.endswith("/v/1")
    assert "/short" in page_log.note and page_log.http_headers["content-type"].startswith("text/html")


def test_refused_url_exits_non_zero_with_the_reason(cast: Cast) -> None:
    with serve({"/v/1": body(PAGE)}) as base, pytest.raises(CommandError, match=r"refused: .*non-public"):
        call_command("capture", base + "/v/1", "--author", "P-1001", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="refused: only http and https"):
        call_command("capture", "file:///etc/passwd", stdout=io.StringIO(), stderr=io.StringIO())
    assert not ContentItem.objects.exists()
