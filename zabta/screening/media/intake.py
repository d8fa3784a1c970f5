"""Safe intake: size, type, pixel, frame and duration limits checked before anything is decoded."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFile, ImageSequence, UnidentifiedImageError

from zabta.screening.media.config import Limits
from zabta.screening.media.errors import (
    DecompressionBomb,
    MalformedMedia,
    MediaTooLarge,
    TypeMismatch,
)
from zabta.screening.media.sniff import Sniffed, sniff_file

RGB = NDArray[np.uint8]
_PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """What the probe learnt about a file without decoding its pictures or sound."""

    path: Path
    format: str
    kind: str  # "image", "video" or "audio"
    size_bytes: int
    width: int = 0
    height: int = 0
    duration_s: float = 0.0
    frames: int = 0
    has_audio: bool = False


def probe(path: Path, limits: Limits) -> MediaInfo:
    """Check size and type, then read only headers; raise a typed MediaError on anything wrong."""
    sniffed = sniff_file(path)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise MediaTooLarge(f"{path.name}: {size} bytes is over the limit of {limits.max_bytes}")
    if sniffed.kind == "image":
        return _probe_image(path, sniffed, size, limits)
    return _probe_av(path, sniffed, size, limits)


def _probe_image(path: Path, sniffed: Sniffed, size: int, limits: Limits) -> MediaInfo:
    with _open_image(path) as img:
        if img.format != _PIL_FORMATS[sniffed.format]:
            raise TypeMismatch(f"{path.name}: signature says {sniffed.format}, decoder says {img.format}")
        _check_pixels(path, img.width, img.height, limits)
        frames = int(getattr(img, "n_frames", 1))
        if frames > limits.max_image_frames:
            raise MediaTooLarge(f"{path.name}: {frames} animation frames, limit {limits.max_image_frames}")
        return MediaInfo(path, sniffed.format, "image", size, img.width, img.height, frames=frames)


def _check_pixels(path: Path, width: int, height: int, limits: Limits) -> None:
    if width <= 0 or height <= 0:
        raise MalformedMedia(f"{path.name}: declares an empty picture ({width}x{height})")
    if width * height > limits.max_pixels:
        raise DecompressionBomb(
            f"{path.name}: declares {width}x{height} = {width * height} pixels, limit {limits.max_pixels}"
        )


def _open_image(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DecompressionBomb(f"{path.name}: {exc}") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise MalformedMedia(f"{path.name}: the image header cannot be read ({exc})") from exc


def load_image(path: Path, limits: Limits, *, max_frames: int = 8) -> list[RGB]:
    """Decode an image (the first `max_frames` frames of an animation) as RGB arrays."""
    info = probe(path, limits)
    if info.kind != "image":
        raise TypeMismatch(f"{path.name}: not an image ({info.format})")
    # Another library in the same process (WeasyPrint, for the discipline PDFs) switches Pillow to loading
    # truncated images on import; evidence must never be a silently half-decoded picture. The switch is
    # Pillow-global, so it is turned off only while decoding here and put back for the other library.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with _open_image(path) as img:
            return [_rgb(frame) for _, frame in zip(range(max_frames), ImageSequence.Iterator(img), strict=False)]
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise MalformedMedia(f"{path.name}: the image data is damaged or truncated ({exc})") from exc
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _rgb(frame: Image.Image) -> RGB:
    frame.load()
    return np.asarray(frame.convert("RGB"), dtype=np.uint8)


def _probe_av(path: Path, sniffed: Sniffed, size: int, limits: Limits) -> MediaInfo:
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            return _av_info(path, sniffed, size, limits, container)
    except av.FFmpegError as exc:
        raise MalformedMedia(f"{path.name}: the container cannot be read ({exc})") from exc


def _av_info(
    path: Path, sniffed: Sniffed, size: int, limits: Limits, container: av.container.InputContainer
) -> MediaInfo:
    duration = float(container.duration or 0) / 1_000_000
    if duration > limits.max_duration_s:
        raise MediaTooLarge(f"{path.name}: {duration:.0f} s long, limit {limits.max_duration_s:.0f} s")
    has_audio = bool(container.streams.audio)
    if not container.streams.video:
        if not has_audio:
            raise MalformedMedia(f"{path.name}: the container holds neither video nor audio")
        return MediaInfo(path, sniffed.format, "audio", size, duration_s=duration, has_audio=True)
    if sniffed.kind == "audio":
        raise TypeMismatch(f"{path.name}: an audio format that carries a video stream")
    stream = container.streams.video[0]
    width, height = int(stream.codec_context.width or 0), int(stream.codec_context.height or 0)
    _check_pixels(path, width, height, limits)
    frames = int(stream.frames or 0)
    if frames > limits.max_frames:
        raise MediaTooLarge(f"{path.name}: {frames} frames, limit {limits.max_frames}")
    return MediaInfo(path, sniffed.format, "video", size, width, height, duration, frames, has_audio)
