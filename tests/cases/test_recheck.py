"""Removal is verified, not trusted: re-checks by URL fetch against a local HTTP server, and by a reviewer with a
screenshot; outcomes removed, still up and unreachable."""

import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.cases.conftest import PKT, OpenCase
from tests.conftest import Cast
from zabta.audit.models import AuditEvent
from zabta.cases.checkers import UrlFetchChecker
from zabta.cases.errors import CaseInputError, InvalidTransition
from zabta.cases.models import Case, CaseStatus, Recheck, RecheckOutcome
from zabta.cases.removal import notice_issue, recheck_record, removal_mark

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/up": (200, {}, b"<html><body>a video</body></html>"),
    "/gone": (404, {}, b"not found"),
    "/deleted": (410, {}, b""),
    "/platform-gone": (200, {}, b"<html><h1>Sorry, this page isn't available.</h1></html>"),
    "/broken": (500, {}, b"oops"),
    "/moved": (302, {"Location": "/gone"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize(
    ("path", "outcome"),
    [("/up", "still_up"), ("/gone", "removed"), ("/deleted", "removed"), ("/platform-gone", "removed"),
     ("/broken", "unreachable"), ("/moved", "removed"), ("/loop", "unreachable")],
)  # fmt: skip
def test_url_fetch_outcomes(server: str, open_case: OpenCase, path: str, outcome: str) -> None:
    case = open_case(content_url=server + path)
    with override_settings(ZABTA_RECHECK_ALLOWED_NETWORKS=("127.0.0.0/8",)):
        assert UrlFetchChecker().check(case).outcome == outcome


def test_private_addresses_are_not_fetched_by_default(server: str, open_case: OpenCase) -> None:
    result = UrlFetchChecker().check(open_case(content_url=server + "/gone"))
    assert result.outcome == RecheckOutcome.UNREACHABLE
    assert "public" in result.detail


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "http://no-such-host.invalid/x"])
def test_bad_urls_verify_nothing(open_case: OpenCase, url: str) -> None:
    assert UrlFetchChecker().check(open_case(content_url=url)).outcome == RecheckOutcome.UNREACHABLE


def _claimed(cast: Cast, open_case: OpenCase, url: str) -> Case:
    case = open_case(content_url=url)
    notice_issue(case=case, actor=cast.ssp, at=datetime(2024, 10, 3, 10, tzinfo=PKT))
    return removal_mark(case=case, actor=cast.constable)


def test_marking_removed_triggers_a_recheck_that_verifies(
    cast: Cast, open_case: OpenCase, server: str, django_capture_on_commit_callbacks: Any
) -> None:
    immediate = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with (
        override_settings(TASKS=immediate, ZABTA_RECHECK_ALLOWED_NETWORKS=("127.0.0.0/8",)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        case = _claimed(cast, open_case, server + "/gone")
    case.refresh_from_db()
    assert case.status == CaseStatus.REMOVED and case.content_removed_at is not None
    assert Recheck.objects.get(case=case).outcome == RecheckOutcome.REMOVED


def test_still_up_puts_the_case_back_to_waiting(cast: Cast, open_case: OpenCase) -> None:
    case = _claimed(cast, open_case, "https://video.example/v/1")
    recheck_record(case=case, outcome="still_up", method="url_fetch", actor="system:recheck")
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTICE_ISSUED and case.content_removed_at is None


def test_unreachable_changes_nothing(cast: Cast, open_case: OpenCase) -> None:
    case = _claimed(cast, open_case, "https://video.example/v/1")
    recheck_record(case=case, outcome="unreachable", method="url_fetch", actor="system:recheck")
    case.refresh_from_db()
    assert case.status == CaseStatus.REMOVAL_CLAIMED
    assert AuditEvent.objects.filter(action="cases.recheck.recorded", object_id=str(case.pk)).count() == 1


def test_reviewer_confirms_with_a_screenshot(cast: Cast, open_case: OpenCase, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    case = _claimed(cast, open_case, "https://video.example/v/1")
    check = recheck_record(case=case, outcome="removed", method="reviewer", actor=cast.media,
                           screenshot=SimpleUploadedFile("s.png", PNG, content_type="image/png"))  # fmt: skip
    assert len(check.screenshot_sha256) == 64 and check.screenshot.name
    case.refresh_from_db()
    assert case.status == CaseStatus.REMOVED
    with pytest.raises(InvalidTransition):
        recheck_record(case=case, outcome="removed", method="url_fetch", actor="x")


@pytest.mark.parametrize(
    ("upload", "message"),
    [(None, "needs a screenshot"),
     (SimpleUploadedFile("s.png", b"<script>alert(1)</script>"), "PNG, JPEG or WebP"),
     (SimpleUploadedFile("s.png", PNG + b"\x00" * (10 * 1024 * 1024)), "larger than 10 MB")],
)  # fmt: skip
def test_reviewer_confirmation_refuses_bad_screenshots(
    cast: Cast, open_case: OpenCase, upload: SimpleUploadedFile | None, message: str
) -> None:
    case = _claimed(cast, open_case, "https://video.example/v/1")
    with pytest.raises(CaseInputError, match=message):
        recheck_record(case=case, outcome="removed", method="reviewer", actor=cast.media, screenshot=upload)
    assert not Recheck.objects.exists()
