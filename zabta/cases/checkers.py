"""Re-checking whether content is still up. One small interface; the URL fetch is the default checker.

The fetch goes through the intake issue's SSRF-safe fetcher (zabta.content.fetch): http(s) only, public addresses
only (tests allow a local network through ZABTA_RECHECK_ALLOWED_NETWORKS), redirects vetted, size and time capped.
A 404/410 or a platform's "not available" page means removed; a page that answers means still up; anything else is
unreachable, which verifies nothing.
"""

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.translation import gettext as _

from zabta.cases.models import Case, RecheckOutcome
from zabta.content.fetch import FetchLimits, FetchRefused, fetch

MAX_BYTES = 1024 * 1024
TIMEOUT_S = 15.0
GONE_STATUSES = {404, 410}
GONE_MARKERS = (
    "this content isn't available", "this page isn't available", "video unavailable", "post not found",
    "this tweet has been deleted", "sorry, this page isn't available", "content not available",
)  # fmt: skip


@dataclass(frozen=True)
class CheckResult:
    outcome: RecheckOutcome
    detail: str


class ContentChecker(Protocol):
    name: str

    def check(self, case: Case) -> CheckResult: ...


class UrlFetchChecker:
    name = "url_fetch"

    def limits(self) -> FetchLimits:
        allowed = tuple(getattr(settings, "ZABTA_RECHECK_ALLOWED_NETWORKS", ()))
        return FetchLimits(max_bytes=MAX_BYTES, timeout_s=TIMEOUT_S, max_redirects=3, allowed_networks=allowed)

    def check(self, case: Case) -> CheckResult:
        if not case.content_url:
            return CheckResult(RecheckOutcome.UNREACHABLE, _("the case has no URL to re-check"))
        try:
            result = fetch(case.content_url, limits=self.limits())
        except FetchRefused as error:
            return CheckResult(RecheckOutcome.UNREACHABLE, str(error)[:300])
        except (OSError, ValueError) as error:
            return CheckResult(RecheckOutcome.UNREACHABLE, str(error)[:300] or error.__class__.__name__)
        if result.status in GONE_STATUSES:
            return CheckResult(RecheckOutcome.REMOVED, _("HTTP %(code)d") % {"code": result.status})
        if result.status != 200:
            return CheckResult(RecheckOutcome.UNREACHABLE, _("HTTP %(code)d") % {"code": result.status})
        body = result.body.decode("utf-8", "replace").lower()
        if any(marker in body for marker in GONE_MARKERS):
            return CheckResult(RecheckOutcome.REMOVED, _("the platform says the content is not available"))
        return CheckResult(RecheckOutcome.STILL_UP, _("the content still answers"))


CHECKERS: dict[str, ContentChecker] = {"url_fetch": UrlFetchChecker()}
