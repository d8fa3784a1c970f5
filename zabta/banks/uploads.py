"""A file uploaded to be matched against the banks or added to one: written to a private temporary folder, then
fingerprinted through the screening core's safe intake (type from the bytes, headers probed before decoding,
decode limits and time limit). Nothing of the upload is kept."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from zabta.banks.actions import BankError
from zabta.screening.media.config import MediaConfig
from zabta.screening.media.errors import MediaError
from zabta.screening.media.fingerprint import Fingerprint, fingerprint_file
from zabta.screening.media.hashing import ENROL_VARIANTS, QUERY_VARIANTS

MB = 1024 * 1024
MAX_UPLOAD_MB = 200  # a page or API call fingerprints while the user waits; larger files go through `zabta bank`


def fingerprint_upload(
    upload: UploadedFile[bytes], *, enrol: bool = False, config: MediaConfig | None = None
) -> Fingerprint:
    """The fingerprint of an uploaded file (all crop variants when `enrol`); BankError names what is wrong."""
    name = (upload.name or "upload").replace("\x00", "")[-120:]
    size = int(upload.size or 0)
    if size == 0:
        raise BankError(_("%(name)s is empty") % {"name": name})
    if size > MAX_UPLOAD_MB * MB:
        raise BankError(_("%(name)s is too large (%(mb)d MB at most here)") % {"name": name, "mb": MAX_UPLOAD_MB})
    variants: Sequence[int] = ENROL_VARIANTS if enrol else QUERY_VARIANTS
    with tempfile.TemporaryDirectory(prefix="zabta-bank-") as folder:
        path = Path(folder) / "upload"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            return fingerprint_file(path, config or MediaConfig.from_env(), variants=variants)
        except MediaError as exc:
            why = str(exc).replace(str(path), "").replace(path.name, "").lstrip(": ")
            raise BankError(_("%(name)s was refused: %(why)s") % {"name": name, "why": why}) from exc
