"""Look a fingerprint up in the banks: exact SHA-256, PDQ by radius, videos by the vPDQ rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from django.db.models import Count, Max

from zabta.banks.index import IndexCache, PdqIndex, hex_matrix
from zabta.banks.models import Bank, BankEntry
from zabta.screening.media.fingerprint import Fingerprint
from zabta.screening.media.hashing import FrameHash, PdqHash, compare_videos

_CACHE = IndexCache()


@dataclass(frozen=True, slots=True)
class BankHit:
    """One bank entry the query matched."""

    bank: str
    bank_kind: str
    entry_id: int
    label: str
    distance: int
    how: str  # "sha256", "pdq", "vpdq" or "frame"
    timecode: float | None = None
    query_percent: float | None = None
    target_percent: float | None = None
    account: str = ""
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    case_ref: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"bank": self.bank, "kind": self.bank_kind, "entry": self.entry_id, "label": self.label}
        out.update({"distance": self.distance, "how": self.how, "case_ref": self.case_ref})
        if self.timecode is not None:
            out["timecode"] = self.timecode
        if self.query_percent is not None:
            out["query_percent"] = round(self.query_percent, 1)
            out["target_percent"] = round(self.target_percent or 0.0, 1)
        if self.account:
            out["account"] = self.account
        for key in ("valid_from", "valid_until"):
            value = getattr(self, key)
            out[key] = value.isoformat() if value else None
        return out


@dataclass(slots=True)
class _BankIndex:
    index: PdqIndex
    rows: list[tuple[int, float | None]] = field(default_factory=list)  # (entry id, second or None)


def _entry_hashes(entry: BankEntry) -> Iterable[tuple[str, float | None]]:
    if entry.pdq and entry.media_kind == BankEntry.MediaKind.IMAGE:
        yield entry.pdq, None
    for second, value, *_rest in entry.vpdq:
        yield str(value), float(second)


def bank_index(bank: Bank) -> _BankIndex:
    version = _version(bank)
    cached = _CACHE.get(bank.pk, version)
    if isinstance(cached, _BankIndex):
        return cached
    values: list[str] = []
    rows: list[tuple[int, float | None]] = []
    for entry in BankEntry.objects.filter(bank=bank, active=True).only("id", "pdq", "vpdq", "media_kind").iterator():
        for value, second in _entry_hashes(entry):
            values.append(value)
            rows.append((entry.pk, second))
    built = _BankIndex(PdqIndex.from_hex(values), rows)
    _CACHE.put(bank.pk, version, built)
    return built


def _version(bank: Bank) -> tuple[object, ...]:
    """What the cached index of `bank` must have been built from, read from the database.

    The revision alone is not enough: a transaction that added an entry and rolled back leaves the revision
    where it was, so the next real addition brings back the same number with other entries (on PostgreSQL
    the entry ids differ, as sequences do not roll back). The active entries' count, newest id and newest
    time tell those apart; the creation time tells apart a bank re-created under a reused id.
    """
    row = Bank.objects.filter(pk=bank.pk).values_list("revision", "created_at").get()
    active = BankEntry.objects.filter(bank_id=bank.pk, active=True)
    entries = active.aggregate(count=Count("id"), newest=Max("id"), latest=Max("added_at"))
    return (*row, entries["count"], entries["newest"], entries["latest"])


def match_fingerprint(fp: Fingerprint, banks: Sequence[Bank] | None = None) -> list[BankHit]:
    """Every bank entry `fp` matches, best first."""
    hits: list[BankHit] = []
    for bank in banks if banks is not None else Bank.objects.all():
        hits.extend(_match_bank(fp, bank))
    return sorted(hits, key=lambda h: (h.distance, h.bank, h.entry_id))


def _match_bank(fp: Fingerprint, bank: Bank) -> list[BankHit]:
    exact = {e.pk: e for e in BankEntry.objects.filter(bank=bank, active=True, sha256=fp.sha256)} if fp.sha256 else {}
    hits = {pk: _hit(bank, e, 0, "sha256") for pk, e in exact.items()}
    if fp.kind == "video" and fp.frames:
        hits.update({h.entry_id: h for h in _video_hits(fp.frames, bank) if h.entry_id not in hits})
    elif fp.pdq is not None:
        hits.update({h.entry_id: h for h in _picture_hits(fp.pdq, bank) if h.entry_id not in hits})
    return list(hits.values())


def _picture_hits(query: PdqHash, bank: Bank) -> list[BankHit]:
    idx = bank_index(bank)
    best: dict[int, tuple[int, float | None]] = {}
    for hit in idx.index.search(hex_matrix([query.hex]), bank.pdq_threshold):
        entry_id, second = idx.rows[hit.row]
        if entry_id not in best or hit.distance < best[entry_id][0]:
            best[entry_id] = (hit.distance, second)
    entries = BankEntry.objects.in_bulk(list(best))
    return [
        _hit(bank, entries[pk], d, "pdq" if s is None else "frame", timecode=s)
        for pk, (d, s) in best.items()
        if pk in entries
    ]


def _video_hits(frames: Sequence[FrameHash], bank: Bank) -> list[BankHit]:
    idx = bank_index(bank)
    queries = hex_matrix([f.pdq.hex for f in frames])
    candidates = {idx.rows[h.row][0] for h in idx.index.search(queries, bank.pdq_threshold)}
    hits: list[BankHit] = []
    for entry in BankEntry.objects.filter(pk__in=candidates):
        target = [FrameHash(int(r[0]), float(r[0]), 0, PdqHash(str(r[1]), int(r[2]))) for r in entry.vpdq]
        if not target:  # a banked picture: a frame of the query shows it
            target = [FrameHash(0, 0.0, 0, PdqHash(entry.pdq, entry.pdq_quality))]
        result = compare_videos(frames, target, bank.pdq_threshold)
        if entry.media_kind != BankEntry.MediaKind.VIDEO and result.query_percent > 0:
            hits.append(
                _hit(bank, entry, result.best_distance, "frame", timecode=_first_close(frames, entry.pdq, bank))
            )
        elif result.matches(bank.video_query_percent, bank.video_target_percent):
            pct = (result.query_percent, result.target_percent)
            hits.append(_hit(bank, entry, result.best_distance, "vpdq", percents=pct))
    return hits


def _first_close(frames: Sequence[FrameHash], value: str, bank: Bank) -> float | None:
    target = np.frombuffer(bytes.fromhex(value), dtype=np.uint8)
    for f in frames:
        xor = np.bitwise_xor(np.frombuffer(bytes.fromhex(f.pdq.hex), dtype=np.uint8), target)
        if int(np.unpackbits(xor).sum()) <= bank.pdq_threshold:
            return f.timecode
    return None


def _hit(
    bank: Bank,
    entry: BankEntry,
    distance: int,
    how: str,
    *,
    timecode: float | None = None,
    percents: tuple[float, float] | None = None,
) -> BankHit:
    return BankHit(
        bank=bank.name,
        bank_kind=bank.kind,
        entry_id=entry.pk,
        label=entry.label,
        distance=distance,
        how=how,
        timecode=timecode,
        query_percent=percents[0] if percents else None,
        target_percent=percents[1] if percents else None,
        account=entry.account,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        case_ref=entry.case_ref,
    )


def approval_status(hits: Sequence[BankHit], *, account: str, at: datetime) -> str:
    """ "own_account" (approved here and valid now), "expired", "other_account", or "" (no approval hit)."""
    approved = [h for h in hits if h.bank_kind == Bank.Kind.APPROVED]
    if not approved:
        return ""
    mine = [h for h in approved if account and h.account.casefold() == account.casefold()]
    if any(_valid(h, at) for h in mine):
        return "own_account"
    return "expired" if mine else "other_account"


def _valid(hit: BankHit, at: datetime) -> bool:
    return (hit.valid_from is None or hit.valid_from <= at) and (hit.valid_until is None or at <= hit.valid_until)
