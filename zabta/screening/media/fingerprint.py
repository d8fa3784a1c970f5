"""Fingerprint a file for the hash banks: SHA-256 always, PDQ for pictures, per-second PDQ for video."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zabta.screening.media.config import MediaConfig
from zabta.screening.media.hashing import ENROL_VARIANTS, FrameHash, PdqHash, pdq, sha256_file
from zabta.screening.media.intake import load_image, probe
from zabta.screening.media.video import scan_video


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The hashes of one file."""

    kind: str
    sha256: str
    pdq: PdqHash | None = None
    frames: tuple[FrameHash, ...] = field(default_factory=tuple)
    duration_s: float = 0.0


def fingerprint_file(
    path: Path, config: MediaConfig | None = None, *, variants: Sequence[int] = ENROL_VARIANTS
) -> Fingerprint:
    """Hash `path` after the same intake checks as screening; raises a MediaError when refused.

    A video gets, per second, the hash `variants` (by default all of them, as a bank entry needs; a lookup
    needs only QUERY_VARIANTS).
    """
    config = config or MediaConfig.from_env()
    info = probe(path, config.limits)
    digest = sha256_file(path)
    if info.kind == "image":
        return Fingerprint("image", digest, pdq(load_image(path, config.limits, max_frames=1)[0]))
    if info.kind == "audio":
        return Fingerprint("audio", digest, duration_s=info.duration_s)
    scan = scan_video(path, config, keyframes=False, variants=variants)
    first = scan.fingerprint[0].pdq if scan.fingerprint else None
    return Fingerprint("video", digest, first, tuple(scan.fingerprint), max(info.duration_s, scan.duration_s))
