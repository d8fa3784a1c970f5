"""`zabta import-personnel FILE`: import an HR personnel file (CSV or XLSX) from the command line."""

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zabta.org.import_files import MAX_BYTES, limit
from zabta.org.importing import ImportReport, import_personnel


class Command(BaseCommand):
    help = "Import personnel from an HR file (CSV UTF-8 or XLSX); see docs/import-format.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV or XLSX file")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--effective", type=date.fromisoformat, default=None,
                            help="date (YYYY-MM-DD) of transfers without posting_from; default today")  # fmt: skip
        parser.add_argument("--actor", default="hr-import", help="name recorded in the audit log")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        report = import_personnel(data=_read(path), filename=path.name, actor=options["actor"],
                                  effective=options["effective"], dry_run=options["dry_run"],
                                  progress=sys.stderr.isatty())  # fmt: skip
        self._print(report)
        if report.fatal:
            raise CommandError(report.summary())

    def _print(self, report: ImportReport) -> None:
        for issue in report.rejected:
            self.stdout.write(_("line %(line)d (%(pid)s): %(msg)s")
                              % {"line": issue.line, "pid": issue.personnel_id or "-", "msg": issue.message})  # fmt: skip
        if report.ignored_columns:
            self.stdout.write(_("ignored columns: %(c)s") % {"c": ", ".join(report.ignored_columns)})
        if report.fatal:
            return
        prefix = _("DRY RUN, nothing written: ") if report.dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + report.summary()))


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > limit("ZABTA_IMPORT_MAX_BYTES", MAX_BYTES):
            raise CommandError(_("File refused, nothing imported: the file is larger than the limit"))
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(_("File refused, nothing imported: cannot read %(p)s (%(e)s)")
                           % {"p": path, "e": exc.strerror}) from exc  # fmt: skip
