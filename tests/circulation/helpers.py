"""Small helpers of the circulation tests."""

from datetime import datetime
from typing import Any

from tests.conftest import Cast
from zabta.circulation.actions import circulation_create, circulation_deliver
from zabta.circulation.models import Circulation, Receipt
from zabta.org.actions import personnel_update
from zabta.org.models import Personnel
from zabta.policy.models import DirectiveVersion

PHONES = {"P-1001": "03001110001", "P-1002": "03001110002", "P-1007": "03001110007"}


def give_phones() -> None:
    for pid, phone in PHONES.items():
        personnel_update(personnel=Personnel.objects.get(personnel_id=pid), actor="test", phone=phone)


def circulate_east(cast: Cast, version: DirectiveVersion, now: datetime, **options: Any) -> Circulation:
    """The DIG East circulates the directive and delivery runs (as the background task would)."""
    circulation = circulation_create(version=version, unit=cast.east, actor=cast.dig, now=now, **options)
    circulation_deliver(circulation=circulation, now=now)
    return circulation


def receipt_of(pid: str, version: DirectiveVersion) -> Receipt:
    return Receipt.objects.get(personnel__personnel_id=pid, version=version)


def code_and_token(pid: str) -> tuple[str, str]:
    """The latest one-time code and link token sent to an officer, read from his stored SMS/in-app text."""
    import re

    from zabta.notifications.models import Notification

    text = (
        Notification.objects.filter(personnel__personnel_id=pid, template__startswith="circulation_")
        .exclude(channel="email")
        .order_by("-id")[0]
        .body
    )
    code = re.search(r"ACK (\d{4} \d{4})", text)
    token = re.search(r"/a/([A-Za-z0-9_-]+)/", text)
    assert code and token, text
    return code.group(1), token.group(1)
