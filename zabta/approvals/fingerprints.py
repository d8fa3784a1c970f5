"""The one interface between approvals and media matching: record approved media, ask whether media is approved.

Banks are plug-ins keyed by fingerprint kind (SHA-256 now); a perceptual-hash bank (PDQ, from zabta.banks)
registers in BANKS and is consulted the same way, without callers changing.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from zabta.accounts_registry.models import OfficialAccount
from zabta.approvals.models import ApprovalMedia, ApprovalRequest, ApprovedFingerprint


class FingerprintBank(Protocol):
    kind: str

    def fingerprints_of(self, media: ApprovalMedia) -> Sequence[str]: ...

    def matches(self, value: str, account: OfficialAccount, at: datetime) -> bool: ...


class Sha256Bank:
    """Exact identity: the same bytes."""

    kind = "sha256"

    def fingerprints_of(self, media: ApprovalMedia) -> Sequence[str]:
        return [media.sha256]

    def matches(self, value: str, account: OfficialAccount, at: datetime) -> bool:
        rows = ApprovedFingerprint.objects.filter(kind=self.kind, value=value.lower(), account=account)
        return rows.filter(valid_from__lte=at, valid_until__gt=at).exists()


BANKS: dict[str, FingerprintBank] = {"sha256": Sha256Bank()}


def record_approved_media(*, request: ApprovalRequest, media: Sequence[ApprovalMedia]) -> int:
    """Store every bank's fingerprints of the approved media, for the request's account and validity only."""
    assert request.decided_at is not None and request.valid_until is not None  # noqa: S101 - caller's invariant
    rows = [
        ApprovedFingerprint(
            kind=bank.kind,
            value=value,
            account_id=request.account_id,
            request=request,
            valid_from=request.decided_at,
            valid_until=request.valid_until,
        )
        for item in media
        for bank in BANKS.values()
        for value in bank.fingerprints_of(item)
    ]
    ApprovedFingerprint.objects.bulk_create(rows)
    return len(rows)


def is_media_approved(sha256: str, account: OfficialAccount | None, at: datetime, **others: str) -> bool:
    """Whether this media was approved for THIS official account at that moment. A personal or unknown account
    (None) never has approval. Other banks' fingerprints may be passed by kind (pdq="...")."""
    if account is None:
        return False
    values = {"sha256": sha256, **others}
    return any(BANKS[kind].matches(value, account, at) for kind, value in values.items() if kind in BANKS and value)
