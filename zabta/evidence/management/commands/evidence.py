"""`zabta evidence export ITEM --out PATH`, `zabta evidence verify PATH`, `zabta evidence purge`,
`zabta evidence storage` (where evidence is kept, and whether that storage answers)."""

from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zabta.content.models import ContentItem
from zabta.evidence import store
from zabta.evidence.bundle import evidence_export, verify_bundle
from zabta.evidence.config import describe
from zabta.evidence.retention import purge_expired, retention_days


class Command(BaseCommand):
    help = "Export an evidence bundle, verify one (exit 0 only when intact), or purge expired evidence."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser(
            "export", help="write a ZIP bundle for an item (N or item:N) or a case (case:REFERENCE)"
        )
        export.add_argument("subject")
        export.add_argument("--out", type=Path, required=True)
        verify = sub.add_parser("verify", help="check a bundle; names every changed, missing or extra file")
        verify.add_argument("path", type=Path)
        sub.add_parser("purge", help="purge evidence of findings dismissed longer ago than the retention period")
        sub.add_parser("storage", help="say where evidence is kept and check that the storage answers")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _export(self, options: dict[str, Any]) -> None:
        subject = str(options["subject"])
        items, label = self._case_items(subject) if subject.startswith("case:") else self._item(subject)
        result = evidence_export(items=items, subject=label, actor="zabta evidence export", out=options["out"])
        self.stdout.write(f"{result.path} ({result.files} files, manifest {result.manifest_sha256})")

    def _item(self, subject: str) -> tuple[list[ContentItem], str]:
        raw = subject.removeprefix("item:")
        item = ContentItem.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
        if item is None:
            raise CommandError(f"no item {subject} (give N, item:N or case:REFERENCE)")
        return [item], f"item {item.pk}"

    def _case_items(self, subject: str) -> tuple[list[ContentItem], str]:
        """The items behind a case (the case records the item it was opened from, and merged cases theirs)."""
        if not apps.is_installed("zabta.cases"):
            raise CommandError("cases are not installed: export an item instead")
        case_model = apps.get_model("cases", "Case")
        reference = subject.removeprefix("case:")
        case = case_model.objects.filter(reference=reference).first()
        if case is None:
            raise CommandError(f"no case {reference}")
        cases = [case, *case_model.objects.filter(merged_into=case)]
        ids = [c.evidence.get("item") for c in cases if isinstance(c.evidence, dict)]
        items = list(ContentItem.objects.filter(pk__in=[i for i in ids if isinstance(i, int)]).order_by("pk"))
        if not items:
            raise CommandError(f"case {reference} has no captured items")
        return items, f"case {reference}"

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

    def _storage(self, options: dict[str, Any]) -> None:
        where = describe(settings.STORAGES.get("evidence"), settings.DATA_DIR / "evidence")
        try:
            store.check_reachable()
        except Exception as exc:  # boto3, OS and configuration errors all mean "not usable"
            raise CommandError(f"evidence storage: {where}: not reachable ({exc.__class__.__name__}: {exc})") from exc
        self.stdout.write(f"evidence storage: {where}: reachable")
