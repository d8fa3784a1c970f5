"""Browser test of the whole enforcement path: a confirmed finding becomes a case; the SSP issues the 7-day notice;
the constable acknowledges it; the deadline passes with the content up and the sweep escalates to his SHO; the SHO
opens proceedings and issues a show-cause notice; the constable replies; the SSP hears him and passes the order;
the constable appeals. Screenshots go to test-output/."""

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from tests.browser import OUTPUT, chromium, new_page
from tests.conftest import PASSWORD, Cast, build_cast
from tests.review.factories import item_with_findings
from zabta.cases.escalation import sweep_overdue_notices
from zabta.cases.models import Case, CaseStatus, Escalation
from zabta.discipline.models import Proceeding, Stage
from zabta.review.actions import finding_decide

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: None, monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> Cast:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    return build_cast()


@pytest.fixture
def browser(world: Cast) -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def signed_in(browser: Browser, base: str, username: str) -> Page:
    page = new_page(browser)
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_selector("#whoami")
    return page


def test_finding_to_appeal(world: Cast, browser: Browser, live_server: LiveServer) -> None:
    base = live_server.url
    _item, findings = item_with_findings(world.monitor, text="uniform video", clauses=("KHI-2024-SM-1",))
    finding_decide(finding=findings[0], actor=world.monitor, decision="confirmed", reason="his account, in uniform")
    case = Case.objects.get(officer=world.constable.personnel)
    assert case.finding_refs == [f"finding:{findings[0].pk}"] and case.source == "finding"

    ssp = signed_in(browser, base, "ssp")
    ssp.goto(f"{base}/cases/")
    ssp.click(f"#case-table tr[data-ref='{case.reference}'] a")
    ssp.click("#issue-notice")
    ssp.wait_for_selector(".notice")
    assert "Removal notice issued" in ssp.inner_text("#case-status")
    ssp.screenshot(path=str(OUTPUT / "enforcement-notice.png"), full_page=True)

    constable = signed_in(browser, base, "constable")
    constable.goto(f"{base}/cases/notices/")
    assert case.reference in constable.inner_text("#my-notices")
    constable.click("#my-notices a")
    constable.click("#acknowledge")
    constable.wait_for_selector(".alert-success")

    case.refresh_from_db()
    assert case.removal_deadline is not None
    with time_machine.travel(case.removal_deadline + timedelta(hours=1), tick=True):
        assert sweep_overdue_notices().acted == 1  # the background sweep's turn, with the content still up
        sho = signed_in(browser, base, "sho")
        sho.goto(f"{base}/cases/{case.pk}/")
        assert "With the unit head" in sho.inner_text("#case-status")
        assert "Naveed Ahmed" in sho.inner_text("#escalations")
        sho.screenshot(path=str(OUTPUT / "enforcement-escalated.png"), full_page=True)
        sho.click("#open-proceedings")
        sho.wait_for_selector("#charge-form")
        sho.select_option("#kind", "show_cause")
        sho.fill("#allegations", "Uploaded a video in uniform with the police vehicle from a personal account.")
        sho.click("#charge-form button")
        sho.wait_for_selector("#documents a")
        assert "Show-cause notice (ur)" in sho.inner_text("#documents")
        proceeding = Proceeding.objects.get(case=case)

        constable.goto(f"{base}/proceedings/{proceeding.pk}/")
        constable.fill("#reply-text", "I removed the video the same day and regret it.")
        constable.click("#reply-form button")
        constable.wait_for_selector(".alert-success")

        ssp.goto(f"{base}/proceedings/{proceeding.pk}/")
        ssp.fill("#notes", "Heard in person; admits the upload.")
        ssp.click("#hearing-form button")
        ssp.wait_for_selector("#order-form")
        ssp.fill("#reasons", "Admitted; first offence.")
        ssp.click("#order-form button")
        ssp.wait_for_selector("#order")
        assert "Order passed" in ssp.inner_text("#stage")
        ssp.screenshot(path=str(OUTPUT / "enforcement-order.png"), full_page=True)
        href = ssp.locator("#documents a", has_text="Order (ur)").get_attribute("href") or ""
        pdf = ssp.request.get(base + href)
        assert pdf.ok and pdf.body().startswith(b"%PDF")

        constable.goto(f"{base}/proceedings/{proceeding.pk}/")
        constable.fill("#appeal-text", "The penalty is harsh for a first offence.")
        constable.click("#appeal-form button")
        constable.wait_for_selector(".alert-success")
        assert "Appeal filed" in constable.inner_text("#stage")
        constable.screenshot(path=str(OUTPUT / "enforcement-appeal.png"), full_page=True)

    proceeding.refresh_from_db()
    case.refresh_from_db()
    assert proceeding.stage == Stage.APPEALED and proceeding.penalty == proceeding.recommended_penalty
    assert case.status == CaseStatus.ACTION_TAKEN
    assert Escalation.objects.get(case=case).acted_at is not None
