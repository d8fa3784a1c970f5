"""`zabta demo [--personnel N]`: the Karachi Range units, synthetic personnel and one login user per role."""

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zabta.org.demo import build_structure, load_personnel
from zabta.org.demo_users import DEMO_PASSWORD, create_users, officer_rows
from zabta.org.models import Personnel


class Command(BaseCommand):
    help = "Load demo data (idempotent: a second run adds nothing, a larger N tops up) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--personnel", type=int, default=3000, help="officers in all (default 3000)")
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="where the server will listen")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        units = build_structure()
        report = load_personnel(count=max(options["personnel"], 0), units=units, extra=officer_rows(units),
                                progress=sys.stderr.isatty())  # fmt: skip
        users = create_users(units)
        seconds = time.perf_counter() - started
        self.stdout.write(_("Demo data: %(units)d units; officers added %(n)d in %(s).1f s.")
                          % {"units": len(units), "n": report.created, "s": seconds})  # fmt: skip
        self.stdout.write(
            _("Log in at %(url)s with password %(pw)s as:") % {"url": options["url"], "pw": DEMO_PASSWORD}
        )
        for spec, user in users:
            officer = f" — {_officer_label(user.personnel)}" if user.personnel is not None else ""
            self.stdout.write(f"  {spec.username:<12} {spec.label}{officer}")


def _officer_label(officer: Personnel) -> str:
    """Rank and name in the reader's language (Urdu where the registry has it), then the personnel id."""
    if (get_language() or "").startswith("ur") and officer.name_ur:
        return f"{officer.rank.name_ur or officer.rank.name} {officer.name_ur} ({officer.personnel_id})"
    return str(officer)
