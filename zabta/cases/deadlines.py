"""The removal deadline rule: N days from the notice (or from the later of acknowledgement and notice for
content posted before the directive took effect), counted in whole days in Asia/Karachi."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from zabta.policy.models import DirectiveVersion

KARACHI = ZoneInfo("Asia/Karachi")
NOTICE = "notice"
LATER_OF_ACK_OR_NOTICE = "later_of_acknowledgement_or_notice"
KNOWN_RULES = {NOTICE, LATER_OF_ACK_OR_NOTICE}


class DeadlineRuleError(ValueError):
    """The directive's parameters do not describe a removal clock this code understands."""


@dataclass(frozen=True)
class RemovalRule:
    days: int
    clock: str  # NOTICE or LATER_OF_ACK_OR_NOTICE

    @property
    def needs_acknowledgement(self) -> bool:
        return self.clock == LATER_OF_ACK_OR_NOTICE


def removal_rule(version: DirectiveVersion, posted_at: datetime) -> RemovalRule:
    """Read the rule as data from the directive version in force when the content was posted."""
    params = version.parameters or {}
    days = params.get("removal_days")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 365:
        raise DeadlineRuleError(_("directive parameter removal_days must be a whole number of days (1-365)"))
    pre = posted_at < _first_effective(version)
    key = "removal_clock_for_pre_directive_content" if pre else "removal_clock_for_post_directive_content"
    clock = params.get(key, NOTICE)
    if clock not in KNOWN_RULES:
        raise DeadlineRuleError(_("directive parameter %(key)s has an unknown value") % {"key": key})
    return RemovalRule(days=days, clock=str(clock))


def _first_effective(version: DirectiveVersion) -> datetime:
    """When the directive family first took effect (content older than that is pre-directive)."""
    first = version.directive.versions.order_by("effective_from").values_list("effective_from", flat=True).first()
    return first or version.effective_from


def removal_deadline(rule: RemovalRule, *, notice_at: datetime, acknowledged_at: datetime | None) -> datetime | None:
    """End of the Nth Karachi day after the clock starts; None while the clock waits for acknowledgement."""
    start = notice_at
    if rule.needs_acknowledgement:
        if acknowledged_at is None:
            return None
        start = max(notice_at, acknowledged_at)
    local_day = start.astimezone(KARACHI).date() + timedelta(days=rule.days + 1)
    return datetime.combine(local_day, time.min, tzinfo=KARACHI)
