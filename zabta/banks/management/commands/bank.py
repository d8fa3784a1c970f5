"""`zabta bank create|add|match|export|import|list`: hash banks from the command line (runs as the system)."""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zabta.banks import actions, exchange
from zabta.banks.matching import match_fingerprint
from zabta.banks.models import Bank
from zabta.banks.selectors import banks_visible_to, banks_with_counts, entries_of, get_bank_for_user
from zabta.screening.media.errors import MediaError
from zabta.screening.media.fingerprint import fingerprint_file
from zabta.screening.media.hashing import QUERY_VARIANTS

MAX_IMPORT_BYTES = 512 * 1024 * 1024


class Command(BaseCommand):
    help = "Hash banks: add media, match a file, list, and exchange banks with ThreatExchange/HMA tools."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="a new bank")
        create.add_argument("name")
        create.add_argument("--kind", required=True, choices=Bank.Kind.values)
        create.add_argument("--threshold", type=int, default=31, help="PDQ distance threshold (default 31)")
        add = sub.add_parser("add", help="fingerprint FILE and add it to BANK")
        add.add_argument("bank")
        add.add_argument("file", type=Path)
        add.add_argument("--label", default="")
        add.add_argument("--case-ref", default="")
        add.add_argument("--account", default="", help="platform:handle (approved bank)")
        add.add_argument("--valid-from", type=_when)
        add.add_argument("--valid-until", type=_when)
        match = sub.add_parser("match", help="look FILE up in every bank")
        match.add_argument("file", type=Path)
        match.add_argument("--bank", action="append", default=[])
        match.add_argument("--json", action="store_true")
        export = sub.add_parser("export", help="write BANK as an exchange CSV (stdout or --output)")
        export.add_argument("bank")
        export.add_argument("--output", type=Path)
        imp = sub.add_parser("import", help="add the signals of an exchange file to BANK")
        imp.add_argument("bank")
        imp.add_argument("file", type=Path)
        sub.add_parser("list", help="banks with their entry counts")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except (actions.BankError, exchange.ExchangeError, MediaError) as exc:
            raise CommandError(str(exc)) from exc
        except Bank.DoesNotExist as exc:
            raise CommandError("no such bank (see `zabta bank list`)") from exc

    def _create(self, o: dict[str, Any]) -> None:
        bank = actions.bank_create(name=o["name"], kind=o["kind"], pdq_threshold=o["threshold"], actor="cli")
        self.stdout.write(f"created bank {bank.name} ({bank.kind})")

    def _add(self, o: dict[str, Any]) -> None:
        bank = get_bank_for_user(None, o["bank"])
        fp = fingerprint_file(o["file"])
        entry = actions.bank_entry_add(bank=bank, fingerprint=fp, actor="cli", label=o["label"] or o["file"].name,
                                       account=o["account"], valid_from=o["valid_from"], valid_until=o["valid_until"],
                                       case_ref=o["case_ref"])  # fmt: skip
        seconds = f", {len(fp.frames)} seconds" if fp.frames else ""
        self.stdout.write(f"added {o['file'].name} to {bank.name} as entry {entry.pk} ({fp.kind}{seconds})")

    def _match(self, o: dict[str, Any]) -> None:
        banks = banks_visible_to(None)
        if o["bank"]:
            banks = banks.filter(name__in=o["bank"])
        hits = match_fingerprint(fingerprint_file(o["file"], variants=QUERY_VARIANTS), list(banks))
        if o["json"]:
            self.stdout.write(json.dumps({"file": o["file"].name, "matches": [h.to_dict() for h in hits]}, indent=2))
            return
        for h in hits:
            where = f" at {h.timecode:.1f} s" if h.timecode is not None else ""
            self.stdout.write(f"{h.bank}: entry {h.entry_id} {h.label!r} distance {h.distance} ({h.how}){where}")
        if not hits:
            self.stdout.write("no match")

    def _export(self, o: dict[str, Any]) -> None:
        rows = exchange.export_rows(entries_of(get_bank_for_user(None, o["bank"])).iterator())
        if o["output"] is None:
            for row in rows:
                sys.stdout.write(row)
            return
        with o["output"].open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(rows)

    def _import(self, o: dict[str, Any]) -> None:
        bank = get_bank_for_user(None, o["bank"])
        path: Path = o["file"]
        if not path.is_file() or path.stat().st_size > MAX_IMPORT_BYTES:
            raise CommandError(f"{path}: not a readable file under {MAX_IMPORT_BYTES} bytes")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path.name}: not UTF-8 text ({exc.reason})") from exc
        entries = actions.bank_entries_import(bank=bank, entries=exchange.read_entries(text), actor="cli")
        self.stdout.write(f"imported {len(entries)} entries into {bank.name}")

    def _list(self, o: dict[str, Any]) -> None:
        for bank in banks_with_counts(None):
            self.stdout.write(f"{bank.name}\t{bank.kind}\t{bank.active_entries} entries\tPDQ <= {bank.pdq_threshold}")


def _when(raw: str) -> datetime:
    value = datetime.fromisoformat(raw)
    if value.tzinfo is None:
        raise ValueError("give a time zone, e.g. 2026-01-01T00:00+05:00")
    return value
