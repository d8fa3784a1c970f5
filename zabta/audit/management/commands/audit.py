"""`zabta audit verify [--background]`: check the hash chain; `zabta audit tail`: show the latest events."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zabta.audit.models import AuditEvent
from zabta.audit.selectors import verify_audit_chain
from zabta.audit.tasks import verify_audit_chain_task


class Command(BaseCommand):
    help = "Verify the audit log's hash chain (verify) or show the latest events (tail)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="recompute every hash; name the first broken link")
        verify.add_argument(
            "--background", action="store_true", help="enqueue the check for a task worker and print the task id"
        )
        tail = sub.add_parser("tail", help="print the latest events")
        tail.add_argument("-n", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "tail":
            for event in reversed(AuditEvent.objects.order_by("-seq")[: options["n"]]):
                self.stdout.write(f"#{event.seq} {event.occurred_at:%Y-%m-%d %H:%M:%S%z} {event.actor_label} {event}")
            return
        if options["background"]:
            queued = verify_audit_chain_task.enqueue()
            self.stdout.write(queued.id)
            return
        result = verify_audit_chain()
        if result.first_break is None:
            message = _("audit chain intact: %(n)d events verified") % {"n": result.checked}
            self.stdout.write(self.style.SUCCESS(message))
            return
        brk = result.first_break
        raise CommandError(
            _("audit chain broken at event #%(seq)d: %(problem)s (%(n)d events before it verified)")
            % {"seq": brk.seq, "problem": brk.problem, "n": result.checked}
        )
