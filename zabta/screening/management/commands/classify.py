"""`zabta classify --jsonl IN [--out OUT]`: screen a JSONL stream of posts, one result line per input line.

Input lines are ``{"id": ..., "text": ...}``. Output lines carry the language, every label's score and
decision (``labels.identity_attack.targets`` maps target -> score) and the findings of the directives in
force. The stream is read and written batch by batch, so memory stays flat whatever the file size; a
malformed line gives an ``error`` line with its line number and the run goes on.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from zabta.screening.management.commands._common import rule_sets
from zabta.screening.pipeline import Pipeline
from zabta.screening.types import MAX_TEXT_CHARS, Content

MAX_LINE_CHARS = 4 * MAX_TEXT_CHARS


class Command(BaseCommand):
    help = "Screen posts from a JSONL file ({'id', 'text'} per line) and write one JSON result per line."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--jsonl", required=True, help="input file, or - for standard input")
        parser.add_argument("--out", help="output file (default: standard output)")
        parser.add_argument("--directive", type=Path, help="use this directive document instead of the database")
        parser.add_argument("--batch-size", type=int, default=256)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError(_("--batch-size must be at least 1"))
        pipeline = Pipeline(rule_sets(options["directive"]))
        with ExitStack() as stack:
            src = sys.stdin if options["jsonl"] == "-" else stack.enter_context(_open(options["jsonl"], "r"))
            dst = stack.enter_context(_open(options["out"], "w")) if options["out"] else self.stdout
            counts = self._run(pipeline, src, dst, options["batch_size"])
        self.stderr.write(_("%(ok)d screened, %(bad)d malformed lines") % {"ok": counts[0], "bad": counts[1]})

    def _run(self, pipeline: Pipeline, src: IO[str], dst: Any, batch_size: int) -> tuple[int, int]:
        ok = bad = 0
        bar = tqdm(unit=" posts", disable=not sys.stderr.isatty(), file=sys.stderr)
        batch: list[Content] = []
        for item in _items(src):
            if isinstance(item, dict):
                ok += _flush(pipeline, batch, dst, bar)  # keep output lines in input order
                dst.write(json.dumps(item, ensure_ascii=False) + "\n")
                bad += 1
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                ok += _flush(pipeline, batch, dst, bar)
        ok += _flush(pipeline, batch, dst, bar)
        bar.close()
        return ok, bad


def _flush(pipeline: Pipeline, batch: list[Content], dst: Any, bar: tqdm[Any]) -> int:
    for result in pipeline.screen_batch(batch):
        dst.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    n = len(batch)
    bar.update(n)
    batch.clear()
    return n


def _items(src: IO[str]) -> Iterator[Content | dict[str, Any]]:
    """Contents, or an error record (kept in place, with the line number) for a malformed line."""
    try:
        for n, line in enumerate(src, 1):
            if not line.strip():
                continue
            yield _parse(line, n)
    except UnicodeDecodeError as exc:
        raise CommandError(_("input is not valid UTF-8 (%(err)s)") % {"err": exc.reason}) from exc


def _parse(line: str, n: int) -> Content | dict[str, Any]:
    if len(line) > MAX_LINE_CHARS:
        return {"line": n, "error": _("line longer than %(n)d characters") % {"n": MAX_LINE_CHARS}}
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"line": n, "error": _("invalid JSON: %(msg)s") % {"msg": exc.msg}}
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        return {"line": n, "id": row.get("id") if isinstance(row, dict) else None, "error": _("needs a 'text' string")}
    ident = row.get("id", n)
    return Content(text=row["text"], id=str(ident))


def _open(path: str, mode: str) -> IO[str]:
    try:
        return open(path, mode, encoding="utf-8", newline="\n" if mode == "w" else None)
    except OSError as exc:
        raise CommandError(_("cannot open %(path)s: %(err)s") % {"path": path, "err": exc.strerror}) from exc
