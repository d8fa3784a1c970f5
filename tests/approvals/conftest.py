"""Uploaded approval media goes to a temporary folder in these tests."""

from pathlib import Path
from typing import Any

import pytest

from tests.accounts_registry.browser import browser, browser_cast  # noqa: F401 - fixtures for test_browser


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
