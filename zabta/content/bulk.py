"""Bulk intake files (CSV, JSON list, JSON Lines) read row by row into item inputs, with a per-row report."""

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from zabta.content.actions import IntakeError, ItemInput, MediaInput, ingest_batch
from zabta.content.models import Channel
from zabta.evidence.actions import Provenance

MAX_ROWS = 1_000_000
CHUNK = 500  # rows per transaction and per screening task
MAX_FIELD = 100_000
MEDIA_SUFFIXES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
                  ".gif": "image/gif", ".mp4": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime",
                  ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".wav": "audio/wav"}  # fmt: skip
MAX_MEDIA_BYTES = 200 * 1024 * 1024
FIELDS = {"url", "platform", "account", "author", "author_reason", "kind", "original_url", "posted_at", "text",
          "views", "likes", "followers"}  # fmt: skip


class BulkFileError(ValueError):
    """The file as a whole cannot be read (not a row problem)."""


@dataclass(frozen=True)
class RowOutcome:
    row: int
    item_id: int | None
    created: bool
    error: str = ""

    def line(self) -> str:
        if self.error:
            return _("row %(row)d: error: %(error)s") % {"row": self.row, "error": self.error}
        state = _("created") if self.created else _("updated (already known)")
        return _("row %(row)d: item %(id)s %(state)s") % {"row": self.row, "id": self.item_id, "state": state}


def _int(value: Any, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value).replace(",", "").strip())
    except ValueError as exc:
        raise IntakeError(_("%(name)s is not a whole number: %(v)s") % {"name": name, "v": str(value)[:30]}) from exc


def _when(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = parse_datetime(str(value).strip())
    except ValueError:  # well formed but impossible, e.g. month 13
        parsed = None
    if parsed is None:
        raise IntakeError(_("posted_at is not an ISO date and time: %(v)s") % {"v": str(value)[:40]})
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def row_to_input(raw: Mapping[str, Any]) -> ItemInput:
    if not isinstance(raw, Mapping):
        raise IntakeError(_("a row must be an object with named fields"))
    row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
    unknown = set(row) - FIELDS
    if unknown:
        raise IntakeError(_("unknown columns: %(c)s") % {"c": ", ".join(sorted(unknown))[:200]})
    text = {k: "" if v is None else str(v) for k, v in row.items() if k not in ("views", "likes", "followers")}
    if any(len(v) > MAX_FIELD for v in text.values()):
        raise IntakeError(_("a field is longer than %(n)d characters") % {"n": MAX_FIELD})
    return ItemInput(
        url=text.get("url", "").strip(), platform=text.get("platform", "").strip().lower(),
        account_handle=text.get("account", "").strip(), author_personnel_id=text.get("author", "").strip(),
        author_link_reason=text.get("author_reason", ""), kind=text.get("kind", "").strip() or "post",
        original_url=text.get("original_url", "").strip(), posted_at=_when(row.get("posted_at")),
        text=text.get("text", ""), views=_int(row.get("views"), "views"), likes=_int(row.get("likes"), "likes"),
        followers=_int(row.get("followers"), "followers"),
    )  # fmt: skip


def read_rows(path: Path) -> Iterator[tuple[int, Any]]:
    """(row number, raw row) for CSV, JSON (a list) or JSONL; refuses binary and undecodable files."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                yield from enumerate(csv.DictReader(handle), start=2)
        elif suffix == ".jsonl":
            with path.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if line.strip():
                        yield number, _json_line(line)
        elif suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, list):
                raise BulkFileError(_("a JSON file must hold a list of posts"))
            yield from enumerate(data, start=1)
        else:
            raise BulkFileError(_("unsupported file type %(s)s (CSV, JSON, JSONL or media)") % {"s": suffix or "-"})
    except UnicodeDecodeError as exc:
        raise BulkFileError(_("%(f)s is not UTF-8 text") % {"f": path.name}) from exc
    except json.JSONDecodeError as exc:
        raise BulkFileError(_("%(f)s is not valid JSON: %(e)s") % {"f": path.name, "e": exc.msg}) from exc
    except csv.Error as exc:
        raise BulkFileError(_("%(f)s is not a readable CSV file: %(e)s") % {"f": path.name, "e": exc}) from exc


def _json_line(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        return IntakeError(_("not valid JSON: %(e)s") % {"e": exc.msg})


def ingest_rows(rows: Iterator[tuple[int, Any]], *, actor: Any, screen: bool = True) -> Iterator[RowOutcome]:
    """Rows in chunks of CHUNK, each chunk in one transaction with one screening task: a bad row is reported with
    its number and the other rows go in."""
    csv.field_size_limit(MAX_FIELD + 1)
    chunk: list[tuple[int, Any]] = []
    for count, (number, raw) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            yield from _ingest_chunk(chunk, actor, screen)
            yield RowOutcome(number, None, False, _("more than %(n)d rows; the rest were not read") % {"n": MAX_ROWS})
            return
        chunk.append((number, raw))
        if len(chunk) >= CHUNK:
            yield from _ingest_chunk(chunk, actor, screen)
            chunk = []
    yield from _ingest_chunk(chunk, actor, screen)


def _ingest_chunk(chunk: list[tuple[int, Any]], actor: Any, screen: bool) -> list[RowOutcome]:
    outcomes: dict[int, RowOutcome] = {}
    inputs: list[tuple[int, ItemInput]] = []
    for pos, (number, raw) in enumerate(chunk):
        try:
            if isinstance(raw, IntakeError):
                raise raw
            inputs.append((pos, row_to_input(raw)))
        except IntakeError as exc:
            outcomes[pos] = RowOutcome(number, None, False, str(exc))
    for pos, result in ingest_batch(rows=inputs, actor=actor, channel=Channel.BULK, screen=screen):
        number = chunk[pos][0]
        if isinstance(result, IntakeError):
            outcomes[pos] = RowOutcome(number, None, False, str(result))
        else:
            outcomes[pos] = RowOutcome(number, result.item.pk, result.created)
    return [outcomes[pos] for pos in range(len(chunk))]


def media_input(path: Path) -> ItemInput:
    """A media file given alone becomes an item of its own (a screenshot, a downloaded video)."""
    size = path.stat().st_size
    if size > MAX_MEDIA_BYTES:
        raise IntakeError(_("%(f)s is larger than %(n)d MB") % {"f": path.name, "n": MAX_MEDIA_BYTES >> 20})
    prov = Provenance(tool="zabta ingest", note=f"file {path.name}")
    media = MediaInput(data=path.read_bytes(), name=path.name, content_type=MEDIA_SUFFIXES[path.suffix.lower()],
                       provenance=prov)  # fmt: skip
    return ItemInput(media=(media,))


def is_media(path: Path) -> bool:
    return path.suffix.lower() in MEDIA_SUFFIXES


def read_text_stream(data: bytes, name: str) -> Iterator[tuple[int, Any]]:
    """Rows of an uploaded file (web form / API) held in memory."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        yield from read_rows(path)
