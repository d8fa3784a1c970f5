"""Checking uploaded media: count, size and type by content (never by the name or the browser's claim)."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_FILES = 5
MB = 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile[bytes]
    content_type: str
    size: int
    sha256: str


def _limits() -> dict[str, int]:
    return {"image": getattr(settings, "ZABTA_APPROVAL_MAX_IMAGE_MB", 20) * MB,
            "video": getattr(settings, "ZABTA_APPROVAL_MAX_VIDEO_MB", 200) * MB}  # fmt: skip


def sniff(head: bytes) -> str | None:
    """The media type from the first bytes, or None when it is not an accepted picture or video."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return "video/quicktime" if head[8:10] == b"qt" else "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    return None


def check_file(upload: UploadedFile[bytes]) -> CheckedFile:
    name = upload.name or "?"
    upload.seek(0)
    kind = sniff(upload.read(16))
    if kind is None:
        raise ValidationError(_("%(name)s is not a picture or video of an accepted type"), params={"name": name})
    size = int(upload.size or 0)
    if size > _limits()[kind.split("/")[0]]:
        raise ValidationError(_("%(name)s is too large"), params={"name": name})
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(upload=upload, content_type=kind, size=size, sha256=digest.hexdigest())


def check_files(uploads: Sequence[UploadedFile[bytes]]) -> list[CheckedFile]:
    if not uploads:
        raise ValidationError(_("attach the media to be published"))
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("attach at most %(n)d files"), params={"n": MAX_FILES})
    return [check_file(upload) for upload in uploads]
