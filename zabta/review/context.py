"""The rules that need context beyond the words: whose account, approved media, posted before the directive.

Clause 1 (police uniforms, badges, vehicles, weapons) allows such media only with prior approval and only from
official accounts. The media detectors say *what* is in the picture; whether that breaches the clause depends
on the account and on the approval, which only the registry and the approvals know.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from zabta.review.screening import FindingData, SignalData

CLAUSE_IDENTIFIERS = "KHI-2024-SM-1"
DIRECTIVE = "KHI-2024-SM"
POLICE_MEDIA_LABELS = ("media_police_marking", "media_police_reference", "media_police_identifier")


@dataclass(frozen=True)
class RuleContext:
    account_kind: str  # official | personal | discovered | unknown
    approved: bool  # a valid approval covers this media on this account
    author_id: int | None
    posted_before_directive: bool | None  # None when the posting time is unknown
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"account_kind": self.account_kind, "approved": self.approved, "author": self.author_id,
                "posted_before_directive": self.posted_before_directive, "notes": list(self.notes)}  # fmt: skip


def _identifier_finding(signals: Sequence[SignalData], ctx: RuleContext, severity: str) -> FindingData | None:
    hits = [s for s in signals if s.label in POLICE_MEDIA_LABELS and s.decision]
    if not hits:
        return None
    best = max(hits, key=lambda s: s.score)
    if ctx.account_kind == "official":
        why = "police identifiers in media on an official account without a valid approval"
    else:
        why = f"police identifiers in media on a {ctx.account_kind} account (only official accounts may post them)"
    evidence = tuple(e for s in hits for e in s.evidence)[:50]
    return FindingData(DIRECTIVE, CLAUSE_IDENTIFIERS, severity, best.score, "ctx-police-identifiers", why,
                       tuple(dict.fromkeys(s.label for s in hits)), evidence)  # fmt: skip


def apply_context(findings: Sequence[FindingData], signals: Sequence[SignalData], ctx: RuleContext,
                  identifier_severity: str = "high") -> list[FindingData]:  # fmt: skip
    """Drop clause-1 findings that an approval on an official account covers; add them where the context demands."""
    cleared = ctx.account_kind == "official" and ctx.approved
    out = [f for f in findings if not (f.clause_key == CLAUSE_IDENTIFIERS and cleared)]
    if not cleared and not any(f.clause_key == CLAUSE_IDENTIFIERS for f in out):
        extra = _identifier_finding(signals, ctx, identifier_severity)
        if extra is not None:
            out.append(extra)
    if ctx.posted_before_directive:
        note = " | posted before the directive took effect: removal due within 7 days of notice (clause 6)"
        out = [replace(f, rationale=f.rationale + note) for f in out]
    return out
