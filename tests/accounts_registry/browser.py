"""Playwright fixtures for the registry, approval and permit browser tests (Debian's Chromium, a live server)."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import PASSWORD, Cast, build_cast

CHROMIUM = os.environ.get("ZABTA_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture
def browser_cast(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> Cast:
    # Playwright's sync API runs an event loop in this thread; the ORM calls happen before or between its calls
    # and the live server answers in its own thread, so Django's async guard is relaxed for these tests only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return build_cast()


@pytest.fixture
def browser(browser_cast: Cast) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/setup.sh test")
    OUTPUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        try:
            yield launched
        finally:
            launched.close()


def new_page(browser: Browser) -> Page:
    """A fresh browser context (own cookies), as a different person at a different computer."""
    return browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_selector("#whoami")
