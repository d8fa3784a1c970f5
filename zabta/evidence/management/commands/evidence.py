"""`zabta evidence export ITEM --out PATH`, `zabta evidence verify PATH`, `zabta evidence purge`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zabta.content.models import ContentItem
from zabta.evidence.bundle import evidence_export, verify_bundle
from zabta.evidence.retention import purge_expired, retention_days


class Command(BaseCommand):
    help = "Export an evidence bundle, verify one (exit 0 only when intact), or purge expired evidence."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write a ZIP bundle for an item (item:N or N)")
        export.add_argument("subject")
        export.add_argument("--out", type=Path, required=True)
        verify = sub.add_parser("verify", help="check a bundle; names every changed, missing or extra file")
        verify.add_argument("path", type=Path)
        sub.add_parser("purge", help="purge evidence of findings dismissed longer ago than the retention period")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _export(self, options: dict[str, Any]) -> None:
        raw = str(options["subject"]).removeprefix("item:")
        if not raw.isdigit():
            raise CommandError("give an item as N or item:N")
        item = ContentItem.objects.filter(pk=int(raw)).first()
        if item is None:
            raise CommandError(f"no item {raw}")
        result = evidence_export(items=[item], subject=f"item {item.pk}", actor="zabta evidence export",
                                 out=options["out"])  # fmt: skip
        self.stdout.write(f"{result.path} ({result.files} files, manifest {result.manifest_sha256})")

    def _verify(self, options: dict[str, Any]) -> None:
        problems = verify_bundle(options["path"])
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{options['path']}: NOT intact ({len(problems)} problem(s))")
        self.stdout.write(f"{options['path']}: intact")

    def _purge(self, options: dict[str, Any]) -> None:
        count = purge_expired(actor="zabta evidence purge")
        self.stdout.write(f"purged {count} file(s) older than {retention_days()} days after dismissal")
