"""Analyse one media file end to end: intake, decode, fingerprints, picture checks, speech."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from zabta.screening.media import speech
from zabta.screening.media.config import MediaConfig
from zabta.screening.media.hashing import PdqHash, hamming, pdq, sha256_file
from zabta.screening.media.intake import MediaInfo, load_image, probe
from zabta.screening.media.isolation import run_isolated
from zabta.screening.media.report import MediaReport
from zabta.screening.media.video import Keyframe, scan_video
from zabta.screening.media.visual import Picture, PictureChecks, check_pictures, load_models
from zabta.screening.types import Content

DUPLICATE_PDQ_DISTANCE = 16  # keyframes this close (of 256 bits) show the same picture
_POLICE_VISUAL = ("reference_marks", "object_detector", "zero_shot")


def analyse_media_isolated(path: Path, config: MediaConfig | None = None) -> MediaReport:
    """`analyse_media` in a child process killed at the configured decode time limit."""
    config = config or MediaConfig.from_env()
    return run_isolated(analyse_media, path, config, timeout_s=config.limits.decode_timeout_s, what=path.name)


def analyse_media(path: Path, config: MediaConfig | None = None) -> MediaReport:
    """Everything the media checks found in `path`; raises a MediaError when the file is refused."""
    config = config or MediaConfig.from_env()
    info = probe(path, config.limits)
    report = MediaReport(name=path.name, kind=info.kind, sha256=sha256_file(path), duration_s=info.duration_s)
    if info.kind == "image":
        _image(report, info, config)
    elif info.kind == "video":
        _video(report, info, config)
    report.check(
        "fingerprint", info.kind != "audio", "SHA-256 + PDQ" if info.kind != "audio" else "SHA-256 only (audio)"
    )
    if info.kind != "image":
        _speech(report, info, config)
    _police_visual_note(report)
    return report


def _image(report: MediaReport, info: MediaInfo, config: MediaConfig) -> None:
    frames = load_image(info.path, config.limits)
    report.pdq = pdq(frames[0])
    report.frames_decoded = report.keyframes = len(frames)
    pictures = [Picture(rgb, None, i if len(frames) > 1 else None) for i, rgb in enumerate(frames)]
    check_pictures(report, pictures, config, load_models(config))


def _video(report: MediaReport, info: MediaInfo, config: MediaConfig) -> None:
    # The picture checks start on each distinct keyframe while the rest of the video is still decoding.
    distinct = DistinctKeyframes()
    with PictureChecks(config, load_models(config)) as checks:

        def on_keyframe(key: Keyframe) -> None:
            if distinct.is_new(key):
                checks.add(Picture(key.rgb, key.timecode, key.frame))

        scan = scan_video(info.path, config, on_keyframe=on_keyframe)
        report.fingerprint = scan.fingerprint
        report.frames_decoded, report.keyframes = scan.frames_decoded, len(scan.keyframes)
        report.duration_s = max(report.duration_s, scan.duration_s)
        decoded = f"partly analysed: {scan.damaged}" if scan.damaged else "complete"
        report.check("video_decode", not scan.damaged, decoded)
        report.pdq = distinct.first
        checks.finish(report)


class DistinctKeyframes:
    """Tells keyframes that differ from every earlier kept one: a still shot sampled again adds nothing to check.

    The first keyframe of a repeated picture is kept, so evidence points at the first second it appears.
    """

    def __init__(self, distance: int = DUPLICATE_PDQ_DISTANCE) -> None:
        self.distance = distance
        self.first: PdqHash | None = None
        self._kept: list[str] = []

    def is_new(self, key: Keyframe) -> bool:
        value = pdq(key.rgb)
        self.first = self.first or value
        if any(hamming(value.hex, seen) <= self.distance for seen in self._kept):
            return False
        self._kept.append(value.hex)
        return True


def distinct_keyframes(keyframes: Sequence[Keyframe], distance: int = DUPLICATE_PDQ_DISTANCE) -> list[Keyframe]:
    """The keyframes `DistinctKeyframes` keeps, in order."""
    distinct = DistinctKeyframes(distance)
    return [key for key in keyframes if distinct.is_new(key)]


def _speech(report: MediaReport, info: MediaInfo, config: MediaConfig) -> None:
    if not info.has_audio:
        report.check("speech", True, "no audio track")
        return
    ok, why = speech.model_status(config.whisper_model_dir)
    if not ok or config.whisper_model_dir is None:
        report.check("speech", False, f"audio not analysed: {why}")
        return
    try:
        transcript = speech.transcribe(info.path, config.whisper_model_dir)
    except speech.SpeechError as exc:
        report.check("speech", False, f"audio not analysed: {exc}")
        return
    state = "draft, needs human review" if transcript.draft else "machine transcript"
    report.check("speech", True, f"Whisper, language {transcript.language} ({state})")
    for seg in transcript.segments:
        context: dict[str, str | float | bool] = {
            "source": "speech",
            "timecode": seg.start,
            "end": seg.end,
            "language": transcript.language,
            "draft": transcript.draft,
        }
        report.texts.append(Content(text=seg.text, id=f"{report.name}#speech{len(report.texts)}", context=context))


def _police_visual_note(report: MediaReport) -> None:
    ran = [name for name in _POLICE_VISUAL if report.checks.get(name) and report.checks[name].ran]
    if report.kind != "audio" and not ran:
        report.check(
            "police_identifiers",
            False,
            "no visual model or reference mark configured: only OCR markings were checked; "
            "this is NOT a finding of 'no police identifiers'",
        )
