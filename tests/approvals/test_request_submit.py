"""Submitting content for prior approval (clause 1): who may, where it is routed, and hostile uploads."""

import io
import wave
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from tests.accounts_registry.factories import korangi_tiktok
from tests.approvals.factories import jpeg, picture_bytes, planned, submitted, upload, video_bytes
from tests.conftest import Cast
from zabta.approvals.actions import request_submit
from zabta.approvals.models import ApprovalRequest, RequestStatus
from zabta.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_media_team_request_goes_to_the_districts_competent_authority(cast: Cast) -> None:
    request = submitted(cast)
    assert request.status == RequestStatus.PENDING
    assert request.current_unit == cast.korangi and request.route == [cast.korangi.pk]
    assert request.due_at is not None and request.due_at - request.submitted_at == timedelta(hours=48)
    media = request.media.get()
    assert media.content_type == "image/jpeg" and len(media.sha256) == 64
    assert str(media.file.name).endswith(f"{media.sha256}.jpg")  # stored under its hash, not the uploader's name
    assert media.perceptual["kind"] == "image" and media.perceptual["pdq"]
    event = AuditEvent.objects.get(action="approvals.request.submitted")
    assert event.actor_label == "media" and event.after["media"] == [media.sha256]  # type: ignore[index]


def test_officer_posted_below_may_request_for_his_districts_account(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    request = request_submit(requester=cast.constable, account=account, caption="", purpose="Eid greetings",
                             planned_for=planned(), files=[jpeg()])  # fmt: skip
    assert request.requester == cast.constable


@pytest.mark.parametrize("persona", ["other_zone", "applicant", "monitor"])
def test_others_may_not_request_for_the_account(cast: Cast, persona: str) -> None:
    account = korangi_tiktok(cast)
    with pytest.raises(PermissionDenied):
        request_submit(requester=getattr(cast, persona), account=account, caption="", purpose="p",
                       planned_for=planned(), files=[jpeg()])  # fmt: skip


def test_video_is_accepted_and_fingerprinted_per_second(cast: Cast, tmp_path: Path) -> None:
    account = korangi_tiktok(cast)
    clip = upload("patrol.mp4", video_bytes(tmp_path), "video/mp4")
    request = request_submit(requester=cast.media, account=account, caption="", purpose="Patrol",
                             planned_for=planned(), files=[clip])  # fmt: skip
    media = request.media.get()
    assert media.content_type == "video/mp4" and media.perceptual["kind"] == "video"
    assert len(media.perceptual["frames"]) >= 2


def _wav() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * 8000)
    return buffer.getvalue()


HOSTILE = [
    ("empty.jpg", b"", "is empty"),
    ("mislabelled.jpg", picture_bytes(fmt="PNG"), "refused"),  # a PNG calling itself a JPEG
    ("script.mp4", b"<script>alert(1)</script>" * 20, "refused"),
    ("page.jpg", b"<!doctype html><html><body>hi</body></html>", "refused"),
    ("truncated.jpg", picture_bytes()[:300], "refused"),
    ("tool.exe", picture_bytes(), "only pictures"),
    ("noextension", picture_bytes(), "only pictures"),
    ("voice.wav", _wav(), "only pictures"),
]


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_uploads_are_refused_with_a_clear_message(cast: Cast, name: str, content: bytes, message: str) -> None:
    account = korangi_tiktok(cast)
    with pytest.raises(ValidationError) as exc:
        request_submit(requester=cast.media, account=account, caption="", purpose="p", planned_for=planned(),
                       files=[upload(name, content)])  # fmt: skip
    assert name in " ".join(exc.value.messages) and message in " ".join(exc.value.messages)
    assert not ApprovalRequest.objects.exists()


def test_oversized_picture_is_refused_before_decoding(cast: Cast, settings: Any) -> None:
    settings.ZABTA_APPROVAL_MAX_IMAGE_MB = 1
    settings.ZABTA_APPROVAL_MAX_VIDEO_MB = 1
    account = korangi_tiktok(cast)
    big = upload("huge.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (2 * 1024 * 1024))
    with pytest.raises(ValidationError, match="too large"):
        request_submit(requester=cast.media, account=account, caption="", purpose="p", planned_for=planned(),
                       files=[big])  # fmt: skip


def test_decompression_bomb_is_refused(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    bomb = io.BytesIO()
    Image.new("L", (12000, 12000)).save(bomb, format="PNG", optimize=True)  # 144 Mpx in a small file
    with pytest.raises(ValidationError, match="refused"):
        request_submit(requester=cast.media, account=account, caption="", purpose="p", planned_for=planned(),
                       files=[upload("bomb.png", bomb.getvalue(), "image/png")])  # fmt: skip


def test_too_many_files_or_none_are_refused(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    for files in ([], [jpeg(f"p{i}.jpg", seed=i) for i in range(6)]):
        with pytest.raises(ValidationError):
            request_submit(requester=cast.media, account=account, caption="", purpose="p", planned_for=planned(),
                           files=files)  # fmt: skip


@pytest.mark.parametrize(
    ("caption", "purpose", "when"),
    [("x" * 2201, "p", 3), ("", "", 3), ("", "   ", 3), ("", "p" * 1001, 3), ("", "p", -1)],
)
def test_text_limits_and_past_dates_are_refused(cast: Cast, caption: str, purpose: str, when: int) -> None:
    account = korangi_tiktok(cast)
    with pytest.raises(ValidationError):
        request_submit(requester=cast.media, account=account, caption=caption, purpose=purpose,
                       planned_for=timezone.now() + timedelta(days=when), files=[jpeg()])  # fmt: skip
