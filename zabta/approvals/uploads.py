"""Checking uploaded media with the screening core's safe intake, and fingerprinting it on the way.

Uploads are hostile: the count and declared size are checked before anything is written, the real type comes from
the bytes (a .jpg holding a PNG, or a script named .mp4, is refused), headers are probed before decoding (no
decompression bombs), and the fingerprint (SHA-256, PDQ or per-second PDQ) is what approval is recorded against.
"""

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from zabta.screening.media.config import MediaConfig
from zabta.screening.media.errors import MediaError
from zabta.screening.media.fingerprint import Fingerprint, fingerprint_file
from zabta.screening.media.sniff import sniff_file

MAX_FILES = 5
MB = 1024 * 1024
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
VIDEO_EXTENSIONS = (".mp4", ".m4v", ".mov", ".webm", ".mkv", ".3gp")
_CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp",
                  "isobmff": "video/mp4", "matroska": "video/webm"}  # fmt: skip


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile[bytes]
    name: str
    content_type: str
    size: int
    sha256: str
    perceptual: dict[str, Any]


def limits() -> dict[str, int]:
    """Bytes allowed per kind (ZABTA_APPROVAL_MAX_IMAGE_MB, ZABTA_APPROVAL_MAX_VIDEO_MB)."""
    return {
        "image": int(settings.ZABTA_APPROVAL_MAX_IMAGE_MB) * MB,
        "video": int(settings.ZABTA_APPROVAL_MAX_VIDEO_MB) * MB,
    }


def _refuse(message: str, name: str, **params: object) -> ValidationError:
    return ValidationError(message, code="media", params={"name": name, **params})


def _extension(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in IMAGE_EXTENSIONS + VIDEO_EXTENSIONS:
        raise _refuse(_("%(name)s: only pictures (JPEG, PNG, GIF, WebP) and videos (MP4, MOV, WebM) are accepted"),
                      name)  # fmt: skip
    return suffix


def check_file(upload: UploadedFile[bytes], config: MediaConfig | None = None) -> CheckedFile:
    name = (upload.name or "media").replace("\x00", "")[-120:]
    suffix = _extension(name)
    size = int(upload.size or 0)
    if size == 0:
        raise _refuse(_("%(name)s is empty"), name)
    if size > max(limits().values()):
        raise _refuse(_("%(name)s is too large (%(mb)d MB at most)"), name, mb=max(limits().values()) // MB)
    with tempfile.TemporaryDirectory(prefix="zabta-approval-") as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        fingerprint, fmt = _fingerprint(path, name, config)
    if fingerprint.kind not in limits():
        raise _refuse(_("%(name)s is sound only; attach the picture or video to be published"), name)
    if size > limits()[fingerprint.kind]:
        raise _refuse(_("%(name)s is too large (%(mb)d MB at most)"), name, mb=limits()[fingerprint.kind] // MB)
    upload.seek(0)
    return CheckedFile(upload, name, _CONTENT_TYPES.get(fmt, "application/octet-stream"), size, fingerprint.sha256,
                       perceptual_of(fingerprint))  # fmt: skip


def _fingerprint(path: Path, name: str, config: MediaConfig | None) -> tuple[Fingerprint, str]:
    try:
        fmt = sniff_file(path).format
        return fingerprint_file(path, config or MediaConfig.from_env()), fmt
    except MediaError as exc:
        why = str(exc).replace(path.name, "").lstrip(": ")
        raise _refuse(_("%(name)s was refused: %(why)s"), name, why=why) from exc


def perceptual_of(fp: Fingerprint) -> dict[str, Any]:
    """The perceptual part of a fingerprint as plain JSON (stored with the media, banked on approval)."""
    return {
        "kind": fp.kind,
        "pdq": [fp.pdq.hex, fp.pdq.quality] if fp.pdq else None,
        "frames": [[f.second, f.timecode, f.frame, f.pdq.hex, f.pdq.quality, f.variant] for f in fp.frames],
        "duration_s": fp.duration_s,
    }


def check_files(uploads: Sequence[UploadedFile[bytes]], config: MediaConfig | None = None) -> list[CheckedFile]:
    if not uploads:
        raise ValidationError(_("attach the media to be published"), code="media")
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("attach at most %(n)d files"), code="media", params={"n": MAX_FILES})
    return [check_file(upload, config) for upload in uploads]
