"""End-to-end media analysis: signals with timecodes, extracted text, and checks that say what did not run."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from tests.media import factories as f
from zabta.screening.media.analyse import analyse_media
from zabta.screening.media.config import MediaConfig
from zabta.screening.media.errors import TypeMismatch

CONFIG = dataclasses.replace(MediaConfig(), nudity_enabled=False)


def test_image_with_police_caption_gives_a_police_marking_signal(tmp_path: Path) -> None:
    img = f.save(f.caption(f.scene(101, 800, 450), "SINDH POLICE", at=(60, 60)), tmp_path / "post.jpg", quality=92)
    report = analyse_media(img, CONFIG)
    [signal] = [s for s in report.signals() if s.label == "police_marking"]
    assert signal.decision and signal.evidence[0].text == "SINDH POLICE"
    assert any(c.text == "SINDH POLICE" and c.context["source"] == "ocr" for c in report.texts)
    assert report.pdq is not None and len(report.sha256) == 64


def test_video_signals_carry_the_second_of_the_caption(tmp_path: Path) -> None:
    scenes = [f.scene(102), f.caption(f.scene(103), "سندھ پولیس", at=(200, 150), urdu=True), f.scene(104)]
    video = f.write_video(tmp_path / "v.mp4", f.slideshow(scenes, 2.0), frames=150, audio_tone=True)
    report = analyse_media(video, CONFIG)
    [signal] = [s for s in report.signals() if s.label == "police_marking"]
    timecode = signal.evidence[0].timecode
    assert timecode is not None and 1.9 <= timecode <= 4.0
    assert signal.evidence[0].frame is not None
    data = report.to_dict()
    assert data["labels"]["police_marking"]["evidence"][0]["timecode"] == timecode


def test_unconfigured_checks_are_reported_never_silently_clean(tmp_path: Path) -> None:
    video = f.write_video(tmp_path / "v.mp4", f.slideshow([f.scene(105)], 1.0), frames=25, audio_tone=True)
    checks = analyse_media(video, CONFIG).checks
    assert not checks["speech"].ran and "audio not analysed" in checks["speech"].detail
    assert not checks["object_detector"].ran and not checks["zero_shot"].ran
    assert not checks["police_identifiers"].ran and "NOT a finding" in checks["police_identifiers"].detail
    assert not checks["nudity"].ran


def test_audio_file_without_speech_model_says_audio_not_analysed(tmp_path: Path) -> None:
    wav = f.speech_wav(tmp_path / "s.wav", "Sindh police")
    report = analyse_media(wav, CONFIG)
    assert report.kind == "audio" and report.signals() == []
    assert "audio not analysed" in report.checks["speech"].detail


def test_nudity_model_runs_and_scores_a_plain_scene_low(tmp_path: Path) -> None:
    img = f.save(f.scene(106), tmp_path / "p.png")
    report = analyse_media(img, MediaConfig())
    assert report.checks["nudity"].ran
    assert all(s.label != "nudity" for s in report.signals())


def test_lying_file_is_refused_before_analysis(tmp_path: Path) -> None:
    path = tmp_path / "x.mp4"
    path.write_bytes(np.zeros(10, dtype=np.uint8).tobytes() + b"\x89PNG")
    with pytest.raises(Exception, match="not a recognised"):
        analyse_media(path, CONFIG)
    png = f.save(f.scene(107), tmp_path / "real.png")
    liar = tmp_path / "liar.webm"
    liar.write_bytes(png.read_bytes())
    with pytest.raises(TypeMismatch):
        analyse_media(liar, CONFIG)


def test_video_damaged_midway_is_reported_as_partly_analysed(tmp_path: Path) -> None:
    video = f.write_video(tmp_path / "v.mp4", f.slideshow([f.scene(s) for s in (108, 109, 110)], 2.0), frames=150)
    fragmented = tmp_path / "frag.mp4"
    f.ffmpeg("-i", str(video), "-c", "copy", "-movflags", "frag_keyframe+empty_moov", str(fragmented))
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(fragmented.read_bytes()[: fragmented.stat().st_size // 2])
    report = analyse_media(cut, CONFIG)
    assert not report.checks["video_decode"].ran
    assert report.checks["video_decode"].detail.startswith("partly analysed")


def test_video_checks_started_during_decoding_record_the_same_as_checks_after_it(tmp_path: Path) -> None:
    from zabta.screening.media.analyse import distinct_keyframes
    from zabta.screening.media.report import MediaReport
    from zabta.screening.media.video import scan_video
    from zabta.screening.media.visual import Picture, check_pictures, load_models

    refs = tmp_path / "refs"
    refs.mkdir()
    f.save(f.emblem(7), refs / "emblem.png")
    config = dataclasses.replace(CONFIG, reference_dir=refs)
    scenes = [f.caption(f.scene(110 + i, 960, 540), "SINDH POLICE", at=(60, 420)) for i in range(4)]
    scenes[1].paste(f.emblem(7), (600, 80))
    scenes[3] = f.caption(f.scene(120, 960, 540), "سندھ پولیس", at=(300, 200), urdu=True)
    video = f.write_video(tmp_path / "v.mp4", f.slideshow(scenes, 2.0), frames=200, size=(960, 540))
    streamed = analyse_media(video, config)
    after = MediaReport(name=video.name, kind="video", sha256=streamed.sha256)
    keys = distinct_keyframes(scan_video(video, config).keyframes)
    check_pictures(after, [Picture(k.rgb, k.timecode, k.frame) for k in keys], config, load_models(config))
    assert streamed.observations == after.observations and len(streamed.observations) >= 5
    assert [(c.text, c.context) for c in streamed.texts] == [(c.text, c.context) for c in after.texts]
    assert {o.label for o in streamed.observations} == {"police_marking", "police_reference"}
