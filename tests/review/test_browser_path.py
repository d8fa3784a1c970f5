"""Browser test of the whole path: a monitor pastes a link (served locally), the page is captured, the worker
screens it, the finding appears in the queue, is claimed and confirmed with the keyboard, and the evidence bundle
is exported and verified. Screenshots go to test-output/."""

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.browser import OUTPUT, chromium, new_page
from tests.conftest import PASSWORD, Cast, build_cast
from tests.content.servers import body, serve
from zabta.evidence.bundle import verify_bundle
from zabta.review.models import Finding, FindingStatus

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")  # fmt: skip
PAGE = (b"<html><head><title>Post</title><meta property='og:description' content='PTI zindabad! "
        b"Ye hukumat chor hai, agla election hum jeetenge'><meta property='og:image' content='/m/pic.png'>"
        b"</head><body></body></html>")  # fmt: skip


@pytest.fixture
def world(transactional_db: None, monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> Cast:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.ZABTA_CAPTURE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.DATA_DIR = tmp_path / "data"
    return build_cast()


@pytest.fixture
def page(world: Cast) -> Iterator[Page]:
    with chromium() as browser:
        yield new_page(browser)


def test_paste_capture_screen_claim_confirm_export_verify(page: Page, live_server: LiveServer, tmp_path: Path) -> None:
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", "monitor")
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_selector("#whoami")

    with serve({"/v/77": body(PAGE), "/m/pic.png": body(PNG, "image/png")}) as site:
        page.goto(f"{base}/content/intake/")
        page.fill("#id_url", f"{site}/v/77")
        page.fill("#id_author", "P-1001")
        page.fill("#id_author_reason", "his own TikTok account, face visible")
        page.click("#intake-submit")
        page.wait_for_selector("#item-facts")
    assert "Not screened yet" in page.inner_text("#item-runs")
    page.screenshot(path=str(OUTPUT / "intake-captured.png"), full_page=True)

    call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())  # the background worker's turn

    page.goto(f"{base}/review/")
    finding = Finding.objects.get(clause_key="KHI-2024-SM-3")
    page.click(f"#queue tr[data-id='{finding.pk}'] a.finding-link")
    page.wait_for_selector("#claim")
    page.keyboard.press("c")
    page.wait_for_selector("#decide-form")
    assert "blurred" in (page.get_attribute("#media img", "class") or "")
    page.keyboard.press("y")
    page.keyboard.type("Political slogan on his personal account")
    page.screenshot(path=str(OUTPUT / "review-decide.png"), full_page=True)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#queue")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CONFIRMED and finding.decision_reason.startswith("Political slogan")

    bundle = tmp_path / "bundle.zip"
    call_command("evidence", "export", f"item:{finding.item_id}", "--out", str(bundle), stdout=io.StringIO())
    assert verify_bundle(bundle) == []
