"""The one interface between approvals and media matching: record approved media, ask whether media is approved.

Two banks answer through it. `Sha256Bank` (exact bytes) lives in this app's ApprovedFingerprint table.
`PerceptualBank` puts the PDQ / per-second PDQ hashes into the hash bank "approved-official-media" of zabta.banks,
so a re-encoded or resized copy of approved media still counts as that approval. Approval always names ONE official
account and a validity window: the same media on a personal account, on another account, or after expiry is not
approved (clause 1).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from zabta.accounts_registry.models import OfficialAccount
from zabta.approvals.models import ApprovalMedia, ApprovalRequest, ApprovedFingerprint
from zabta.banks.actions import bank_create, bank_entry_add
from zabta.banks.matching import approval_status, match_fingerprint
from zabta.banks.models import Bank, BankEntry
from zabta.screening.media.fingerprint import Fingerprint
from zabta.screening.media.hashing import FrameHash, PdqHash

APPROVED_BANK = "approved-official-media"


class Approval(StrEnum):
    APPROVED = "approved"  # approved for this account and valid at that moment
    EXPIRED = "expired"  # approved for this account, but not at that moment
    OTHER_ACCOUNT = "other_account"  # approved only for another official account
    NONE = "none"  # never approved


@dataclass(frozen=True)
class ApprovalMatch:
    status: Approval
    request_id: int | None = None
    how: str = ""  # "sha256", "pdq", "vpdq", "frame"


def account_ref(account: OfficialAccount) -> str:
    return f"{account.platform}:{account.handle_key}"


class FingerprintBank(Protocol):
    kind: str

    def record(self, *, request: ApprovalRequest, media: Sequence[ApprovalMedia], actor: Any) -> int: ...

    def match(self, fingerprint: Fingerprint, account: OfficialAccount | None, at: datetime) -> ApprovalMatch: ...


class Sha256Bank:
    """Exact identity: the same bytes."""

    kind = "sha256"

    def record(self, *, request: ApprovalRequest, media: Sequence[ApprovalMedia], actor: Any) -> int:
        assert request.decided_at is not None and request.valid_until is not None  # noqa: S101 - caller's invariant
        rows = [ApprovedFingerprint(kind=self.kind, value=item.sha256, account_id=request.account_id, request=request,
                                    valid_from=request.decided_at, valid_until=request.valid_until)
                for item in media]  # fmt: skip
        ApprovedFingerprint.objects.bulk_create(rows)
        return len(rows)

    def match(self, fingerprint: Fingerprint, account: OfficialAccount | None, at: datetime) -> ApprovalMatch:
        rows = ApprovedFingerprint.objects.filter(kind=self.kind, value=fingerprint.sha256.lower())
        mine = rows.filter(account=account) if account is not None else rows.none()
        for status, found in ((Approval.APPROVED, mine.filter(valid_from__lte=at, valid_until__gt=at)),
                              (Approval.EXPIRED, mine), (Approval.OTHER_ACCOUNT, rows)):  # fmt: skip
            row = found.order_by("-valid_until").first()
            if row is not None:
                return ApprovalMatch(status, row.request_id, self.kind)
        return ApprovalMatch(Approval.NONE)


class PerceptualBank:
    """Near-identical pictures and videos, through zabta.banks (PDQ distance, vPDQ second matching)."""

    kind = "pdq"

    def record(self, *, request: ApprovalRequest, media: Sequence[ApprovalMedia], actor: Any) -> int:
        bank = _approved_bank(actor)
        added = 0
        for item in media:
            fingerprint = fingerprint_from_json(item.perceptual)
            if fingerprint is None:
                continue
            # The exact bytes are the Sha256Bank's; leaving sha256 empty here lets the same media be banked again
            # for a later approval or another account (the bank refuses a repeated sha256).
            bank_entry_add(bank=bank, fingerprint=fingerprint, actor=actor, label=f"approval #{request.pk}",
                           account=account_ref(request.account), valid_from=request.decided_at,
                           valid_until=request.valid_until, metadata={"request": request.pk, "sha256": item.sha256})  # fmt: skip
            added += 1
        return added

    def match(self, fingerprint: Fingerprint, account: OfficialAccount | None, at: datetime) -> ApprovalMatch:
        bank = Bank.objects.filter(name=APPROVED_BANK).first()
        if bank is None or (fingerprint.pdq is None and not fingerprint.frames):
            return ApprovalMatch(Approval.NONE)
        query = Fingerprint(fingerprint.kind, "", fingerprint.pdq, fingerprint.frames, fingerprint.duration_s)
        hits = match_fingerprint(query, [bank])
        status = approval_status(hits, account=account_ref(account) if account else "", at=at)
        mapped = {
            "own_account": Approval.APPROVED,
            "expired": Approval.EXPIRED,
            "other_account": Approval.OTHER_ACCOUNT,
        }
        if status not in mapped:
            return ApprovalMatch(Approval.NONE)
        entry = BankEntry.objects.filter(pk=hits[0].entry_id).first()
        request_id = int(entry.metadata.get("request", 0)) or None if entry is not None else None
        return ApprovalMatch(mapped[status], request_id, hits[0].how)


def _approved_bank(actor: Any) -> Bank:
    bank = Bank.objects.filter(name=APPROVED_BANK).first()
    if bank is None:
        bank = bank_create(name=APPROVED_BANK, kind=Bank.Kind.APPROVED, actor=actor,
                           description="Media approved under clause 1, each for one official account and period")  # fmt: skip
    return bank


BANKS: dict[str, FingerprintBank] = {"sha256": Sha256Bank(), "pdq": PerceptualBank()}
_ORDER = [Approval.APPROVED, Approval.EXPIRED, Approval.OTHER_ACCOUNT, Approval.NONE]


def record_approved_media(*, request: ApprovalRequest, media: Sequence[ApprovalMedia], actor: Any) -> int:
    """Store every bank's fingerprints of the approved media, for the request's account and validity only."""
    return sum(bank.record(request=request, media=media, actor=actor) for bank in BANKS.values())


def approval_for_media(
    *, account: OfficialAccount | None, at: datetime, sha256: str = "", fingerprint: Fingerprint | None = None
) -> ApprovalMatch:
    """The best approval any bank holds for this media on this account at that moment. A personal or unknown
    account is passed as None: it can never be APPROVED, at best OTHER_ACCOUNT (approved, but for an official one)."""
    query = fingerprint or Fingerprint("", sha256.lower())
    if not query.sha256 and query.pdq is None and not query.frames:
        return ApprovalMatch(Approval.NONE)
    matches = [bank.match(query, account, at) for bank in BANKS.values()]
    return min(matches, key=lambda m: _ORDER.index(m.status))


def is_media_approved(*, account: OfficialAccount | None, at: datetime, sha256: str = "",
                      fingerprint: Fingerprint | None = None) -> bool:  # fmt: skip
    return approval_for_media(account=account, at=at, sha256=sha256, fingerprint=fingerprint).status == "approved"


def fingerprint_from_json(data: dict[str, Any]) -> Fingerprint | None:
    """Rebuild the perceptual fingerprint stored with approval media (None when there is none)."""
    if not data or data.get("kind") not in ("image", "video"):
        return None
    pdq = PdqHash(data["pdq"][0], int(data["pdq"][1])) if data.get("pdq") else None
    frames = tuple(
        FrameHash(int(s), float(t), int(f), PdqHash(h, int(q)), int(v)) for s, t, f, h, q, v in data["frames"]
    )
    return Fingerprint(data["kind"], "", pdq, frames, float(data.get("duration_s", 0.0)))
