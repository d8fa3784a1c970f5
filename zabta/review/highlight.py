"""Split a text into plain and flagged pieces from evidence spans, for safe highlighting in templates."""

from collections.abc import Sequence
from typing import Any


def segments(text: str, spans: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """[(piece, reason-or-empty)] covering the whole text; overlapping or out-of-range spans are clipped."""
    marks = sorted((int(s.get("start", 0)), int(s.get("end", 0)), str(s.get("reason", ""))) for s in spans
                   if s.get("timecode") is None and s.get("frame") is None)  # fmt: skip
    out: list[tuple[str, str]] = []
    at = 0
    for start, end, reason in marks:
        start, end = max(start, at), min(end, len(text))
        if end <= start:
            continue
        if start > at:
            out.append((text[at:start], ""))
        out.append((text[start:end], reason or "flagged"))
        at = end
    if at < len(text):
        out.append((text[at:], ""))
    return out


def media_marks(spans: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The spans that point into media (time code or frame), for the frame list."""
    return [s for s in spans if s.get("timecode") is not None or s.get("frame") is not None]
