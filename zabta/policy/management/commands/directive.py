"""`zabta directive load FILE` adds a directive or a new version; `zabta directive list` shows them."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from zabta.policy.actions import directive_load
from zabta.policy.documents import DirectiveDataError
from zabta.policy.selectors import all_directive_versions


class Command(BaseCommand):
    help = "Load a directive document (JSON) or list the loaded directive versions."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("load", help="load a directive JSON file")
        load.add_argument("file", type=Path)
        sub.add_parser("list", help="list directive versions and their clauses")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "list":
            self._list()
            return
        try:
            version = directive_load(path=options["file"], actor="command-line")
        except DirectiveDataError as exc:
            raise CommandError(str(exc)) from exc
        count = version.clauses.count()
        message = ngettext("loaded %(version)s with %(n)d clause", "loaded %(version)s with %(n)d clauses", count)
        self.stdout.write(self.style.SUCCESS(message % {"version": version, "n": count}))

    def _list(self) -> None:
        urdu = (get_language() or "").startswith("ur")
        for version in all_directive_versions():
            until = version.effective_to.isoformat() if version.effective_to else _("in force")
            self.stdout.write(
                _("%(version)s %(ref)s from %(start)s (%(until)s)")
                % {"version": version, "ref": version.reference_number,
                   "start": version.effective_from.isoformat(), "until": until}
            )  # fmt: skip
            for clause in version.clauses.all():
                text = clause.text_ur if urdu and clause.text_ur else clause.text
                line = _("%(key)s [%(kind)s, %(severity)s] %(text)s") % {
                    "key": clause.key, "kind": clause.get_kind_display(),
                    "severity": clause.get_default_severity_display(), "text": text[:80],
                }  # fmt: skip
                self.stdout.write(f"  {line}")
