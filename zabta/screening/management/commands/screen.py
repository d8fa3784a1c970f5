"""`zabta screen TEXT` (or `zabta screen FILE`, `--file FILE`): screen one post and print its findings readably.

A file whose first bytes are an image, video or audio signature (or whose name claims a media type) is
screened as media: `zabta.banks.screening.screen_media_file` in a child process with the decoding limits,
findings with timecodes and the list of checks that did not run. Any other file is read as UTF-8 text.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from zabta.screening.management.commands._common import highlight, rule_sets
from zabta.screening.pipeline import Pipeline
from zabta.screening.types import MAX_TEXT_CHARS, Content, ScreeningResult

MAX_FILE_BYTES = 1_000_000


class Command(BaseCommand):
    help = "Screen one text against the directives in force: clause, severity, why, highlighted words."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("text", nargs="?", help="the text to screen, or the path of an existing file")
        parser.add_argument("--file", type=Path, help="screen this file: UTF-8 text, or an image, video or audio")
        parser.add_argument("--account", default="", help="media only: platform:handle the file was posted on")
        parser.add_argument(
            "--account-kind", default="unknown", choices=["official", "personal", "unknown"], help="media only"
        )
        parser.add_argument("--directive", type=Path, help="use this directive document instead of the database")
        parser.add_argument("--json", action="store_true", help="print the full result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if (options["text"] is None) == (options["file"] is None):
            raise CommandError(_("give either TEXT or --file FILE"))
        path = options["file"] if options["file"] is not None else _existing_file(options["text"])
        if path is not None and _is_media(path):
            self._screen_media(path, options)
            return
        text = _read_text(None, path) if path is not None else _read_text(options["text"], None)
        result = Pipeline(rule_sets(options["directive"])).screen(Content(text=text, id="cli"))
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        self._print(text, result)

    def _screen_media(self, path: Path, options: dict[str, Any]) -> None:
        try:
            from zabta.banks.management.commands.screen_media import write_media_screening
            from zabta.banks.screening import screen_media_file
            from zabta.screening.media.config import MediaConfigError
            from zabta.screening.media.errors import MediaError
        except ImportError as exc:  # the media extras (PyAV, OpenCV, ...) are not installed
            raise CommandError(_("%(path)s is a media file, but media screening is not installed: %(err)s")
                               % {"path": path, "err": exc}) from exc  # fmt: skip
        try:
            result = screen_media_file(path, rule_sets=rule_sets(options["directive"]), account=options["account"],
                                       account_kind=options["account_kind"], isolated=True)  # fmt: skip
        except (MediaError, MediaConfigError) as exc:
            raise CommandError(_("%(path)s was not screened: %(err)s") % {"path": path, "err": exc}) from exc
        except DatabaseError as exc:
            raise CommandError(
                _("cannot read the hash banks from the database (%(err)s): run `zabta migrate`") % {"err": exc}
            ) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        write_media_screening(self, result)

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


def _existing_file(text: str) -> Path | None:
    """TEXT as a path when it names an existing file (`zabta screen clip.mp4`), else None: it is a text."""
    if "\n" in text or len(text) > 4096:
        return None
    try:
        candidate = Path(text)
        return candidate if candidate.is_file() else None
    except (OSError, ValueError):
        return None


def _is_media(path: Path) -> bool:
    from zabta.screening.media.sniff import claims_media  # only the media core's signature table, no decoders

    try:
        return claims_media(path)
    except OSError as exc:
        raise CommandError(_("cannot read %(path)s: %(err)s") % {"path": path, "err": exc.strerror}) from exc


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
