"""State changes of the hash banks, each audited in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zabta.audit.actions import record, snapshot
from zabta.banks.models import Bank, BankEntry
from zabta.screening.media.fingerprint import Fingerprint

BANK_FIELDS = ("name", "kind", "description", "pdq_threshold", "video_query_percent", "video_target_percent")
ENTRY_FIELDS = (
    "media_kind",
    "label",
    "sha256",
    "pdq",
    "duration_s",
    "account",
    "valid_from",
    "valid_until",
    "case_ref",
)


class BankError(ValueError):
    """A bank change that does not fit the bank or its entries."""


def bank_create(*, name: str, kind: str, actor: Any, description: str = "", pdq_threshold: int = 31) -> Bank:
    if kind not in Bank.Kind.values:
        raise BankError(_("unknown bank kind %(kind)s (removed, approved or reference)") % {"kind": kind})
    if not 0 <= pdq_threshold <= 128:
        raise BankError(_("a PDQ distance threshold lies between 0 and 128"))
    with transaction.atomic():
        bank = Bank(name=name, kind=kind, description=description, pdq_threshold=pdq_threshold)
        bank.full_clean()
        bank.save()
        record(actor=actor, action="banks.bank.created", obj=bank, after=snapshot(bank, BANK_FIELDS))
    return bank


def bank_entry_add(
    *,
    bank: Bank,
    fingerprint: Fingerprint,
    actor: Any,
    label: str = "",
    account: str = "",
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    case_ref: str = "",
    metadata: Mapping[str, Any] | None = None,
) -> BankEntry:
    """Bank one file's fingerprints; the same bytes twice in one bank are refused."""
    _check_entry(bank, account, valid_from, valid_until)
    entry = BankEntry(
        bank=bank,
        media_kind=fingerprint.kind,
        label=label[:200],
        sha256=fingerprint.sha256,
        pdq=fingerprint.pdq.hex if fingerprint.pdq else "",
        pdq_quality=fingerprint.pdq.quality if fingerprint.pdq else 0,
        vpdq=[[f.second, f.pdq.hex, f.pdq.quality, f.variant] for f in fingerprint.frames],
        duration_s=fingerprint.duration_s,
        account=account,
        valid_from=valid_from,
        valid_until=valid_until,
        case_ref=case_ref,
        metadata=dict(metadata or {}),
        added_by=str(getattr(actor, "username", actor) or "system")[:200],
    )
    return _save_entries(bank, [entry], actor=actor, action="banks.entry.added")[0]


def _check_entry(bank: Bank, account: str, valid_from: datetime | None, valid_until: datetime | None) -> None:
    if bank.kind == Bank.Kind.APPROVED and not account:
        raise BankError(_("media approved for publication must name the official account it is approved for"))
    if valid_from and valid_until and valid_until < valid_from:
        raise BankError(_("the approval ends before it begins"))


def _save_entries(bank: Bank, entries: Sequence[BankEntry], *, actor: Any, action: str) -> list[BankEntry]:
    try:
        with transaction.atomic():
            for entry in entries:
                entry.full_clean(exclude=["bank"], validate_unique=False)
                entry.save()
                record(
                    actor=actor, action=action, obj=entry, after={"bank": bank.name, **snapshot(entry, ENTRY_FIELDS)}
                )
            Bank.objects.filter(pk=bank.pk).update(revision=F("revision") + 1)
    except IntegrityError as exc:
        raise BankError(_("this file is already in bank %(bank)s") % {"bank": bank.name}) from exc
    bank.refresh_from_db(fields=["revision"])
    return list(entries)


def bank_entries_import(*, bank: Bank, entries: Sequence[BankEntry], actor: Any) -> list[BankEntry]:
    """Add entries read from an exchange file (see `zabta.banks.exchange`), all or nothing."""
    for entry in entries:
        entry.bank = bank
        _check_entry(bank, entry.account, entry.valid_from, entry.valid_until)
    return _save_entries(bank, entries, actor=actor, action="banks.entry.imported")


def bank_entry_remove(*, entry: BankEntry, actor: Any, reason: str) -> BankEntry:
    """Take an entry out of matching; the row stays so earlier matches can still be explained."""
    with transaction.atomic():
        changed = BankEntry.objects.filter(pk=entry.pk, active=True).update(active=False, removed_at=timezone.now())
        if changed != 1:
            raise BankError(_("entry %(id)s is already removed") % {"id": entry.pk})
        Bank.objects.filter(pk=entry.bank_id).update(revision=F("revision") + 1)
        record(actor=actor, action="banks.entry.removed", obj=entry, before={"active": True},
               after={"active": False}, reason=reason)  # fmt: skip
    entry.refresh_from_db()
    return entry
