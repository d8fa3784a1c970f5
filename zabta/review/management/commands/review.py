"""`zabta review export-decisions --out FILE`: reviewer decisions as JSONL training data for `zabta train`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from zabta.review.models import Finding
from zabta.review.removal import removed_bank_sync
from zabta.review.selectors import detector_precision
from zabta.review.training import write_jsonl


class Command(BaseCommand):
    help = "Export reviewer decisions as training data, or print each detector's precision from decisions."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export-decisions")
        export.add_argument("--out", type=Path, required=True)
        sub.add_parser("precision")
        sub.add_parser("sync-removed", help="bank the media of cases whose removal was ordered (re-uploads are found)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "sync-removed":
            self.stdout.write(
                f"{removed_bank_sync(actor='zabta review sync-removed')} file(s) added to the removed bank"
            )
            return
        if options["action"] == "export-decisions":
            with options["out"].open("w", encoding="utf-8") as out:
                count = write_jsonl(out)
            self.stdout.write(_("%(n)d decisions written to %(out)s") % {"n": count.written, "out": options["out"]})
            if count.without_text:
                self.stdout.write(_("%(n)d decision(s) without text left out") % {"n": count.without_text})
            return
        for row in detector_precision(Finding.objects.all()):
            value = "-" if row.precision is None else f"{row.precision:.3f}"
            self.stdout.write(
                f"{row.detector}\tconfirmed {row.confirmed}\tdismissed {row.dismissed}\tprecision {value}"
            )
