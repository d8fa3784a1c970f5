"""`zabta worker`: run a background task worker for the configured tasks backend (database by default)."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = "Run a worker that executes background tasks from the database queue."
