"""Analysis in a child process: results come back, errors keep their type, a hang is cut off."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from tests.media import factories as f
from zabta.screening.media.analyse import analyse_media_isolated
from zabta.screening.media.config import MediaConfig
from zabta.screening.media.errors import DecodeTimeout, UnsupportedMedia
from zabta.screening.media.isolation import run_isolated

pytestmark = pytest.mark.slow  # each test starts a Python process


def test_report_comes_back_from_the_child(tmp_path: Path) -> None:
    img = f.save(f.caption(f.scene(131, 800, 450), "SINDH POLICE", at=(60, 60)), tmp_path / "p.png")
    report = analyse_media_isolated(img, dataclasses.replace(MediaConfig(), nudity_enabled=False))
    assert [s.label for s in report.signals()] == ["police_marking"]


def test_media_error_keeps_its_type(tmp_path: Path) -> None:
    page = tmp_path / "x.png"
    page.write_text("<html>")
    with pytest.raises(UnsupportedMedia, match="not a recognised"):
        analyse_media_isolated(page, MediaConfig())


def test_a_call_that_hangs_is_stopped_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("zabta.screening.media.isolation._GRACE_S", 0.0)
    with pytest.raises(DecodeTimeout, match=r"clip\.mp4: analysis took longer than 1 s and was stopped"):
        run_isolated(time.sleep, 120, timeout_s=1.0, what="clip.mp4")
