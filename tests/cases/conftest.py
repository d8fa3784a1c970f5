"""Helpers to open cases over the shared cast."""

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Cast
from zabta.cases.actions import case_open
from zabta.cases.models import Case

PKT = ZoneInfo("Asia/Karachi")
POSTED = datetime(2024, 10, 1, 12, 0, tzinfo=PKT)
CAPTURED = datetime(2024, 10, 2, 9, 0, tzinfo=PKT)

OpenCase = Callable[..., Case]


@pytest.fixture
def open_case(cast: Cast) -> OpenCase:
    def _open(**overrides: Any) -> Case:
        values: dict[str, Any] = {
            "actor": cast.monitor, "officer": cast.constable.personnel, "clause_keys": ["KHI-2024-SM-1"],
            "posted_at": POSTED, "captured_at": CAPTURED, "content_url": "https://video.example/v/123",
            "platform": "tiktok",
        }  # fmt: skip
        values.update(overrides)
        return case_open(**values)

    return _open
