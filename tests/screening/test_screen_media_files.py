"""`zabta screen FILE` screens images, video and audio (chosen by the file's own bytes) through the media core and
the banks, with timecodes and the checks that did not run; text files keep the text path; hostile files fail
with a clear error."""

from __future__ import annotations

import io
import json
import math
import os
import struct
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from tests.media import factories as f
from zabta.policy.documents import SEED_DIR

pytestmark = pytest.mark.django_db
SEED = str(SEED_DIR / "karachi-range-2024-09-20.json")


def _screen(*args: str) -> str:
    out = io.StringIO()
    call_command("screen", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_an_image_is_screened_as_media_by_its_content_not_its_name(tmp_path: Path) -> None:
    saved = f.save(f.caption(f.scene(141, 800, 450), "SINDH POLICE", at=(60, 60)), tmp_path / "post.png")
    png = saved.rename(tmp_path / "post")  # no extension: the bytes decide
    out = _screen(str(png), "--account-kind", "personal")
    assert "post: image" in out
    assert "KHI-2024-SM-1 [" in out and "sm1-police-marking" in out
    assert "NOT RUN" in out  # e.g. no visual model configured: said, not hidden
    assert "KHI-2024-SM-3" not in out  # a police caption is no political view
    data = json.loads(_screen("--file", str(png), "--json"))
    assert data["labels"]["police_marking"]["decision"] is True
    assert data["media"]["kind"] == "image"


@pytest.mark.slow
def test_a_video_gives_findings_with_their_timecodes(tmp_path: Path) -> None:
    scenes = [f.scene(151), f.caption(f.scene(152), "SINDH POLICE", at=(60, 150)), f.scene(153)]
    video = f.write_video(tmp_path / "clip.mp4", f.slideshow(scenes, 2.0), frames=150)
    out = _screen(str(video), "--account", "tiktok:someone", "--account-kind", "personal")
    [line] = [x for x in out.splitlines() if "police markings read" in x]
    seconds = float(line.split("@")[1].split("s")[0])
    assert 1.9 <= seconds <= 4.0


def test_audio_without_a_speech_model_says_audio_not_analysed(tmp_path: Path) -> None:
    path = tmp_path / "note.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(i / 8))) for i in range(16000)))
    out = _screen("--file", str(path))
    assert "note.wav: audio" in out
    assert "audio not analysed" in out
    assert "NOT RUN" in out


def test_a_text_file_keeps_the_text_path(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("Sab s1ndhi k.u.t.t.e hain", encoding="utf-8")
    out = _screen(str(post))
    assert "Language:" in out and "KHI-2024-SM-2 [critical]" in out
    assert "Sab [[s1ndhi]] [[k.u.t.t.e]] hain" in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.jpg", b"<html><script>alert(1)</script></html>", "not a recognised image, video or audio format"),
        ("cut.png", b"\x89PNG\r\n\x1a\n\x00\x00", "header cannot be read"),
        ("cut.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 truncated", "cut.jpg was not screened"),
        ("empty.mp4", b"", "empty"),
    ],
)
def test_hostile_files_give_a_clear_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        _screen("--file", str(path), "--directive", SEED)


def test_a_decompression_bomb_is_refused(tmp_path: Path) -> None:
    bomb = f.png_header_only(tmp_path / "bomb.png", 60_000, 60_000)
    with pytest.raises(CommandError, match="decompression bomb"):
        _screen(str(bomb), "--directive", SEED)


def test_an_unmigrated_database_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_table(_user: object) -> object:
        raise OperationalError("no such table: banks_bank")

    monkeypatch.setattr("zabta.banks.screening.banks_visible_to", no_table)
    png = f.save(f.scene(142, 320, 240), tmp_path / "plain.png")
    with pytest.raises(CommandError, match=r"cannot read the hash banks .*run `zabta migrate`"):
        _screen(str(png), "--directive", SEED)


def test_the_command_line_exits_non_zero_on_a_hostile_file(tmp_path: Path) -> None:
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"<!DOCTYPE html><html><body>not a photo</body></html>")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "zabta.settings"}  # the database is not needed with --directive
    run = subprocess.run(
        [sys.executable, "-m", "zabta.cli", "screen", str(fake), "--directive", SEED],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert run.returncode != 0
    assert "photo.jpg" in run.stderr and "not a recognised image, video or audio format" in run.stderr


def test_the_media_error_speaks_urdu(tmp_path: Path) -> None:
    from django.utils import translation

    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"<html>not a photo</html>")
    with translation.override("ur"), pytest.raises(CommandError, match=r"photo\.jpg کی جانچ نہیں ہوئی"):
        _screen(str(fake), "--directive", SEED)
