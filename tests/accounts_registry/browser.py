"""Playwright fixtures for the registry, approval and permit browser tests (Debian's Chromium, a live server)."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import OUTPUT, chromium, new_page
from tests.conftest import PASSWORD, Cast, build_cast

__all__ = ["OUTPUT", "browser", "browser_cast", "log_in", "new_page"]


@pytest.fixture
def browser_cast(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> Cast:
    # Playwright's sync API runs an event loop in this thread; the ORM calls happen before or between its calls
    # and the live server answers in its own thread, so Django's async guard is relaxed for these tests only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return build_cast()


@pytest.fixture
def browser(browser_cast: Cast) -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_selector("#whoami")
