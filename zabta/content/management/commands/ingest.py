"""`zabta ingest FILE...`: bulk CSV/JSON/JSONL posts or media files; item ids on stdout, the report on stderr."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zabta.content.actions import IntakeError, item_ingest
from zabta.content.bulk import BulkFileError, RowOutcome, ingest_rows, is_media, media_input, read_rows
from zabta.content.models import Channel


class Command(BaseCommand):
    help = "Take in posts from CSV/JSON/JSONL files or media files; prints each item's id on standard output."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--author", default="", help="personnel id of the officer behind media files")
        parser.add_argument("--reason", default="", help="why that officer is linked")
        parser.add_argument("--no-screen", action="store_true", help="do not queue screening")

    def handle(self, *args: Any, **options: Any) -> None:
        failed = 0
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            try:
                outcomes = list(self._one(path, options))
            except BulkFileError as exc:
                raise CommandError(f"{path}: {exc}") from exc
            for outcome in outcomes:
                self.stderr.write(f"{path.name}: {outcome.line()}")
                if outcome.item_id is not None:
                    self.stdout.write(str(outcome.item_id))
            failed += sum(1 for o in outcomes if o.error)
        if failed:
            raise CommandError(f"{failed} row(s) could not be taken in (see above)")

    def _one(self, path: Path, options: dict[str, Any]) -> list[RowOutcome]:
        screen = not options["no_screen"]
        if not is_media(path):
            return list(ingest_rows(read_rows(path), actor="zabta ingest", screen=screen))
        try:
            base = media_input(path)
            data = base.__class__(media=base.media, author_personnel_id=options["author"],
                                  author_link_reason=options["reason"])  # fmt: skip
            result = item_ingest(data=data, actor="zabta ingest", channel=Channel.BULK, screen=screen)
        except IntakeError as exc:
            return [RowOutcome(1, None, False, str(exc))]
        return [RowOutcome(1, result.item.pk, result.created)]
