"""Browser test of one full path: the media team asks for approval, the SSP approves, the approval is recorded."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from tests.accounts_registry.browser import OUTPUT, log_in, new_page
from tests.accounts_registry.factories import korangi_tiktok
from tests.approvals.factories import picture_bytes
from tests.conftest import Cast
from zabta.approvals.models import ApprovalRequest, ApprovedFingerprint, RequestStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_then_approve_in_the_browser(
    browser: Browser, browser_cast: Cast, live_server: LiveServer, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    korangi_tiktok(browser_cast)
    base = str(live_server.url)
    picture = tmp_path / "raid.jpg"
    picture.write_bytes(picture_bytes(11))
    when = timezone.localtime() + timedelta(days=2)

    media = new_page(browser)
    log_in(media, base, "media")
    media.click("nav >> text=Approvals")
    media.click("#new-request")
    media.fill("#id_planned_for", when.strftime("%Y-%m-%dT%H:%M"))
    media.fill("#id_purpose", "Awareness about drug raids")
    media.fill("#id_caption", "<script>alert('x')</script> Raid in Korangi")
    media.set_input_files("#id_media", str(picture))
    media.click("#request-form button")
    media.wait_for_selector("#status")
    assert media.inner_text("#status") == "Awaiting decision"
    assert "<script>alert('x')</script>" in media.inner_text("#caption")  # shown as text, never run
    media.screenshot(path=str(OUTPUT / "browser-approval-submitted.png"), full_page=True)

    ssp = new_page(browser)
    log_in(ssp, base, "ssp")
    ssp.goto(f"{base}/approvals/queue/")
    ssp.click("#queue a")
    ssp.check("#decision-approve")
    ssp.fill("#id_reason", "Faces blurred, fine to publish")
    ssp.click("#decide-form button")
    ssp.wait_for_selector("text=Decision recorded.")
    assert ssp.inner_text("#status") == "Approved"
    assert "valid until" in ssp.inner_text("#request-status")
    ssp.screenshot(path=str(OUTPUT / "browser-approval-approved.png"), full_page=True)

    request = ApprovalRequest.objects.get()
    assert request.status == RequestStatus.APPROVED
    assert ApprovedFingerprint.objects.filter(request=request, account=request.account).count() == 1
    media.reload()
    assert media.inner_text("#status") == "Approved"
