"""Speech: never downloaded, "audio not analysed" when absent or broken, timecoded drafts when configured."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from tests.media import factories as f
from zabta.screening.media import speech
from zabta.screening.media.analyse import analyse_media
from zabta.screening.media.config import MediaConfig

CONFIG = dataclasses.replace(MediaConfig(), nudity_enabled=False, ocr_enabled=False)
# A CTranslate2 Whisper folder (see docs/screening-media.md); CI runs without one and the real-model test skips.
MODEL_DIR = os.environ.get("ZABTA_TEST_WHISPER_DIR", "")


def test_model_status_names_what_is_missing(tmp_path: Path) -> None:
    assert speech.model_status(None) == (False, "no speech model configured (ZABTA_MEDIA_WHISPER_DIR)")
    ok, why = speech.model_status(tmp_path)
    assert not ok and "lacks model.bin, config.json" in why


def test_broken_model_means_audio_not_analysed_not_a_crash(tmp_path: Path) -> None:
    model = tmp_path / "whisper"
    model.mkdir()
    (model / "model.bin").write_bytes(b"\x00garbage")
    (model / "config.json").write_text("{}")
    wav = f.speech_wav(tmp_path / "s.wav", "hello")
    report = analyse_media(wav, dataclasses.replace(CONFIG, whisper_model_dir=model))
    assert not report.checks["speech"].ran
    assert report.checks["speech"].detail.startswith("audio not analysed: the speech model")
    assert report.texts == []


@pytest.mark.slow
@pytest.mark.skipif(not MODEL_DIR, reason="set ZABTA_TEST_WHISPER_DIR to a Whisper model folder")
def test_transcript_has_timecodes_and_goes_to_the_text_detectors(tmp_path: Path) -> None:
    wav = f.speech_wav(tmp_path / "s.wav", "Sindh police officers must not share political views")
    report = analyse_media(wav, dataclasses.replace(CONFIG, whisper_model_dir=Path(MODEL_DIR)))
    assert report.checks["speech"].ran
    [content] = report.texts
    assert "police" in content.text.lower()
    assert content.context["source"] == "speech" and content.context["timecode"] == 0.0
    assert isinstance(content.context["draft"], bool)
