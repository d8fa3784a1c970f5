"""What media analysis produces: signals with time codes, which checks ran, and text for the text detectors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zabta.screening.media.hashing import FrameHash, PdqHash
from zabta.screening.types import Content, EvidenceSpan, Signal

DETECTOR_VERSION = "media-1"
THRESHOLDS = {
    "police_marking": 0.5,
    "police_reference": 0.5,
    "police_identifier": 0.4,
    "nudity": 0.8,
    "bank_match": 0.5,
}


@dataclass(frozen=True, slots=True)
class Check:
    """One analysis step and whether it ran; a step that did not run is never read as 'nothing found'."""

    name: str
    ran: bool
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"ran": self.ran, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Observation:
    """One thing seen at one place in the media, before it is folded into a per-label signal."""

    label: str
    score: float
    text: str
    reason: str
    timecode: float | None = None
    frame: int | None = None

    def span(self) -> EvidenceSpan:
        return EvidenceSpan(0, len(self.text), self.text, self.reason, timecode=self.timecode, frame=self.frame)


@dataclass(slots=True)
class MediaReport:
    """The analysis of one file."""

    name: str
    kind: str
    sha256: str
    duration_s: float = 0.0
    frames_decoded: int = 0
    keyframes: int = 0
    pdq: PdqHash | None = None
    fingerprint: list[FrameHash] = field(default_factory=list)
    checks: dict[str, Check] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    texts: list[Content] = field(default_factory=list)

    def check(self, name: str, ran: bool, detail: str = "") -> None:
        self.checks[name] = Check(name, ran, detail)

    def signals(self) -> list[Signal]:
        """One signal per observed label: the best score, every observation as evidence."""
        labels = sorted({o.label for o in self.observations})
        return [self._signal(label) for label in labels]

    def _signal(self, label: str) -> Signal:
        seen = sorted((o for o in self.observations if o.label == label), key=lambda o: (o.timecode or 0.0, -o.score))
        score = max(o.score for o in seen)
        threshold = THRESHOLDS.get(label, 0.5)
        evidence = tuple(o.span() for o in seen[:50])
        return Signal("media", DETECTOR_VERSION, label, score, score >= threshold, threshold, evidence)

    def to_dict(self) -> dict[str, Any]:
        """The `zabta classify` shape (labels with score and decision; findings are added by the rules layer)."""
        return {
            "id": self.name,
            "labels": {s.label: s.to_dict() for s in self.signals()},
            "findings": [],
            "media": self.summary(),
            "texts": [{"text": c.text, **dict(c.context)} for c in self.texts],
        }

    def not_run(self) -> list[str]:
        return [c.name for c in self.checks.values() if not c.ran]

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind,
            "sha256": self.sha256,
            "duration_s": round(self.duration_s, 3),
            "frames_decoded": self.frames_decoded,
            "keyframes": self.keyframes,
            "checks": {name: c.to_dict() for name, c in self.checks.items()},
        }
        if self.pdq is not None:
            out["pdq"] = {"hex": self.pdq.hex, "quality": self.pdq.quality}
        if self.fingerprint:
            out["vpdq_seconds"] = len(self.fingerprint)
        return out
