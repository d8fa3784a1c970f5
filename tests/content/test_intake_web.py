"""The intake pages and API: one item by form (upload or captured link), a bulk file, the same through the API."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.conftest import Cast
from tests.content.servers import body, serve
from zabta.content.models import ContentItem


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_form_upload_of_a_screenshot_with_text(cast: Cast) -> None:
    shot = SimpleUploadedFile("shot.png", b"\x89PNG\r\n\x1a\n123", content_type="image/png")
    response = _client(cast.monitor).post(reverse("content:intake"), {
        "text": "<b>Wardi</b> mein TikTok", "kind": "video", "author": "P-1001", "author_reason": "his face",
        "uploads": [shot]})  # fmt: skip
    item = ContentItem.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("content:item_detail", args=[item.pk])
    assert item.media.get().role == "screenshot" and item.channel == "web"
    page = _client(cast.monitor).get(response["Location"]).content.decode()
    assert "&lt;b&gt;Wardi&lt;/b&gt;" in page  # HTML in posts is shown as text, never rendered


def test_form_captures_a_link(cast: Cast, settings: Any) -> None:
    settings.ZABTA_CAPTURE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    with serve({"/p": body(b"<meta property='og:description' content='Thana ki video'>")}) as base:
        _client(cast.monitor).post(reverse("content:intake"), {"url": base + "/p", "capture": "on", "kind": "post",
                                                               "author": "P-1001", "author_reason": "own account"})  # fmt: skip
    item = ContentItem.objects.get()
    assert item.text == "Thana ki video" and item.channel == "capture"


def test_form_shows_refusals(cast: Cast) -> None:
    response = _client(cast.monitor).post(reverse("content:intake"), {
        "url": "http://169.254.169.254/latest/", "capture": "on", "kind": "post", "author": "P-1001",
        "author_reason": "x"})  # fmt: skip
    assert response.status_code == 400 and "non-public address" in response.content.decode()
    response = _client(cast.monitor).post(reverse("content:intake"), {"kind": "post"})
    assert response.status_code == 400 and "Give a link" in response.content.decode()


def test_bulk_upload_reports_each_row(cast: Cast) -> None:
    data = b"text,author\nPehli post,P-1001\nDoosri post,P-9999\n"
    upload = SimpleUploadedFile("posts.csv", data, content_type="text/csv")
    page = _client(cast.monitor).post(reverse("content:bulk_intake"), {"file": upload}).content.decode()
    assert "row 2: item" in page and "row 3: error: no officer P-9999 in your scope" in page
    bad = SimpleUploadedFile("posts.json", b"{not json", content_type="application/json")
    response = _client(cast.monitor).post(reverse("content:bulk_intake"), {"file": bad})
    assert response.status_code == 400 and "not valid JSON" in response.content.decode()


def test_api_intake_dedups_and_validates(cast: Cast) -> None:
    client = _client(cast.monitor)
    payload = {"url": "https://www.facebook.com/imran/posts/7", "author": "P-1001", "author_reason": "own page",
               "text": "Political view", "views": 10}  # fmt: skip
    first = client.post(reverse("content-item-list"), payload, content_type="application/json")
    again = client.post(reverse("content-item-list"), payload | {"views": 99}, content_type="application/json")
    assert first.status_code == 201 and again.status_code == 200 and first.json()["id"] == again.json()["id"]
    assert again.json()["views"] == 99 and again.json()["times_seen"] == 2
    bad = client.post(reverse("content-item-list"), {"url": "gopher://x", "author": "P-1001"},
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and "not a web address" in bad.json()["detail"]
    refused = _client(cast.sho).post(reverse("content-item-list"), payload, content_type="application/json")
    assert refused.status_code == 403
