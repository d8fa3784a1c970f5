"""`zabta screen-media FILE`: screen an image, video or audio file; findings with timecodes, or --json."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zabta.banks.screening import MediaScreening, screen_media_file
from zabta.screening.management.commands._common import rule_sets
from zabta.screening.media.config import MediaConfigError
from zabta.screening.media.errors import MediaError


class Command(BaseCommand):
    help = "Screen a media file against the directives in force and the hash banks."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--account", default="", help="platform:handle the file was posted on")
        parser.add_argument("--account-kind", default="unknown", choices=["official", "personal", "unknown"])
        parser.add_argument("--directive", type=Path, help="use this directive document instead of the database")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = screen_media_file(options["file"], rule_sets=rule_sets(options["directive"]),
                                       account=options["account"], account_kind=options["account_kind"],
                                       isolated=True)  # fmt: skip
        except (MediaError, MediaConfigError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        self._print(result)

    def _print(self, result: MediaScreening) -> None:
        write_media_screening(self, result)


def write_media_screening(cmd: BaseCommand, result: MediaScreening) -> None:
    """The readable report of one media screening: what ran and what did not, signals, findings with times."""
    report = result.report
    cmd.stdout.write(f"{report.name}: {report.kind}, {report.duration_s:.1f} s, {report.keyframes} keyframes")
    for name, check in report.checks.items():
        state = _("ran") if check.ran else _("NOT RUN")
        cmd.stdout.write(f"  {name:<18} {state}: {check.detail}")
    for sig in result.signals:
        mark = "x" if sig.decision else " "
        cmd.stdout.write(f"  [{mark}] {sig.label:<18} {sig.score:.2f}  {_where(sig.evidence)}")
    for note in result.notes:
        cmd.stdout.write(cmd.style.WARNING(_("Note: %(note)s") % {"note": note}))
    if not result.findings:
        cmd.stdout.write(cmd.style.SUCCESS(_("No findings (see the checks above for what was not analysed).")))
    for f in result.findings:
        cmd.stdout.write(cmd.style.WARNING(f"{f.clause_key} [{f.severity}] {f.score:.2f} ({f.rule_id})"))
        cmd.stdout.write(f"  {f.rationale}  {_where(f.evidence)}")


def _where(evidence: Any) -> str:
    parts = []
    for e in list(evidence)[:5]:
        at = f"@{e.timecode:.1f}s" if e.timecode is not None else (f"#frame{e.frame}" if e.frame is not None else "")
        parts.append(f"{e.text!r}{at}")
    return ", ".join(parts)
