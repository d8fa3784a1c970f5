"""When an officer must have declared his personal accounts: N days after the directive reached him.

"Reached him" is the circulation record: the earliest delivery of a directive version to him
(`zabta.circulation` Receipt.delivered_at; officers posted in later receive it on posting). Before the directive has
been circulated to an officer, no deadline runs for him.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone


def declaration_days() -> int:
    """ZABTA_DECLARATION_DAYS (default 30)."""
    return int(settings.ZABTA_DECLARATION_DAYS)


def declaration_deadline(received_at: datetime | None) -> date | None:
    """The last day (Asia/Karachi) to declare; None while the directive has not reached the officer."""
    if received_at is None:
        return None
    return timezone.localdate(received_at) + timedelta(days=declaration_days())
