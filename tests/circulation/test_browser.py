"""Browser test: the DIG circulates the directive, the constable reads it and acknowledges, the SHO's dashboard shows it.

Playwright drives Debian's Chromium against a live server; tasks run immediately (on commit) so delivery happens as it
would with a worker. The officer's SMS link is opened in the same browser, signed out, and confirmed.
"""

import re
from typing import Any

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.browser import OUTPUT
from tests.conftest import Cast, build_cast
from tests.notifications.fixtures import IMMEDIATE_TASKS
from tests.web.test_browser import _log_in, _log_out, page
from zabta.notifications.models import Notification
from zabta.org.actions import personnel_update
from zabta.org.models import Personnel

__all__ = ["page"]  # the Chromium page fixture of tests/web, built on this module's browser_cast
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_cast(transactional_db: None, monkeypatch: pytest.MonkeyPatch, settings: Any) -> Cast:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # ORM use before Playwright's loop; see tests/web
    settings.TASKS = IMMEDIATE_TASKS
    cast = build_cast()
    personnel_update(personnel=Personnel.objects.get(personnel_id="P-1007"), actor="test", phone="03001110007",
                     preferred_language="en")  # fmt: skip
    return cast


def _row(page: Page, code: str) -> tuple[int, int]:
    row = page.locator(f"table.ack-rates tr[data-code='{code}']").first
    return int(row.get_attribute("data-total") or -1), int(row.get_attribute("data-acknowledged") or -1)


def test_circulate_then_acknowledge_in_the_browser(page: Page, live_server: LiveServer, settings: Any) -> None:
    base = str(live_server.url)
    settings.ZABTA_PUBLIC_BASE_URL = base

    _log_in(page, base, "dig")
    page.goto(f"{base}/circulation/")
    page.click("#circulate-new")
    page.select_option("#id_unit", label="East Zone")
    page.select_option("#id_version", index=1)
    page.fill("#id_note", "Read it today.")
    page.click("#circulate-form button[type=submit]")
    page.wait_for_selector("table.ack-rates")
    page.reload()  # delivery ran after commit
    assert _row(page, "KHI-E") == (6, 0)
    _log_out(page)

    _log_in(page, base, "constable")
    page.goto(f"{base}/circulation/mine/")
    page.click("#my-receipts a.btn")
    page.wait_for_selector("#directive-clauses li")
    page.click("#acknowledge-form button")
    page.wait_for_selector("#acknowledged")
    page.screenshot(path=str(OUTPUT / "browser-circulation-acknowledged.png"), full_page=True)
    _log_out(page)

    # The Zaman Town constable has no login: he opens the link from his SMS and confirms.
    sms = Notification.objects.get(personnel__personnel_id="P-1007", channel="sms", template="circulation_issued")
    link = re.search(r"https?://\S+/a/[A-Za-z0-9_-]+/", sms.body)
    assert link is not None and sms.status == "skipped", sms.body  # no gateway configured here: said, not sent
    page.goto(link.group(0))
    page.click("#ack-confirm")
    page.wait_for_selector("#ack-done")

    _log_in(page, base, "sho")
    page.goto(f"{base}/circulation/")
    page.click("#circulations a")
    page.wait_for_selector("table.ack-rates")
    assert _row(page, "PS-KIA") == (2, 1)
    assert page.locator("table.ack-rates tr[data-code='PS-ZMN']").count() == 0  # not the SHO's station
    page.screenshot(path=str(OUTPUT / "browser-circulation-sho-dashboard.png"), full_page=True)
