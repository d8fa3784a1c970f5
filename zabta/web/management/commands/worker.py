"""`zabta worker`: run a background task worker for the configured tasks backend (database or Redis)."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

# django-tasks-rq's jobs must be run by its own job class, or every job fails (see ../shared/STACK-NOTES.md).
RQ_JOB_CLASS = "django_tasks_rq.Job"


class Command(BaseCommand):
    help = "Run a worker that executes background tasks from the configured queue (database by default, or Redis)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch", action="store_true", help="process the tasks waiting now, then exit")
        parser.add_argument("--queue", default="default", help="queue to work on (default: default)")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.TASKS_BACKEND == "redis":
            self.stdout.write(_("task worker on the Redis queue %(queue)r") % {"queue": options["queue"]})
            call_command("rqworker", options["queue"], job_class=RQ_JOB_CLASS, burst=options["batch"])
        else:
            self.stdout.write(_("task worker on the database queue %(queue)r") % {"queue": options["queue"]})
            call_command("db_worker", queue_name=options["queue"], batch=options["batch"])
