"""`zabta enforcement sweep [--repeat]`: run the deadline sweeps now, or start their self-repeating task."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zabta.cases.escalation import sweep_overdue_notices, sweep_unacted_escalations, sweep_waiting_clocks
from zabta.cases.tasks import sweep_deadlines


class Command(BaseCommand):
    help = "Escalate overdue removal notices and pass unacted escalations up; or queue the repeating sweep."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["sweep"])
        parser.add_argument("--repeat", action="store_true", help="queue the sweep task, which re-queues itself")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["repeat"]:
            sweep_deadlines.enqueue(True)
            self.stdout.write("queued the repeating deadline sweep (every 15 minutes) for the task worker")
            return
        clocks = sweep_waiting_clocks()
        overdue = sweep_overdue_notices()
        lapsed = sweep_unacted_escalations()
        self.stdout.write(
            f"started {clocks.acted} waiting clock(s); escalated {overdue.acted} of {overdue.examined} overdue case(s); "
            f"passed up {lapsed.acted} of {lapsed.examined} unacted escalation(s)"
        )
