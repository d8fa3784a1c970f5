"""The content-addressed evidence storage: local files by default, any Django storage (S3) by configuration.

``ZABTA_EVIDENCE_S3_BUCKET`` (zabta.evidence.config) puts evidence in an S3-compatible bucket through
``zabta.evidence.s3.EvidenceS3Storage``; any other ``STORAGES["evidence"]`` works too. Without one, files go under
``ZABTA_DATA_DIR/evidence``. A file is named by the SHA-256 of its bytes, written once and never overwritten.
"""

import hashlib
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages

CHUNK = 1 << 20


def evidence_storage() -> Storage:
    if "evidence" in settings.STORAGES:
        return storages["evidence"]
    return FileSystemStorage(location=settings.DATA_DIR / "evidence", file_permissions_mode=0o440)


def check_reachable() -> None:
    """Raise unless the evidence storage answers (an S3 bucket that exists and may be used)."""
    storage = evidence_storage()
    check = getattr(storage, "check_reachable", None)
    if callable(check):
        check()
    else:
        storage.exists("0" * 64)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_stream(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def write_once(name: str, data: bytes) -> None:
    """Store the bytes under their hash name unless they are already there (same name = same bytes)."""
    if name.rsplit("/", 1)[-1] != sha256_bytes(data):
        raise ValueError(f"evidence is stored under the SHA-256 of its bytes, not as {name!r}")
    storage = evidence_storage()
    if not storage.exists(name):
        saved = storage.save(name, ContentFile(data))
        if saved != name:  # a race wrote the same bytes first; keep one copy
            storage.delete(saved)


def read_bytes(name: str) -> bytes:
    with evidence_storage().open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


def delete(name: str) -> None:
    storage = evidence_storage()
    if storage.exists(name):
        storage.delete(name)
