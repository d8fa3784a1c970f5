"""Shared Playwright plumbing for the browser tests: Debian's Chromium, one context per person, screenshots."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("ZABTA_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
OUTPUT = Path(__file__).resolve().parents[1] / "test-output"
# Without the background-networking flags Chromium keeps dialling Google on this closed network (STACK-NOTES).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright (the set-up installs it; Playwright's own download is never used)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/setup.sh test")
    OUTPUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Browser) -> Page:
    """A fresh browser context (own cookies), as a different person at a different computer."""
    return browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
