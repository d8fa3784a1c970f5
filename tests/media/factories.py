"""Media made by the tests themselves: Pillow-drawn pictures, PyAV-encoded videos, espeak-ng speech."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import av
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
NASKH_FONT = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"
NASTALIQ_FONT = "/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf"  # Debian fonts-noto-core
# Short Urdu captions of the kind police videos carry, for measuring OCR (bench/media_ocr.py and the tests).
URDU_PHRASES = (
    "سندھ پولیس",
    "کراچی پولیس",
    "مددگار 15",
    "پولیس اسٹیشن",
    "ہماری ڈیوٹی",
    "وردی میں ویڈیو",
    "تھانے کی گاڑی",
    "ایس ایچ او صاحب",
    "شہر کی حفاظت",
    "عوام کی خدمت",
    "ناکہ بندی جاری ہے",
    "ضلع جنوبی",
    "ٹریفک پولیس",
    "قانون سب کے لیے",
    "بہادر جوان",
    "خبردار رہیں",
    "ہم آپ کے ساتھ ہیں",
    "رات کا گشت",
    "جرم کے خلاف",
    "کسی کا مذاق نہ اڑائیں",
)
RGB = NDArray[np.uint8]


def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def scene(seed: int, width: int = 640, height: int = 360) -> Image.Image:
    """A smooth, photo-like random background (blurred colour noise) that differs per seed."""
    rng = np.random.default_rng(seed)
    small = (rng.random((height // 40 + 2, width // 40 + 2, 3)) * 255).astype(np.uint8)
    return Image.fromarray(small).resize((width, height), Image.Resampling.BICUBIC)


def caption(img: Image.Image, text: str, *, at: tuple[int, int], size: int = 44, urdu: bool = False) -> Image.Image:
    """A white caption box with dark text, as on a news ticker or a signboard."""
    draw = ImageDraw.Draw(img)
    face = font(NASKH_FONT if urdu else LATIN_FONT, size)
    left, top, right, bottom = draw.textbbox(at, text, font=face)
    draw.rectangle((left - 16, top - 12, right + 16, bottom + 12), fill="white")
    draw.text(at, text, fill=(20, 20, 20), font=face)
    return img


def urdu_caption(text: str, font_path: str, size: int, seed: int) -> RGB:
    """A 1280x720 scene with `text` in a white caption box, drawn in the font at `font_path`."""
    img = scene(seed, 1280, 720)
    draw = ImageDraw.Draw(img)
    face = font(font_path, size)
    left, top, right, bottom = draw.textbbox((200, 300), text, font=face)
    draw.rectangle((left - 16, top - 12, right + 16, bottom + 12), fill="white")
    draw.text((200, 300), text, fill=(20, 20, 20), font=face)
    return np.asarray(img.convert("RGB"))


def emblem(seed: int = 7, size: int = 160) -> Image.Image:
    """A textured badge-like mark with enough corners for local features (a stand-in for an emblem)."""
    rng = np.random.default_rng(seed)
    img = Image.new("RGB", (size, size), (240, 230, 200))
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x0, y0 = (int(v) for v in rng.integers(0, size - 20, 2))
        x1, y1 = x0 + int(rng.integers(8, 40)), y0 + int(rng.integers(8, 40))
        colour = tuple(int(c) for c in rng.integers(0, 200, 3))
        if rng.random() < 0.5:
            draw.rectangle((x0, y0, x1, y1), fill=colour)
        else:
            draw.ellipse((x0, y0, x1, y1), outline=colour, width=3)
    draw.text((size // 6, size // 3), "KP", fill=(10, 10, 80), font=font(LATIN_FONT, size // 3))
    return img


def save(img: Image.Image, path: Path, **options: Any) -> Path:
    img.save(path, **options)
    return path


def write_video(
    path: Path,
    frame_at: Callable[[int], RGB],
    *,
    frames: int,
    fps: int = 25,
    size: tuple[int, int] = (640, 360),
    codec: str = "libx264",
    audio_tone: bool = False,
) -> Path:
    """Encode frames from `frame_at(i)` (RGB arrays of `size`) into a video file."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=fps)
        assert isinstance(stream, av.VideoStream)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        audio = container.add_stream("aac", rate=16000) if audio_tone else None
        assert audio is None or isinstance(audio, av.AudioStream)
        for i in range(frames):
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame_at(i)), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
        if audio is not None:
            _tone(container, audio, frames / fps)
    return path


def _tone(container: av.container.OutputContainer, stream: av.AudioStream, seconds: float) -> None:
    t = np.arange(int(16000 * seconds)) / 16000
    samples = (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    for start in range(0, len(samples), 1024):
        chunk = samples[start : start + 1024].reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
        frame.sample_rate = 16000
        container.mux(stream.encode(frame))
    container.mux(stream.encode())


def slideshow(scenes: list[Image.Image], seconds_each: float, fps: int = 25) -> Callable[[int], RGB]:
    """Frames that show each scene in turn, with a little motion so encoders do real work."""
    arrays = [np.asarray(s.convert("RGB")) for s in scenes]
    per = max(1, round(seconds_each * fps))

    def frame_at(i: int) -> RGB:
        base = arrays[min(i // per, len(arrays) - 1)]
        return np.roll(base, i % per, axis=1)

    return frame_at


def ffmpeg(*args: str) -> None:
    """Run Debian's ffmpeg quietly; tests use it to re-encode, resize and crop copies."""
    binary = shutil.which("ffmpeg")
    assert binary, "ffmpeg is installed by scripts/setup.sh"
    subprocess.run([binary, "-hide_banner", "-loglevel", "error", "-y", *args], check=True, timeout=120)


def speech_wav(path: Path, text: str, voice: str = "en") -> Path:
    binary = shutil.which("espeak-ng")
    assert binary, "espeak-ng is installed by scripts/setup.sh"
    subprocess.run([binary, "-v", voice, "-w", str(path), text], check=True, timeout=60)
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header declares `width` x `height` (a decompression bomb's calling card)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body)
    return path


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: characters to insert, delete or change to turn `a` into `b` (OCR accuracy)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]
