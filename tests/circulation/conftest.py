"""Circulation test fixtures: the notification fakes (tests/notifications/fixtures.py) and the directive in force."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine

from tests.notifications.fixtures import immediate_tasks, sms_gateway, smtp_server
from zabta.policy.models import DirectiveVersion

__all__ = ["immediate_tasks", "sms_gateway", "smtp_server"]

T0 = datetime(2024, 10, 1, 5, 0, tzinfo=UTC)  # 10:00 in Karachi


@pytest.fixture
def version(db: None) -> DirectiveVersion:
    return DirectiveVersion.objects.select_related("directive").get(directive__code="KHI-2024-SM", version=1)


@pytest.fixture(autouse=True)
def _clock_at_t0() -> Iterator[None]:
    """The circulation tests start at T0; sweeps move the clock on with time_machine."""
    with time_machine.travel(T0, tick=True):
        yield
