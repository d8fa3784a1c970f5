"""Bank exchange files in the signal vocabulary of Meta's ThreatExchange / hasher-matcher-actioner.

One CSV row per signal: ``signal_type,signal_value`` first, as python-threatexchange names them
("pdq": 64 hex digits; "vpdq": the JSON list of ``{"hash", "quality", "timestamp"}`` features that its
vPDQ signal type serialises; "sha256" is Zabta's own and other tools skip it), then Zabta's metadata
columns. A plain hash list (one ``pdq <hex>`` or bare hex per line, as exchanged between HMA instances)
is read too. Reading is strict: a bad row names its line and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from zabta.banks.models import BankEntry

COLUMNS = ("signal_type", "signal_value", "media_kind", "label", "case_ref", "account", "valid_from", "valid_until",
           "duration_s", "zabta_entry")  # fmt: skip
MAX_ROWS = 2_000_000
MAX_VPDQ_FEATURES = 20_000
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class ExchangeError(ValueError):
    """An exchange file that cannot be imported; the message names the line."""


def export_rows(entries: Iterable[BankEntry]) -> Iterator[str]:
    """CSV text, header first, one row per entry (its video fingerprint as a vpdq signal)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    yield _drain(buffer)
    for entry in entries:
        signal_type, value = _signal(entry)
        writer.writerow([signal_type, value, entry.media_kind, entry.label, entry.case_ref, entry.account,
                         _iso(entry.valid_from), _iso(entry.valid_until), entry.duration_s, entry.pk])  # fmt: skip
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _signal(entry: BankEntry) -> tuple[str, str]:
    if entry.vpdq:
        # Only whole-frame hashes go out: the crop variants are Zabta's own addition to vPDQ.
        features = [{"hash": r[1], "quality": r[2], "timestamp": float(r[0])} for r in entry.vpdq if _variant(r) == 0]
        return "vpdq", json.dumps(features, separators=(",", ":"))
    if entry.pdq:
        return "pdq", entry.pdq
    return "sha256", entry.sha256


def _variant(row: list[Any]) -> int:
    return int(row[3]) if len(row) > 3 else 0


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def read_entries(text: str) -> list[BankEntry]:
    """Unsaved entries from an exchange file (CSV with header, or a plain hash list)."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not any(line.strip() for line in lines):
        raise ExchangeError(_("the exchange file is empty"))
    if len(lines) > MAX_ROWS + 1:
        raise ExchangeError(_("more than %(n)s rows") % {"n": MAX_ROWS})
    if lines[0].startswith("signal_type"):
        return [_from_row(n, row) for n, row in enumerate(csv.DictReader(lines), start=2) if any(row.values())]
    return [_from_plain(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]


def _from_plain(line_no: int, line: str) -> BankEntry:
    parts = line.replace(",", " ").split()
    signal_type, value = ("pdq", parts[0]) if len(parts) == 1 else (parts[0].lower(), parts[1])
    return _from_row(line_no, {"signal_type": signal_type, "signal_value": value})


def _from_row(line_no: int, row: dict[str, Any]) -> BankEntry:
    try:
        entry = _entry(str(row.get("signal_type") or "").strip().lower(), str(row.get("signal_value") or "").strip())
        entry.label = str(row.get("label") or "")[:200]
        entry.case_ref = str(row.get("case_ref") or "")[:100]
        entry.account = str(row.get("account") or "")[:200]
        entry.valid_from = _when(row.get("valid_from"))
        entry.valid_until = _when(row.get("valid_until"))
        entry.duration_s = float(row.get("duration_s") or entry.duration_s)
        entry.metadata = {"imported_entry": str(row.get("zabta_entry") or "")}
    except (ValueError, TypeError) as exc:
        raise ExchangeError(_("line %(line)s: %(problem)s") % {"line": line_no, "problem": exc}) from exc
    return entry


def _entry(signal_type: str, value: str) -> BankEntry:
    value_l = value.lower()
    if signal_type == "pdq":
        return BankEntry(media_kind=BankEntry.MediaKind.IMAGE, pdq=_hex64(value_l), pdq_quality=100)
    if signal_type == "sha256":
        return BankEntry(media_kind=BankEntry.MediaKind.IMAGE, sha256=_hex64(value_l))
    if signal_type == "vpdq":
        features = _vpdq(value)
        seconds = max((f[0] for f in features), default=0)
        return BankEntry(media_kind=BankEntry.MediaKind.VIDEO, vpdq=features, duration_s=float(seconds + 1))
    raise ValueError(f"unknown signal type {signal_type!r} (pdq, vpdq or sha256)")


def _hex64(value: str) -> str:
    if not _HEX64.match(value):
        raise ValueError(f"not a 256-bit hash in hex: {value[:80]!r}")
    return value


def _vpdq(value: str) -> list[list[Any]]:
    if len(value) > MAX_VPDQ_FEATURES * 120:
        raise ValueError("vpdq value is too long")
    raw = json.loads(value)
    if not isinstance(raw, list) or not raw or len(raw) > MAX_VPDQ_FEATURES:
        raise ValueError("vpdq value must be a non-empty JSON list of features")
    out = []
    for item in raw:
        quality = int(item["quality"])
        if not 0 <= quality <= 100:
            raise ValueError(f"vpdq quality {quality} is outside 0-100")
        out.append([int(float(item["timestamp"])), _hex64(str(item["hash"]).lower()), quality, 0])
    return out


def _when(raw: object) -> datetime | None:
    text = str(raw or "").strip()
    if not text:
        return None
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"date {text!r} has no time zone")
    return value
