"""Typed values of the screening contract: content in, signals and findings out.

Everything here is plain data (frozen dataclasses), free of Django, so a CLI, a worker, a notebook
and a media detector share one vocabulary:

* ``Content``: what is screened (text plus context such as the account kind or the source of the text);
* ``EvidenceSpan``: where a signal was seen (character offsets into the ORIGINAL text, or a time code /
  frame number for media, with the matched words and why they matter);
* ``Signal``: one detector's verdict on one label (score in [0, 1], decision at the detector's
  calibrated threshold, evidence, optional target scores);
* ``Finding``: what the rules layer makes of signals plus context for one clause of one directive.

A media detector (issue 4) returns ``Signal`` values too; it fills ``timecode``/``frame`` on the
evidence and may hand OCR or speech text back to the pipeline as ``Content`` with
``context["source"] = "ocr"`` or ``"speech"`` so the text detectors screen it as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LABELS: tuple[str, ...] = (
    "identity_attack",
    "abusive",
    "profane",
    "political_view",
    "religious_view",
    "personal_view",
    "premises_use",  # clause 5: filming on police premises or in police vehicles, told in the text
)
# Labels of the media detectors (zabta.screening.media): what a picture, a video or a sound shows.
MEDIA_LABELS: tuple[str, ...] = ("police_marking", "police_reference", "police_identifier", "bank_match", "nudity")
# Every label a screening rule in directive data may name: one vocabulary for text and media rules.
RULE_LABELS: tuple[str, ...] = LABELS + MEDIA_LABELS
TARGETS: tuple[str, ...] = ("religion_or_sect", "ethnicity_or_race", "gender", "caste_or_biradari", "other")
LANGUAGES: tuple[str, ...] = ("en", "ur", "sd", "roman_ur", "mixed", "unknown")

# Posts longer than this are cut before screening: nobody writes a 200 kB post, but a hostile file can.
MAX_TEXT_CHARS = 20_000

ContextValue = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Content:
    """One piece of content to screen: its text and what is known about where it came from."""

    text: str
    id: str = ""
    context: Mapping[str, ContextValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    """Why a signal fired: matched words at [start, end) of the original text, or a media position."""

    start: int
    end: int
    text: str
    reason: str
    timecode: float | None = None
    frame: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}
        if self.timecode is not None:
            out["timecode"] = self.timecode
        if self.frame is not None:
            out["frame"] = self.frame
        return out


@dataclass(frozen=True, slots=True)
class Signal:
    """One detector's verdict on one label."""

    detector: str
    version: str
    label: str
    score: float
    decision: bool
    threshold: float
    evidence: tuple[EvidenceSpan, ...] = ()
    targets: Mapping[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "score": round(self.score, 4),
            "decision": self.decision,
            "threshold": self.threshold,
            "detector": self.detector,
            "version": self.version,
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.label == "identity_attack":
            out["targets"] = {k: round(v, 4) for k, v in self.targets.items()}
        if self.notes:
            out["notes"] = list(self.notes)
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """A clause of a directive that the signals suggest was breached, with how sure and why."""

    directive: str
    clause_key: str
    clause_kind: str
    severity: str
    score: float
    rule_id: str
    rationale: str
    labels: tuple[str, ...]
    evidence: tuple[EvidenceSpan, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "directive": self.directive,
            "clause": self.clause_key,
            "kind": self.clause_kind,
            "severity": self.severity,
            "score": round(self.score, 4),
            "rule": self.rule_id,
            "rationale": self.rationale,
            "labels": list(self.labels),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """Everything the pipeline says about one content item."""

    content_id: str
    language: str
    signals: tuple[Signal, ...]
    findings: tuple[Finding, ...]
    # The models that scored this item (name@version); empty means lexicons only, which reports must say.
    models: tuple[str, ...] = ()

    def signal(self, label: str) -> Signal | None:
        return next((s for s in self.signals if s.label == label), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.content_id,
            "language": self.language,
            "labels": {s.label: s.to_dict() for s in self.signals},
            "findings": [f.to_dict() for f in self.findings],
            "models": list(self.models),
        }
