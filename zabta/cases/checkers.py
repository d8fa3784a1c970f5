"""Re-checking whether content is still up. One small interface; the URL fetch is the default checker.

Until the intake issue's safe fetcher lands, `UrlFetchChecker` is a deliberately narrow fetcher: http(s) only,
public addresses only (unless settings allow private ones, as tests with a local server do), no redirects
followed blindly, a size cap and a timeout. A 404/410 or a platform's "not available" page means removed; a
page that answers means still up; anything else is unreachable, which verifies nothing.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from zabta.cases.models import Case, RecheckOutcome

MAX_BYTES = 1024 * 1024
TIMEOUT_S = 10
MAX_REDIRECTS = 3
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


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _host_allowed(url: str) -> str | None:
    """None when the URL may be fetched, else why not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _("only http and https addresses can be re-checked")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError):
        return _("the host name does not resolve")
    if getattr(settings, "ZABTA_RECHECK_ALLOW_PRIVATE_HOSTS", False):
        return None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return _("the address is not a public internet address")
    return None


class UrlFetchChecker:
    name = "url_fetch"

    def check(self, case: Case) -> CheckResult:
        url = case.content_url
        if not url:
            return CheckResult(RecheckOutcome.UNREACHABLE, _("the case has no URL to re-check"))
        opener = urllib.request.build_opener(_NoRedirect)
        for _hop in range(MAX_REDIRECTS + 1):
            refused = _host_allowed(url)
            if refused:
                return CheckResult(RecheckOutcome.UNREACHABLE, refused)
            result, location = self._fetch(opener, url)
            if location is None:
                return result
            url = urljoin(url, location)
        return CheckResult(RecheckOutcome.UNREACHABLE, _("too many redirects"))

    def _fetch(self, opener: urllib.request.OpenerDirector, url: str) -> tuple[CheckResult, str | None]:
        request = urllib.request.Request(url, headers={"User-Agent": "Zabta-recheck/1"})  # noqa: S310
        try:
            with opener.open(request, timeout=TIMEOUT_S) as response:
                body = response.read(MAX_BYTES).decode("utf-8", "replace").lower()
        except urllib.error.HTTPError as error:
            if error.code in (301, 302, 303, 307, 308) and error.headers.get("Location"):
                return CheckResult(RecheckOutcome.UNREACHABLE, ""), error.headers["Location"]
            if error.code in (404, 410):
                return CheckResult(RecheckOutcome.REMOVED, _("HTTP %(code)d") % {"code": error.code}), None
            return CheckResult(RecheckOutcome.UNREACHABLE, _("HTTP %(code)d") % {"code": error.code}), None
        except (OSError, ValueError) as error:
            return CheckResult(RecheckOutcome.UNREACHABLE, str(error)[:200]), None
        if any(marker in body for marker in GONE_MARKERS):
            return CheckResult(RecheckOutcome.REMOVED, _("the platform says the content is not available")), None
        return CheckResult(RecheckOutcome.STILL_UP, _("the content still answers")), None


CHECKERS: dict[str, ContentChecker] = {"url_fetch": UrlFetchChecker()}
