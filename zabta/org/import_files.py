"""Reading an HR personnel file (CSV or XLSX) into raw rows, refusing whole files that are unsafe or unreadable."""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

REQUIRED_COLUMNS = ("personnel_id", "name", "rank", "unit")
OPTIONAL_COLUMNS = ("name_ur", "father_name", "belt_no", "cnic", "service_card_no", "status", "designation",
                    "is_head", "posting_from", "phone", "email")  # fmt: skip
KNOWN_COLUMNS = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 64
# A real HR sheet compresses about 5-10x; a decompression bomb compresses hundreds of times.
MAX_UNCOMPRESSED = 400 * 1024 * 1024
MAX_RATIO = 100

Cell = str | date


class FatalImportError(Exception):
    """The whole file is refused; nothing is written."""


@dataclass(frozen=True)
class RawRow:
    line: int
    values: dict[str, Cell]


@dataclass(frozen=True)
class RawFile:
    columns: tuple[str, ...]
    rows: list[RawRow]
    ignored_columns: tuple[str, ...]


def limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def read_file(data: bytes, filename: str) -> RawFile:
    """Parse the bytes of a CSV or XLSX file; raise FatalImportError with the reason if it cannot be used."""
    max_bytes = limit("ZABTA_IMPORT_MAX_BYTES", MAX_BYTES)
    if len(data) > max_bytes:
        raise FatalImportError(_("the file is larger than the limit of %(n)d bytes") % {"n": max_bytes})
    if not data.strip():
        raise FatalImportError(_("the file is empty"))
    kind = _detect_kind(data, filename)
    header, rows = _read_xlsx(data) if kind == "xlsx" else _read_csv(data)
    columns = _check_header(header)
    max_rows = limit("ZABTA_IMPORT_MAX_ROWS", MAX_ROWS)
    raw: list[RawRow] = []
    for line, cells in rows:
        if len(raw) >= max_rows:
            raise FatalImportError(_("the file has more than %(n)d rows") % {"n": max_rows})
        row = _row_values(columns, cells)
        if row is not None:
            raw.append(RawRow(line=line, values=row))
    ignored = tuple(c for c in columns if c and c not in KNOWN_COLUMNS)
    return RawFile(columns=tuple(c for c in columns if c in KNOWN_COLUMNS), rows=raw, ignored_columns=ignored)


def _detect_kind(data: bytes, filename: str) -> str:
    name = filename.lower()
    if data[:4] == b"PK\x03\x04":
        if not name.endswith((".xlsx", ".xlsm")):
            raise FatalImportError(_("this looks like a ZIP/XLSX file but is not named .xlsx"))
        return "xlsx"
    if name.endswith((".xlsx", ".xlsm")):
        raise FatalImportError(_("the file is named .xlsx but is not an Excel workbook"))
    if name.endswith(".xls"):
        raise FatalImportError(_("old Excel .xls files are not supported: save the sheet as .xlsx or CSV UTF-8"))
    if not name.endswith((".csv", ".txt")):
        raise FatalImportError(_("only CSV (UTF-8) and XLSX files can be imported"))
    if b"\x00" in data:
        raise FatalImportError(_("the file contains binary data, not CSV text"))
    return "csv"


def _check_header(header: list[str]) -> list[str]:
    columns = [_column_name(h) for h in header]
    while columns and not columns[-1]:
        columns.pop()
    if len(columns) > MAX_COLUMNS:
        raise FatalImportError(_("the header has more than %(n)d columns") % {"n": MAX_COLUMNS})
    seen: set[str] = set()
    for column in columns:
        if column and column in seen:
            raise FatalImportError(_("the column %(c)s appears twice in the header") % {"c": column})
        seen.add(column)
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        raise FatalImportError(_("required columns are missing: %(cols)s") % {"cols": ", ".join(missing)})
    return columns


def _column_name(value: object) -> str:
    text = "" if value is None else str(value)
    return text.strip().lstrip("\ufeff").strip().lower().replace(" ", "_").replace("-", "_")


def _row_values(columns: list[str], cells: list[Any]) -> dict[str, Cell] | None:
    """Map cells to known columns; None for a blank row."""
    values: dict[str, Cell] = {}
    for column, cell in zip(columns, cells, strict=False):
        if column in KNOWN_COLUMNS:
            values[column] = _cell_value(cell)
    if not any(v for v in values.values()):
        return None
    return values


def _cell_value(cell: Any) -> Cell:
    # Formulas arrive as their text ("=cmd|..."): openpyxl is asked for formulas, never evaluates them.
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


# --- CSV -----------------------------------------------------------------------------------------------------------


def _read_csv(data: bytes) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FatalImportError(
            _("the file is not valid UTF-8 (byte %(pos)d): save it as 'CSV UTF-8'") % {"pos": exc.start}
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = _csv_next(reader)
    if header is None:
        raise FatalImportError(_("the file has no header row"))
    return header, _csv_rows(reader)


def _csv_next(reader: Any) -> list[str] | None:
    try:
        return list(next(reader))
    except StopIteration:
        return None
    except csv.Error as exc:
        raise FatalImportError(
            _("the CSV is malformed near line %(line)d: %(err)s") % {"line": reader.line_num, "err": exc}
        ) from exc


def _csv_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    while True:
        start = reader.line_num + 1  # a quoted field may span lines: report where the record starts
        row = _csv_next(reader)
        if row is None:
            return
        yield start, row


# --- XLSX ----------------------------------------------------------------------------------------------------------


def _read_xlsx(data: bytes) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    _check_zip(data)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
        sheet = book.worksheets[0]
        # The declared dimension may be a lie (A1:XFD1048576); ignore it and read only the cells present.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        header_row = next(rows, None)
    except FatalImportError:
        raise
    except Exception as exc:
        raise FatalImportError(_("the workbook cannot be read: %(err)s") % {"err": type(exc).__name__}) from exc
    if header_row is None:
        raise FatalImportError(_("the workbook's first sheet is empty"))
    header = [_column_name(c) for c in header_row[: MAX_COLUMNS + 1]]
    return header, _xlsx_rows(rows, len(header))


def _xlsx_rows(rows: Iterator[tuple[Any, ...]], width: int) -> Iterator[tuple[int, list[Any]]]:
    line = 1
    try:
        for row in rows:
            line += 1
            yield line, list(row[:width])
    except FatalImportError:
        raise
    except Exception as exc:
        raise FatalImportError(_("the workbook cannot be read after row %(line)d: %(err)s")
                               % {"line": line, "err": type(exc).__name__}) from exc  # fmt: skip


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise FatalImportError(_("the workbook is not a valid XLSX (ZIP) file")) from exc
    if len(members) > 10_000:
        raise FatalImportError(_("the workbook has too many parts"))
    total = sum(m.file_size for m in members)
    if total > limit("ZABTA_IMPORT_MAX_UNCOMPRESSED", MAX_UNCOMPRESSED):
        raise FatalImportError(_("the workbook expands to more than the allowed size (possible ZIP bomb)"))
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise FatalImportError(_("the workbook is compressed suspiciously well (possible ZIP bomb)"))
