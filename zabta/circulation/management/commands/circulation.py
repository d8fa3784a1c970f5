"""`zabta circulation sweep`: queue (or run) the scheduled sweeps: circulation, overdue approvals, notifications.

Run it from cron or a systemd timer (e.g. every 15 minutes), or once with `--every SECONDS` as a small scheduler.
"""

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zabta.approvals.tasks import approvals_sweep
from zabta.circulation.tasks import circulation_sweep
from zabta.notifications.tasks import retry_notifications


class Command(BaseCommand):
    help = "Queue the scheduled sweeps: circulation (newcomers, reminders, escalations), overdue approvals, notification retries."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument("--inline", action="store_true", help="run here instead of queueing for a worker")
        parser.add_argument("--every", type=int, default=0, metavar="SECONDS", help="repeat until interrupted")

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        if every < 0 or 0 < every < 10:
            raise CommandError("--every must be at least 10 seconds")
        while True:
            self._sweep(inline=options["inline"])
            if not every:
                return
            time.sleep(every)

    def _sweep(self, *, inline: bool) -> None:
        if inline:
            self.stdout.write(f"circulation: {circulation_sweep.call()}; approvals: {approvals_sweep.call()}; "
                              f"notifications: {retry_notifications.call()}")  # fmt: skip
            return
        circulation_sweep.enqueue()
        approvals_sweep.enqueue()
        retry_notifications.enqueue()
        self.stdout.write("queued the circulation and approval sweeps and notification retries")
