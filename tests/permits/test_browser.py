"""Browser test of one full path: a private person applies, the SSP approves, a guard verifies; then revocation."""

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from tests.accounts_registry.browser import OUTPUT, log_in, new_page
from tests.conftest import Cast
from zabta.permits.models import PermitApplication, PermitStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_approve_verify_revoke_in_the_browser(
    browser: Browser, browser_cast: Cast, live_server: LiveServer, tmp_path: Path
) -> None:
    base = str(live_server.url)
    today = timezone.localdate().isoformat()

    applicant = new_page(browser)  # no login at all
    applicant.goto(f"{base}/permits/apply/")
    applicant.fill("#id_applicant_name", "Ayesha Khan")
    applicant.fill("#id_cnic", "42101-1234567-3")
    applicant.fill("#id_phone", "0300 1234567")
    applicant.fill("#id_purpose", "A vlog about the police helpline")
    applicant.select_option("#id_platform", "youtube")
    applicant.select_option("#id_unit", str(browser_cast.ps_kia.pk))
    applicant.fill("#id_starts_on", today)
    applicant.fill("#id_ends_on", today)
    applicant.fill("#id_crew_size", "2")
    applicant.click("#apply-form button")
    applicant.wait_for_selector("#status")
    assert applicant.inner_text("#status") == "Awaiting decision"
    status_url = applicant.url

    ssp = new_page(browser)
    log_in(ssp, base, "ssp")
    ssp.click("nav >> text=Permits")
    ssp.click("#permit-queue a")
    ssp.check("#d-approve")
    ssp.fill("#id_text", "No filming inside the lock-up")
    ssp.click("#decide-form button")
    ssp.wait_for_selector("text=Decision recorded.")
    assert ssp.inner_text("#status") == "Approved"

    applicant.goto(status_url)
    number = applicant.inner_text("#permit-number")
    assert number.startswith("KR-PRM-") and "No filming inside the lock-up" in applicant.inner_text("#conditions")
    assert applicant.locator(".qr svg").count() == 1
    applicant.screenshot(path=str(OUTPUT / "browser-permit-approved.png"), full_page=True)

    guard = new_page(browser)  # the officer at the gate follows the QR code's link
    guard.goto(applicant.get_attribute("#verify-link", "href") or "")
    assert guard.inner_text("#validity") == "Valid" and guard.inner_text("#permit-number") == number
    assert "Ayesha" not in guard.content() and "42101" not in guard.content()

    ssp.fill("#revoke-form input[name=reason]", "Crew entered the lock-up")
    ssp.click("#revoke-form button")
    ssp.wait_for_selector("text=Permit revoked.")
    guard.reload()
    assert guard.inner_text("#validity") == "Revoked"
    guard.screenshot(path=str(OUTPUT / "browser-permit-revoked.png"), full_page=True)
    assert PermitApplication.objects.get().status == PermitStatus.REVOKED
