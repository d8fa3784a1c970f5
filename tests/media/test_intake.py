"""Safe intake: every hostile file is refused with a typed error that names the problem."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.media import factories as f
from zabta.screening.media.config import Limits
from zabta.screening.media.errors import (
    DecodeTimeout,
    DecompressionBomb,
    EmptyMedia,
    MalformedMedia,
    MediaError,
    MediaTooLarge,
    TypeMismatch,
    UnsupportedMedia,
)
from zabta.screening.media.intake import load_image, probe

LIMITS = Limits()


@pytest.fixture
def jpeg(tmp_path: Path) -> Path:
    return f.save(f.scene(1), tmp_path / "scene.jpg", quality=90)


@pytest.fixture
def mp4(tmp_path: Path) -> Path:
    return f.write_video(tmp_path / "clip.mp4", f.slideshow([f.scene(1), f.scene(2)], 1.0), frames=50)


@pytest.mark.parametrize("fmt,suffix", [("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp"), ("GIF", ".gif")])
def test_accepts_each_image_format(tmp_path: Path, fmt: str, suffix: str) -> None:
    path = f.save(f.scene(3), tmp_path / f"x{suffix}", format=fmt)
    info = probe(path, LIMITS)
    assert (info.kind, info.width, info.height) == ("image", 640, 360)
    assert load_image(path, LIMITS)[0].shape == (360, 640, 3)


@pytest.mark.parametrize(
    "suffix,codec", [(".mp4", "libx264"), (".mov", "libx264"), (".mkv", "libx264"), (".webm", "libvpx")]
)
def test_accepts_each_video_container(tmp_path: Path, suffix: str, codec: str) -> None:
    path = f.write_video(tmp_path / f"v{suffix}", f.slideshow([f.scene(4)], 1.0), frames=20, codec=codec)
    info = probe(path, LIMITS)
    assert info.kind == "video"
    assert (info.width, info.height) == (640, 360)
    assert info.duration_s == pytest.approx(0.8, abs=0.25)


def test_audio_file_is_audio(tmp_path: Path) -> None:
    wav = f.speech_wav(tmp_path / "s.wav", "hello")
    info = probe(wav, LIMITS)
    assert info.kind == "audio" and info.has_audio and info.duration_s > 0.2


def test_zero_length_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.mp4"
    path.write_bytes(b"")
    with pytest.raises(EmptyMedia, match="empty"):
        probe(path, LIMITS)


@pytest.mark.parametrize(
    "name,content",
    [
        ("page.png", b"<html><script>alert(1)</script></html>"),
        ("notes.mp4", b"just some text, not a video at all\n" * 10),
        ("random.jpg", bytes(range(256)) * 4),
    ],
)
def test_non_media_is_refused(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnsupportedMedia, match="not a recognised"):
        probe(path, LIMITS)


def test_extension_that_lies_is_refused(tmp_path: Path, jpeg: Path) -> None:
    liar = tmp_path / "holiday.mp4"
    liar.write_bytes(jpeg.read_bytes())
    with pytest.raises(TypeMismatch, match=r"extension says isobmff but the content is jpeg"):
        probe(liar, LIMITS)


def test_truncated_jpeg_is_malformed(tmp_path: Path, jpeg: Path) -> None:
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(jpeg.read_bytes()[: jpeg.stat().st_size // 3])
    with pytest.raises(MalformedMedia, match="damaged or truncated"):
        load_image(cut, LIMITS)


def test_truncated_header_is_malformed(tmp_path: Path) -> None:
    cut = tmp_path / "cut.png"
    cut.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(MalformedMedia, match="header cannot be read"):
        probe(cut, LIMITS)


def test_truncated_video_is_malformed(tmp_path: Path, mp4: Path) -> None:
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(mp4.read_bytes()[:200])
    with pytest.raises(MalformedMedia):
        probe(cut, LIMITS)


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = f.png_header_only(tmp_path / "bomb.png", 60_000, 60_000)
    with pytest.raises(DecompressionBomb, match="decompression bomb"):
        probe(bomb, LIMITS)


def test_huge_dimensions_over_the_configured_limit(tmp_path: Path) -> None:
    path = f.save(Image.new("RGB", (3000, 2000)), tmp_path / "big.png")
    with pytest.raises(DecompressionBomb, match="3000x2000"):
        probe(path, dataclasses.replace(LIMITS, max_pixels=1_000_000))


def test_file_over_the_byte_limit(jpeg: Path) -> None:
    with pytest.raises(MediaTooLarge, match="over the limit of 100"):
        probe(jpeg, dataclasses.replace(LIMITS, max_bytes=100))


def test_animation_with_too_many_frames(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (8, 8), (i, 0, 0)) for i in range(30)]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    with pytest.raises(MediaTooLarge, match="30 animation frames"):
        probe(path, dataclasses.replace(LIMITS, max_image_frames=10))


def test_video_longer_than_allowed(mp4: Path) -> None:
    with pytest.raises(MediaTooLarge, match="limit 1 s"):
        probe(mp4, dataclasses.replace(LIMITS, max_duration_s=1.0))


def test_directory_is_not_media(tmp_path: Path) -> None:
    folder = tmp_path / "folder.mp4"
    folder.mkdir()
    with pytest.raises(UnsupportedMedia, match="not a regular file"):
        probe(folder, LIMITS)


def test_every_intake_error_is_a_media_error_with_a_code() -> None:
    for cls in (
        EmptyMedia,
        UnsupportedMedia,
        TypeMismatch,
        MediaTooLarge,
        DecompressionBomb,
        MalformedMedia,
        DecodeTimeout,
    ):
        assert issubclass(cls, MediaError) and cls.code != MediaError.code


def test_garbage_after_a_valid_video_header_does_not_crash(tmp_path: Path, mp4: Path) -> None:
    data = bytearray(mp4.read_bytes())
    rng = np.random.default_rng(5)
    middle = len(data) // 2
    data[middle : middle + 4000] = rng.integers(0, 256, 4000, dtype=np.uint8).tobytes()
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(bytes(data))
    try:
        info = probe(damaged, LIMITS)
    except MediaError:
        return
    assert info.kind == "video"


def test_video_with_more_pixels_than_allowed_is_refused(mp4: Path) -> None:
    with pytest.raises(DecompressionBomb, match="640x360"):
        probe(mp4, dataclasses.replace(LIMITS, max_pixels=100_000))


def test_audio_in_an_mp4_container_is_audio(tmp_path: Path) -> None:
    wav = f.speech_wav(tmp_path / "s.wav", "hello there")
    m4a = tmp_path / "voice.m4a"
    f.ffmpeg("-i", str(wav), "-c:a", "aac", str(m4a))
    assert probe(m4a, LIMITS).kind == "audio"


def test_limits_come_from_the_environment_and_bad_values_fail_loudly() -> None:
    from zabta.screening.media.config import MediaConfig, MediaConfigError

    config = MediaConfig.from_env({"ZABTA_MEDIA_MAX_BYTES": "1000", "ZABTA_MEDIA_DECODE_TIMEOUT_S": "2.5"})
    assert (config.limits.max_bytes, config.limits.decode_timeout_s) == (1000, 2.5)
    assert config.whisper_model_dir is None and config.detector_model is None
    for name, value in [
        ("ZABTA_MEDIA_MAX_BYTES", "lots"),
        ("ZABTA_MEDIA_MAX_PIXELS", "-5"),
        ("ZABTA_MEDIA_MAX_DURATION_S", "0"),
    ]:
        with pytest.raises(MediaConfigError, match=name):
            MediaConfig.from_env({name: value})
