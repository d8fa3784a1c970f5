"""Exchange files: export and re-import round trip; hostile or broken files are refused by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zabta.banks import actions, exchange
from zabta.banks.matching import match_fingerprint
from zabta.banks.models import Bank, BankEntry
from zabta.screening.media.fingerprint import fingerprint_file

pytestmark = pytest.mark.django_db
HEX = "f" * 32 + "0" * 32


def test_export_then_import_into_another_bank_still_matches(video: Path, picture: Path, resized: Path) -> None:
    removed = Bank.objects.get(name="removed")
    actions.bank_entry_add(bank=removed, fingerprint=fingerprint_file(video), actor="t", case_ref="C-9", label="clip")
    actions.bank_entry_add(bank=removed, fingerprint=fingerprint_file(picture), actor="t")
    text = "".join(exchange.export_rows(BankEntry.objects.filter(bank=removed).order_by("pk")))
    header, first, second = text.splitlines()
    assert header.startswith("signal_type,signal_value,")
    assert first.startswith("vpdq,") and second.startswith("pdq,")
    partner = actions.bank_create(name="partner", kind="removed", actor="t")
    imported = actions.bank_entries_import(bank=partner, entries=exchange.read_entries(text), actor="t")
    assert [e.case_ref for e in imported] == ["C-9", ""]
    # Exported vPDQ carries whole-frame hashes only, so the partner matches re-encoded, resized copies.
    hits = match_fingerprint(fingerprint_file(resized), [partner])
    assert [(h.bank, h.how, h.label) for h in hits] == [("partner", "vpdq", "clip")]


def test_vpdq_value_is_the_threatexchange_feature_list(video: Path) -> None:
    entry = actions.bank_entry_add(
        bank=Bank.objects.get(name="removed"), fingerprint=fingerprint_file(video), actor="t"
    )
    row = "".join(exchange.export_rows([entry])).splitlines()[1]
    value = next(iter(__import__("csv").reader([row])))[1]
    features = json.loads(value)
    assert set(features[0]) == {"hash", "quality", "timestamp"} and len(features) == 8


def test_plain_hash_list_is_read() -> None:
    entries = exchange.read_entries(f"# from a partner\n{HEX}\npdq {HEX.upper()}\n")
    assert [(e.media_kind, e.pdq) for e in entries] == [("image", HEX), ("image", HEX)]


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty"),
        ("pdq abc\n", "line 1: not a 256-bit hash"),
        (f"{HEX}\nmd5 {HEX}\n", "line 2: unknown signal type"),
        ("<script>alert(1)</script>\n", "line 1: not a 256-bit hash"),
        (f"signal_type,signal_value,valid_from\npdq,{HEX},2026-01-01\n", "line 2: date '2026-01-01' has no time zone"),
        ("signal_type,signal_value\nvpdq,[]\n", "line 2: vpdq value must be a non-empty"),
        ("signal_type,signal_value\nvpdq,{not json\n", "line 2"),
        (
            'signal_type,signal_value\nvpdq,"[{""hash"": ""00"", ""quality"": 5, ""timestamp"": 0}]"\n',
            "line 2: not a 256",
        ),
    ],
)
def test_broken_exchange_files_are_refused_naming_the_line(text: str, message: str) -> None:
    with pytest.raises(exchange.ExchangeError, match=message):
        exchange.read_entries(text)


def test_import_is_all_or_nothing() -> None:
    bank = Bank.objects.get(name="removed")
    with pytest.raises(exchange.ExchangeError):
        actions.bank_entries_import(bank=bank, entries=exchange.read_entries(f"{HEX}\nbad\n"), actor="t")
    assert not BankEntry.objects.exists()
