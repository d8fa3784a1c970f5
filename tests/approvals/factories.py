"""Media files and requests for approval tests: real pictures and videos made here, submitted through the actions."""

import io
from datetime import datetime, timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests.accounts_registry.factories import korangi_tiktok
from tests.conftest import Cast
from tests.media.factories import scene, slideshow, write_video
from zabta.accounts_registry.models import OfficialAccount
from zabta.approvals.actions import request_submit
from zabta.approvals.models import ApprovalRequest


def picture_bytes(seed: int = 1, fmt: str = "JPEG", size: tuple[int, int] = (640, 360)) -> bytes:
    buffer = io.BytesIO()
    scene(seed, *size).save(buffer, format=fmt, quality=90)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg(name: str = "raid.jpg", seed: int = 1) -> SimpleUploadedFile:
    return upload(name, picture_bytes(seed))


def video_bytes(tmp: Path, seconds: int = 2) -> bytes:
    path = write_video(tmp / "clip.mp4", slideshow([scene(3, 320, 180), scene(4, 320, 180)], seconds / 2, fps=10), frames=10 * seconds,
                       fps=10, size=(320, 180))  # fmt: skip
    return path.read_bytes()


def resized_copy(content: bytes, size: tuple[int, int] = (480, 270)) -> bytes:
    buffer = io.BytesIO()
    Image.open(io.BytesIO(content)).resize(size).save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def planned(days: int = 3) -> datetime:
    return timezone.now() + timedelta(days=days)


def submitted(cast: Cast, account: OfficialAccount | None = None, *, seed: int = 1) -> ApprovalRequest:
    """A request by the Korangi media team for the district's TikTok, with one picture."""
    account = account or korangi_tiktok(cast)
    return request_submit(requester=cast.media, account=account, caption="Raid on <b>drug den</b>",
                          purpose="Public awareness", planned_for=planned(), files=[jpeg(seed=seed)])  # fmt: skip
