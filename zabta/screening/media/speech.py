"""Speech to text with faster-whisper from a configured local model directory (never downloaded)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DRAFT_LANGUAGES = frozenset({"ur", "sd", "pa", "hi"})
_REQUIRED = ("model.bin", "config.json")


class SpeechError(RuntimeError):
    """The configured speech model could not be loaded or failed on this file."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One stretch of speech with its time range and text."""

    start: float
    end: float
    text: str


@dataclass(frozen=True, slots=True)
class Transcript:
    """What was said; `draft` when a human must check it (Urdu/Sindhi, or an unsure language guess)."""

    language: str
    language_probability: float
    segments: tuple[Segment, ...]
    draft: bool


def model_status(model_dir: Path | None) -> tuple[bool, str]:
    """Whether a usable Whisper (CTranslate2) model directory is configured; if not, why."""
    if model_dir is None:
        return False, "no speech model configured (ZABTA_MEDIA_WHISPER_DIR)"
    missing = [name for name in _REQUIRED if not (model_dir / name).is_file()]
    if missing:
        return False, f"speech model directory {model_dir} lacks {', '.join(missing)}"
    return True, ""


@cache
def _model(model_dir: str) -> object:
    from faster_whisper import WhisperModel  # type: ignore[import-untyped]

    return WhisperModel(model_dir, device="cpu", compute_type="int8", cpu_threads=2, local_files_only=True)


def transcribe(path: Path, model_dir: Path) -> Transcript:
    """Transcribe the audio of `path` (audio file or video); decoding goes through PyAV."""
    try:
        model = _model(str(model_dir))
        segments, info = model.transcribe(str(path), beam_size=1, vad_filter=False)  # type: ignore[attr-defined]
        parts = tuple(Segment(round(s.start, 2), round(s.end, 2), s.text.strip()) for s in segments if s.text.strip())
    except Exception as exc:  # CTranslate2 and PyAV raise untyped errors for broken models or audio
        raise SpeechError(f"the speech model in {model_dir} failed: {exc}") from exc
    draft = info.language in DRAFT_LANGUAGES or info.language_probability < 0.7
    return Transcript(info.language, float(info.language_probability), parts, draft)
