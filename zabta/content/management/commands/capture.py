"""`zabta capture URL`: fetch one item and its media as evidence; a refused URL exits non-zero with the reason."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zabta.content.actions import IntakeError, ItemInput
from zabta.content.capture import capture_url
from zabta.content.fetch import FetchRefused


class Command(BaseCommand):
    help = "Capture one item from a public URL (page and media) as evidence and queue it for screening."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url")
        parser.add_argument("--author", default="", help="personnel id of the officer behind the account")
        parser.add_argument("--reason", default="", help="why that officer is linked")
        parser.add_argument("--account", default="", help="the account's handle")

    def handle(self, *args: Any, **options: Any) -> None:
        base = ItemInput(author_personnel_id=options["author"], author_link_reason=options["reason"],
                         account_handle=options["account"])  # fmt: skip
        try:
            result = capture_url(url=options["url"], actor="zabta capture", base=base)
        except (FetchRefused, IntakeError) as exc:
            raise CommandError(f"refused: {exc}") from exc
        self.stderr.write(f"captured {result.item.media.count()} file(s); {'new' if result.created else 'updated'}")
        self.stdout.write(str(result.item.pk))
