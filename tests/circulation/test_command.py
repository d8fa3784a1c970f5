"""`zabta circulation sweep` runs the scheduled sweeps."""

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command

from tests.circulation.conftest import T0
from tests.circulation.helpers import circulate_east
from tests.conftest import Cast
from zabta.notifications.models import Notification
from zabta.policy.models import DirectiveVersion

pytestmark = pytest.mark.django_db


def test_sweep_inline_reminds(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0, remind_after_days=1)
    out = StringIO()
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        call_command("circulation", "sweep", "--inline", stdout=out)
    assert "'reminded': 6" in out.getvalue()
    assert Notification.objects.filter(template="circulation_reminder").exists()


def test_sweep_queues_for_the_worker(cast: Cast, immediate_tasks: None, settings: Any) -> None:
    out = StringIO()
    call_command("circulation", "sweep", stdout=out)
    assert "queued" in out.getvalue()


def test_too_frequent_sweeps_are_refused() -> None:
    with pytest.raises(CommandError):
        call_command("circulation", "sweep", "--every", "2")
