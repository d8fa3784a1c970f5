"""The adapter between the review queue and the screening core (text and media), whichever parts are installed.

The core is framework-free and may be absent or unconfigured (no models, media extras not installed). Each
part then reports "text not analysed: why" / "media not analysed: why": an item is never read as clean because
a detector did not run.
"""

import importlib
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.apps import apps

ANALYSED = "analysed"


@dataclass(frozen=True)
class SignalData:
    detector: str
    version: str
    label: str
    score: float
    decision: bool
    evidence: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"detector": self.detector, "version": self.version, "label": self.label,
                "score": round(self.score, 4), "decision": self.decision, "evidence": list(self.evidence)}  # fmt: skip


@dataclass(frozen=True)
class FindingData:
    directive: str
    clause_key: str
    severity: str
    score: float
    rule_id: str
    rationale: str
    labels: tuple[str, ...]
    evidence: tuple[dict[str, Any], ...] = ()


@dataclass
class Outcome:
    status: str
    language: str = ""
    signals: list[SignalData] = field(default_factory=list)
    findings: list[FindingData] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    texts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # text found in media (OCR, speech)
    approved_by_bank: bool = False  # the approved-media bank holds this file for this very account, valid now


def _signal(sig: Any, prefix: str = "") -> SignalData:
    evidence = tuple(e.to_dict() for e in sig.evidence)
    return SignalData(sig.detector, sig.version, prefix + sig.label, float(sig.score), bool(sig.decision), evidence)


def _finding(f: Any) -> FindingData:
    return FindingData(f.directive, f.clause_key, f.severity, float(f.score), f.rule_id, f.rationale,
                       tuple(f.labels), tuple(e.to_dict() for e in f.evidence))  # fmt: skip


_PIPELINES: dict[tuple[int, ...], Any] = {}


class DirectivesInForce:
    """All directive versions read once (for a batch); which were in force at a moment is then answered in memory,
    with the same test as DirectiveVersion.objects.in_force."""

    def __init__(self) -> None:
        policy = importlib.import_module("zabta.policy.selectors")
        self.versions: list[Any] = policy.all_directive_versions()

    def at(self, when: datetime) -> list[Any]:
        return [v for v in self.versions
                if v.effective_from <= when and (v.effective_to is None or v.effective_to > when)]  # fmt: skip

    def has_clause(self, key: str, when: datetime) -> bool:
        return any(c.key == key for v in self.at(when) for c in v.clauses.all())


def _pipeline(at: datetime, directives: DirectivesInForce | None = None) -> Any:
    """One pipeline per set of directive versions in force (models load once per worker process)."""
    versions = (directives or DirectivesInForce()).at(at)
    key = tuple(sorted(v.pk for v in versions))
    if key not in _PIPELINES:
        pipeline = importlib.import_module("zabta.screening.pipeline")
        rules = importlib.import_module("zabta.screening.directives")
        _PIPELINES[key] = pipeline.Pipeline(rule_sets=[rules.rule_set_for(v) for v in versions])
    return _PIPELINES[key]


@dataclass(frozen=True)
class TextRequest:
    text: str
    context: Mapping[str, Any]
    at: datetime  # the rules in force at this moment apply (the posting time)
    content_id: str = ""


def screen_texts(requests: Sequence[TextRequest], directives: DirectivesInForce | None = None) -> list[Outcome]:
    """Screen many texts in batches (one per set of rules in force); failures to load say "text not analysed"."""
    outcomes: list[Outcome | None] = [Outcome(status="no text") if not r.text.strip() else None for r in requests]
    try:
        types = importlib.import_module("zabta.screening.types")
        groups: dict[int, tuple[Any, list[int]]] = {}
        directives = directives or DirectivesInForce()
        for i, request in enumerate(requests):
            if outcomes[i] is None:
                pipe = _pipeline(request.at, directives)
                groups.setdefault(id(pipe), (pipe, []))[1].append(i)
    except Exception as exc:  # any failure to load the core means "not analysed", with the reason
        failed = f"text not analysed: {exc.__class__.__name__}: {str(exc)[:200]}"
        return [o or Outcome(status=failed) for o in outcomes]
    for pipe, indexes in groups.values():
        contents = [types.Content(text=requests[i].text, id=requests[i].content_id, context=_plain(requests[i].context))
                    for i in indexes]  # fmt: skip
        for i, result in zip(indexes, pipe.screen_batch(contents), strict=True):
            signals = [_signal(sig) for sig in result.signals]
            outcomes[i] = Outcome(ANALYSED, result.language, signals, [_finding(f) for f in result.findings],
                                  {sig.detector: sig.version for sig in signals})  # fmt: skip
    return [o or Outcome(status="text not analysed") for o in outcomes]


def _plain(context: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in context.items() if isinstance(v, str | int | float | bool) or v is None}


def screen_text(text: str, context: Mapping[str, Any], at: datetime, content_id: str = "") -> Outcome:
    return screen_texts([TextRequest(text, context, at, content_id)])[0]


def screen_media(data: bytes, name: str, *, account: str = "", account_kind: str = "unknown",
                 at: datetime | None = None) -> Outcome:  # fmt: skip
    """Media analysis with the hash banks (a re-upload of removed media is found) when they are installed,
    media analysis alone otherwise; an absent or unconfigured media core says so."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (Path(name).name or "media.bin")
        path.write_bytes(data)
        try:
            errors = importlib.import_module("zabta.screening.media.errors")
            if apps.is_installed("zabta.banks"):
                return _with_banks(path, account, account_kind, at, errors)
            analyse = importlib.import_module("zabta.screening.media.analyse")
        except Exception as exc:  # the media extras may not be installed or configured
            return Outcome(status=f"media not analysed: {exc.__class__.__name__}: {str(exc)[:200]}")
        try:
            report = analyse.analyse_media(path)
        except errors.MediaError as exc:
            return Outcome(status=f"media not analysed: {exc}")
    signals = [_signal(s, "media_") for s in report.signals()]
    return Outcome(_status(report), signals=signals, versions=_versions(signals),
                   texts=[(c.text, dict(c.context)) for c in report.texts])  # fmt: skip


def _with_banks(path: Path, account: str, account_kind: str, at: datetime | None, errors: Any) -> Outcome:
    banks = importlib.import_module("zabta.banks.screening")
    directives = importlib.import_module("zabta.screening.directives")
    try:
        result = banks.screen_media_file(path, rule_sets=directives.rule_sets_in_force(at), account=account,
                                         account_kind=account_kind, at=at, isolated=True)  # fmt: skip
    except errors.MediaError as exc:
        return Outcome(status=f"media not analysed: {exc}")
    signals = [_signal(s, "media_") for s in result.signals]
    return Outcome(_status(result.report), signals=signals, findings=[_finding(f) for f in result.findings],
                   versions=_versions(signals), approved_by_bank=result.approval == "own_account")  # fmt: skip


def _status(report: Any) -> str:
    skipped = report.not_run()
    return ANALYSED if not skipped else f"{ANALYSED}; not run: {', '.join(skipped)}"


def _versions(signals: Sequence[SignalData]) -> dict[str, str]:
    return {"media": "media-1"} | {s.detector: s.version for s in signals}
