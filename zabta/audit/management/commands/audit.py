"""`zabta audit verify`: check the hash chain; `zabta audit tail`: show the latest events."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zabta.audit.models import AuditEvent
from zabta.audit.selectors import verify_audit_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain (verify) or show the latest events (tail)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="recompute every hash; name the first broken link")
        tail = sub.add_parser("tail", help="print the latest events")
        tail.add_argument("-n", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "tail":
            for event in reversed(AuditEvent.objects.order_by("-seq")[: options["n"]]):
                self.stdout.write(f"#{event.seq} {event.occurred_at:%Y-%m-%d %H:%M:%S%z} {event.actor_label} {event}")
            return
        result = verify_audit_chain()
        if result.first_break is None:
            self.stdout.write(self.style.SUCCESS(f"audit chain intact: {result.checked} events verified"))
            return
        brk = result.first_break
        raise CommandError(
            f"audit chain broken at event #{brk.seq}: {brk.problem} ({result.checked} events before it verified)"
        )
