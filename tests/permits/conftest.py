"""Fixtures of the permit tests."""

from tests.accounts_registry.browser import browser, browser_cast  # noqa: F401 - fixtures for test_browser
