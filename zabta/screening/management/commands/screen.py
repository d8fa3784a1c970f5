"""`zabta screen TEXT` (or `--file FILE`): screen one post and print its findings readably."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zabta.screening.management.commands._common import highlight, rule_sets
from zabta.screening.pipeline import Pipeline
from zabta.screening.types import MAX_TEXT_CHARS, Content, ScreeningResult

MAX_FILE_BYTES = 1_000_000


class Command(BaseCommand):
    help = "Screen one text against the directives in force: clause, severity, why, highlighted words."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("text", nargs="?", help="the text to screen")
        parser.add_argument("--file", type=Path, help="read the text from a UTF-8 file instead")
        parser.add_argument("--directive", type=Path, help="use this directive document instead of the database")
        parser.add_argument("--json", action="store_true", help="print the full result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        text = _read_text(options["text"], options["file"])
        result = Pipeline(rule_sets(options["directive"])).screen(Content(text=text, id="cli"))
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        self._print(text, result)

    def _print(self, text: str, result: ScreeningResult) -> None:
        self.stdout.write(_("Language: %(lang)s") % {"lang": result.language})
        models = ", ".join(result.models) or _("none for this language: lexicons only")
        self.stdout.write(_("Models: %(models)s") % {"models": models})
        for sig in result.signals:
            mark = "x" if sig.decision else " "
            words = ", ".join(e.text for e in sig.evidence)
            notes = f"  ({'; '.join(sig.notes)})" if sig.notes else ""
            self.stdout.write(f"  [{mark}] {sig.label:<16} {sig.score:.2f} (>= {sig.threshold:.2f})  {words}{notes}")
        if not result.findings:
            self.stdout.write(self.style.SUCCESS(_("No findings.")))
            return
        for f in result.findings:
            self.stdout.write(
                self.style.WARNING(f"{f.clause_key} [{f.severity}] {f.score:.2f} ({f.directive}, {f.rule_id})")
            )
            self.stdout.write("  " + _("Why: %(rationale)s") % {"rationale": f.rationale})
            self.stdout.write(f"  {highlight(text, f.evidence)}")


def _read_text(text: str | None, path: Path | None) -> str:
    if (text is None) == (path is None):
        raise CommandError(_("give either TEXT or --file FILE"))
    if path is None:
        return str(text)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise CommandError(_("%(path)s is larger than 1 MB: not a post") % {"path": path})
        return raw.decode("utf-8")[:MAX_TEXT_CHARS]
    except OSError as exc:
        raise CommandError(_("cannot read %(path)s: %(err)s") % {"path": path, "err": exc.strerror}) from exc
    except UnicodeDecodeError as exc:
        raise CommandError(_("%(path)s is not valid UTF-8 text") % {"path": path}) from exc
