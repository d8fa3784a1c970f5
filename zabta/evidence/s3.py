"""Evidence on S3-compatible object storage: each object written once, under its SHA-256, checked by the server.

django-storages' S3 backend uploads with ``upload_fileobj`` and overwrites by default. Evidence needs more: the
upload declares the SHA-256 of its bytes (``ChecksumSHA256``, so the server refuses bytes damaged on the way)
and is conditional (``If-None-Match: *``, so an object already under that name is never replaced). A refused
conditional write means the name is taken; since names are content hashes that is the same evidence.
"""

import base64
import hashlib
from typing import Any

from botocore.exceptions import ClientError
from django.core.files.base import File
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

ALREADY_THERE = {412, 409}  # PreconditionFailed; ConditionalRequestConflict while another writer is in flight


class EvidenceS3Storage(S3Storage):  # type: ignore[misc]
    """S3Storage that never overwrites and has the server check each upload's SHA-256."""

    def get_default_settings(self) -> dict[str, Any]:
        defaults: dict[str, Any] = super().get_default_settings()
        # The name is kept as given (no random suffix); _save itself refuses to replace an object.
        return {**defaults, "file_overwrite": True, "default_acl": None, "gzip": False}

    def _save(self, name: str, content: File[Any]) -> str:
        cleaned: str = clean_name(name)
        key = self._normalize_name(cleaned)
        content.seek(0)
        data = content.read()
        checksum = base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")
        params = {k: v for k, v in self._get_write_parameters(key, content).items() if k != "ContentEncoding"}
        try:
            self.bucket.Object(key).put(Body=data, ChecksumSHA256=checksum, IfNoneMatch="*", **params)
        except ClientError as err:
            if err.response.get("ResponseMetadata", {}).get("HTTPStatusCode") not in ALREADY_THERE:
                raise
        return cleaned

    def check_reachable(self) -> None:
        """Raise unless the bucket exists and these credentials may use it (``zabta evidence storage``)."""
        self.connection.meta.client.head_bucket(Bucket=self.bucket_name)
