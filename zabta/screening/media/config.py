"""Limits and model locations for media screening, read from the environment (ZABTA_MEDIA_*)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


class MediaConfigError(ValueError):
    """A ZABTA_MEDIA_* variable has a value that cannot be used."""


@dataclass(frozen=True, slots=True)
class Limits:
    """What a file may cost before it is refused: bytes, pixels, frames, seconds, decode wall time."""

    max_bytes: int = 512 * 1024 * 1024
    max_pixels: int = 40_000_000
    max_frames: int = 200_000
    max_duration_s: float = 3 * 3600.0
    max_image_frames: int = 1_000
    decode_timeout_s: float = 600.0


_LIMITS = Limits()
DEFAULT_OCR_LANGUAGES = "urd+snd+eng"


@dataclass(frozen=True, slots=True)
class MediaConfig:
    """Everything the media analysers need; optional model paths left empty mean 'not configured'."""

    limits: Limits = field(default_factory=Limits)
    ocr_languages: str = DEFAULT_OCR_LANGUAGES
    ocr_enabled: bool = True
    scene_threshold: float = 0.2  # mean colour change of a 64x36 thumbnail between samples
    keyframe_max_gap_s: float = 5.0
    scene_sample_fps: float = 4.0
    skip_nonref_frames: bool = True  # frames no other frame refers to are not decoded (see video.scan_video)
    reference_dir: Path | None = None
    detector_model: Path | None = None
    detector_classes: Path | None = None
    detector_threshold: float = 0.4
    clip_image_model: Path | None = None
    clip_label_embeddings: Path | None = None
    whisper_model_dir: Path | None = None
    nudity_enabled: bool = True
    nudity_threshold: float = 0.8

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> MediaConfig:
        env = os.environ if environ is None else environ
        limits = Limits(
            max_bytes=_int(env, "ZABTA_MEDIA_MAX_BYTES", _LIMITS.max_bytes),
            max_pixels=_int(env, "ZABTA_MEDIA_MAX_PIXELS", _LIMITS.max_pixels),
            max_frames=_int(env, "ZABTA_MEDIA_MAX_FRAMES", _LIMITS.max_frames),
            max_duration_s=_float(env, "ZABTA_MEDIA_MAX_DURATION_S", _LIMITS.max_duration_s),
            decode_timeout_s=_float(env, "ZABTA_MEDIA_DECODE_TIMEOUT_S", _LIMITS.decode_timeout_s),
        )
        return cls(
            limits=limits,
            ocr_languages=env.get("ZABTA_MEDIA_OCR_LANGUAGES", DEFAULT_OCR_LANGUAGES),
            reference_dir=_path(env, "ZABTA_MEDIA_REFERENCE_DIR"),
            detector_model=_path(env, "ZABTA_MEDIA_DETECTOR_MODEL"),
            detector_classes=_path(env, "ZABTA_MEDIA_DETECTOR_CLASSES"),
            clip_image_model=_path(env, "ZABTA_MEDIA_CLIP_IMAGE_MODEL"),
            clip_label_embeddings=_path(env, "ZABTA_MEDIA_CLIP_LABELS"),
            whisper_model_dir=_path(env, "ZABTA_MEDIA_WHISPER_DIR"),
        )


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise MediaConfigError(f"{name}={raw!r} is not an integer") from exc
    if value <= 0:
        raise MediaConfigError(f"{name}={value} must be positive")
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "")
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise MediaConfigError(f"{name}={raw!r} is not a number") from exc
    if not value > 0:
        raise MediaConfigError(f"{name}={value} must be positive")
    return value


def _path(env: Mapping[str, str], name: str) -> Path | None:
    raw = env.get(name, "")
    return Path(raw).expanduser() if raw else None
