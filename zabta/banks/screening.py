"""Screen one media file end to end: media analysis, bank lookups, text detectors on OCR/speech, rules -> findings.

This is the Django side of media screening (the banks live in the database); `zabta screen-media FILE` and,
for media files, `zabta screen FILE` print its result.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from zabta.banks.matching import BankHit, approval_status, match_fingerprint
from zabta.banks.selectors import banks_visible_to
from zabta.screening.media.analyse import analyse_media, analyse_media_isolated
from zabta.screening.media.config import MediaConfig
from zabta.screening.media.fingerprint import Fingerprint
from zabta.screening.media.report import DETECTOR_VERSION, THRESHOLDS, MediaReport
from zabta.screening.media.rules import media_rule_sets, no_media_rules_notes
from zabta.screening.pipeline import Pipeline
from zabta.screening.rules import RuleSet
from zabta.screening.types import Content, ContextValue, EvidenceSpan, Finding, ScreeningResult, Signal


@dataclass(frozen=True, slots=True)
class MediaScreening:
    """Everything Zabta says about one media file."""

    report: MediaReport
    signals: tuple[Signal, ...]
    findings: tuple[Finding, ...]
    hits: tuple[BankHit, ...] = ()
    approval: str = ""
    texts: tuple[ScreeningResult, ...] = field(default_factory=tuple)
    # What the rules could not judge (a directive version without media rules): shown with the findings.
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The `zabta classify` shape (labels with score and decision, findings) plus the media's own facts."""
        return {
            "id": self.report.name,
            "kind": self.report.kind,
            "labels": {s.label: s.to_dict() for s in self.signals},
            "findings": [f.to_dict() for f in self.findings],
            "bank_matches": [h.to_dict() for h in self.hits],
            "approval": self.approval or None,
            "notes": list(self.notes),
            "media": self.report.summary(),
            "texts": [_text_dict(c, r) for c, r in zip(self.report.texts, self.texts, strict=True)],
        }


def _text_dict(content: Content, result: ScreeningResult) -> dict[str, Any]:
    return {"text": content.text, **dict(content.context), "labels": {s.label: s.decision for s in result.signals}}


def screen_media_file(
    path: Path,
    *,
    rule_sets: Sequence[RuleSet],
    account: str = "",
    account_kind: str = "unknown",
    at: datetime | None = None,
    config: MediaConfig | None = None,
    isolated: bool = False,
) -> MediaScreening:
    """Screen `path` as posted on `account` (platform:handle) of `account_kind` at `at`; raises MediaError.

    `isolated` decodes in a child process killed at the decode time limit (for untrusted uploads).
    """
    at = at or timezone.now()
    report = analyse_media_isolated(path, config) if isolated else analyse_media(path, config)
    fp = Fingerprint(report.kind, report.sha256, report.pdq, tuple(report.fingerprint), report.duration_s)
    hits = tuple(match_fingerprint(fp, list(banks_visible_to(None))))
    approval = approval_status(hits, account=account, at=at)
    context: dict[str, ContextValue] = {"account_kind": account_kind, "approval": approval, "source": "media"}
    texts = _screen_texts(report, rule_sets, context)
    media = report.signals()
    bank = _bank_signals(hits, approval)
    signals = _merge([*media, *bank.values(), *_text_signals(report, texts)])
    findings = _findings(media, bank, texts, media_rule_sets(rule_sets), context)
    notes = tuple(no_media_rules_notes(rule_sets))
    return MediaScreening(report, tuple(signals), tuple(findings), hits, approval, tuple(texts), notes)


def _screen_texts(
    report: MediaReport, rule_sets: Sequence[RuleSet], context: dict[str, ContextValue]
) -> list[ScreeningResult]:
    if not report.texts:
        return []
    contents = [Content(c.text, c.id, {**context, **dict(c.context)}) for c in report.texts]
    return Pipeline(rule_sets).screen_batch(contents)


def _with_position(spans: Sequence[EvidenceSpan], content: Content) -> tuple[EvidenceSpan, ...]:
    timecode, frame = content.context.get("timecode"), content.context.get("frame")
    return tuple(
        dataclasses.replace(s, timecode=float(timecode) if isinstance(timecode, int | float) else None,
                            frame=int(frame) if isinstance(frame, int) else None)
        for s in spans
    )  # fmt: skip


def _text_signals(report: MediaReport, texts: Sequence[ScreeningResult]) -> list[Signal]:
    """Text labels found in OCR or speech text, their evidence moved to the frame or second it came from."""
    out: list[Signal] = []
    for content, result in zip(report.texts, texts, strict=True):
        out.extend(dataclasses.replace(s, evidence=_with_position(s.evidence, content)) for s in result.signals)
    return out


def _bank_signals(hits: Sequence[BankHit], approval: str) -> dict[str, Signal]:
    """One bank_match signal per bank kind; an approval used on its own account within validity is compliant."""
    out: dict[str, Signal] = {}
    for kind in dict.fromkeys(h.bank_kind for h in hits):
        mine = [h for h in hits if h.bank_kind == kind]
        compliant = kind == "approved" and approval == "own_account"
        spans = tuple(EvidenceSpan(0, 0, f"{h.bank}#{h.entry_id}", _hit_reason(h), timecode=h.timecode) for h in mine)
        note = ("approved for this account and valid now: compliant",) if compliant else ()
        threshold = THRESHOLDS["bank_match"]
        out[kind] = Signal("banks", DETECTOR_VERSION, "bank_match", 1.0, not compliant, threshold, spans, notes=note)
    return out


def _hit_reason(hit: BankHit) -> str:
    case = f", case {hit.case_ref}" if hit.case_ref else ""
    account = f", approved for {hit.account}" if hit.account else ""
    return f"{hit.bank_kind} bank {hit.bank}, entry {hit.entry_id} {hit.label!r}: {hit.how} distance {hit.distance}{case}{account}"


def _merge(signals: Sequence[Signal]) -> list[Signal]:
    """One signal per label: the strongest, with every positive signal's evidence."""
    by_label: dict[str, Signal] = {}
    for sig in signals:
        old = by_label.get(sig.label)
        if old is None:
            by_label[sig.label] = sig
            continue
        best = sig if (sig.decision, sig.score) > (old.decision, old.score) else old
        evidence = tuple(dict.fromkeys(old.evidence + sig.evidence))
        by_label[sig.label] = dataclasses.replace(
            best, evidence=evidence, notes=tuple(dict.fromkeys(old.notes + sig.notes))
        )
    return list(by_label.values())


def _findings(
    media: Sequence[Signal],
    bank: dict[str, Signal],
    texts: Sequence[ScreeningResult],
    rule_sets: Sequence[RuleSet],
    context: dict[str, ContextValue],
) -> list[Finding]:
    found = [f for r in texts for f in r.findings]
    for rs in rule_sets:
        found.extend(rs.apply(Content("", "media", context), media))
        for kind, sig in bank.items():
            found.extend(rs.apply(Content("", "media", {**context, "bank_kind": kind}), [sig]))
    return sorted(found, key=lambda f: -f.score)
