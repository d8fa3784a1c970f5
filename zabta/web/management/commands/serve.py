"""`zabta serve`: the web server (waitress) with a background task worker beside it."""

import subprocess
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Serve the web application and run a task worker beside it until interrupted."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="do not start a task worker")

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from zabta.wsgi import application

        worker = None
        if not options["no_worker"]:
            # The worker is a separate process so a long task never blocks a web request.
            worker = subprocess.Popen([sys.executable, "-m", "zabta.cli", "worker"])
            self.stdout.write(_("task worker started (pid %(pid)d)") % {"pid": worker.pid})
        self.stdout.write(_("serving on %(url)s") % {"url": f"http://{options['host']}:{options['port']}/"})
        try:
            serve(application, host=options["host"], port=options["port"], threads=options["threads"])
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
