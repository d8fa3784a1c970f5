"""Shared media for the bank tests: one video and one picture, plus altered copies made with ffmpeg."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.media import factories as f


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bank-media")


@pytest.fixture(scope="session")
def video(media_dir: Path) -> Path:
    scenes = [
        f.caption(f.scene(s), "SINDH POLICE", at=(40, 280), size=36) if s == 72 else f.scene(s)
        for s in (71, 72, 73, 74)
    ]
    return f.write_video(media_dir / "uniform.mp4", f.slideshow(scenes, 2.0), frames=200)


@pytest.fixture(scope="session")
def reencoded(media_dir: Path, video: Path) -> Path:
    out = media_dir / "reupload.mp4"
    f.ffmpeg("-i", str(video), "-vf", "crop=iw*0.9:ih*0.9,scale=480:270", "-crf", "33", str(out))
    return out


@pytest.fixture(scope="session")
def resized(media_dir: Path, video: Path) -> Path:
    out = media_dir / "resized.mp4"
    f.ffmpeg("-i", str(video), "-vf", "scale=426:240", "-crf", "33", str(out))
    return out


@pytest.fixture(scope="session")
def other_video(media_dir: Path) -> Path:
    return f.write_video(media_dir / "other.mp4", f.slideshow([f.scene(s) for s in (81, 82, 83, 84)], 2.0), frames=200)


@pytest.fixture(scope="session")
def picture(media_dir: Path) -> Path:
    return f.save(f.scene(91, 800, 600), media_dir / "picture.png")


@pytest.fixture(scope="session")
def picture_copy(media_dir: Path, picture: Path) -> Path:
    from PIL import Image

    return f.save(Image.open(picture).resize((400, 300)), media_dir / "copy.jpg", quality=60)
