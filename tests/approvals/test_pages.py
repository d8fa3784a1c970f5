"""The approval pages and API as a requester and an approver use them, including hostile input through the web."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.accounts_registry.factories import korangi_tiktok
from tests.approvals.factories import jpeg, picture_bytes, submitted, upload
from tests.conftest import Cast
from zabta.approvals.models import ApprovalRequest, RequestStatus

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(account_id: int, **extra: Any) -> dict[str, Any]:
    when = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    return {"account": account_id, "purpose": "Awareness", "caption": "c", "planned_for": when, **extra}


def test_submit_through_the_page_and_see_the_status(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    response = _client(cast.media).post(reverse("approvals:request_new"), _form(account.pk, media=[jpeg()]))
    request = ApprovalRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "approvals:request_detail", args=[request.pk]
    )
    page = _client(cast.media).get(response["Location"])
    assert "Awaiting decision" in page.content.decode()


def test_mislabelled_file_through_the_page_gives_a_message_and_no_request(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    fake = upload("photo.jpg", picture_bytes(fmt="PNG"))
    response = _client(cast.media).post(reverse("approvals:request_new"), _form(account.pk, media=[fake]))
    assert response.status_code == 400 and "photo.jpg was refused" in response.content.decode()
    assert not ApprovalRequest.objects.exists()


def test_an_oversized_body_is_refused_before_it_is_read(cast: Cast, settings: Any) -> None:
    settings.ZABTA_APPROVAL_MAX_IMAGE_MB = 1
    settings.ZABTA_APPROVAL_MAX_VIDEO_MB = 1
    account = korangi_tiktok(cast)
    content = b"\xff\xd8\xff" + b"\x00" * (7 * 1024 * 1024)  # over 5 files x 1 MB + 1 MB
    response = _client(cast.media).post(
        reverse("approvals:request_new"), _form(account.pk, media=[upload("big.jpg", content)])
    )
    assert response.status_code == 413 and "too large" in response.content.decode()
    api = _client(cast.media).post(
        reverse("approval-request-list"),
        _form(account.pk, media=[upload("big.jpg", content)]) | {"account_id": account.pk},
    )
    assert api.status_code == 413


def test_account_outside_the_requesters_units_is_not_offered_or_accepted(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    response = _client(cast.other_zone).post(reverse("approvals:request_new"), _form(account.pk, media=[jpeg()]))
    assert response.status_code == 404 and not ApprovalRequest.objects.exists()


def test_caption_with_html_is_escaped_on_the_page(cast: Cast) -> None:
    request = submitted(cast)  # caption "Raid on <b>drug den</b>"
    body = _client(cast.ssp).get(reverse("approvals:request_detail", args=[request.pk])).content.decode()
    assert "Raid on &lt;b&gt;drug den&lt;/b&gt;" in body and "<b>drug den</b>" not in body


def test_api_submit_decide_and_guarded_second_decision(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    when = (timezone.now() + timedelta(days=2)).isoformat()
    created = _client(cast.media).post(reverse("approval-request-list"), {
        "account_id": account.pk, "purpose": "p", "planned_for": when, "media": [jpeg()]})  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    ssp = _client(cast.ssp)
    bad = ssp.post(reverse("approval-request-decide", args=[pk]), {"decision": "approve", "reason": ""})
    assert bad.status_code == 400
    first = ssp.post(reverse("approval-request-decide", args=[pk]), {"decision": "approve", "reason": "ok"})
    second = ssp.post(reverse("approval-request-decide", args=[pk]), {"decision": "approve", "reason": "ok"})
    assert first.status_code == 200 and first.json()["status"] == RequestStatus.APPROVED
    assert second.status_code == 409
    refused = _client(cast.media).post(reverse("approval-request-list"), {
        "account_id": account.pk, "purpose": "p", "planned_for": when,
        "media": [upload("x.mp4", b"<html>not a video</html>")]})  # fmt: skip
    assert refused.status_code == 400 and "x.mp4 was refused" in str(refused.json())


def test_media_is_served_with_its_sniffed_type_and_sandboxed(cast: Cast) -> None:
    request = submitted(cast)
    media = request.media.get()
    response = _client(cast.ssp).get(reverse("approvals:media_file", args=[media.pk]))
    assert response["Content-Type"] == "image/jpeg" and "sandbox" in response["Content-Security-Policy"]
