"""When an officer must have declared his personal accounts: N days after the directive reached him.

Until circulation (issue 6, part A) records when each officer received the directive, "reached him" is the later
of the day the directive in force took effect and the day his current posting began (officers posted in later
receive it on posting). `received_on` is the one place to switch to the circulation record.
"""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from zabta.policy.selectors import directive_versions_in_force

DEFAULT_DECLARATION_DAYS = 30


def declaration_days() -> int:
    return int(getattr(settings, "ZABTA_DECLARATION_DAYS", DEFAULT_DECLARATION_DAYS))


def directive_effective_on() -> date | None:
    """The local date from which the earliest directive version in force applies (None: no directive in force)."""
    versions = directive_versions_in_force(timezone.now())
    if not versions:
        return None
    return min(timezone.localdate(v.effective_from) for v in versions)


def received_on(posted_from: date | None, directive_from: date | None) -> date | None:
    days = [d for d in (posted_from, directive_from) if d is not None]
    return max(days) if days else None


def declaration_deadline(posted_from: date | None, directive_from: date | None) -> date | None:
    start = received_on(posted_from, directive_from)
    return start + timedelta(days=declaration_days()) if start is not None else None
