"""Building HR import files (CSV and XLSX bytes) for the import tests."""

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook

HEADER = ("personnel_id", "name", "name_ur", "father_name", "rank", "belt_no", "cnic", "service_card_no", "status",
          "unit", "designation", "is_head", "posting_from", "phone", "email")  # fmt: skip


def row(
    pid: str, name: str = "Ahmed Raza", *, rank: str = "Constable", unit: str = "PS-KIA", **extra: str
) -> dict[str, str]:
    values = {"personnel_id": pid, "name": name, "name_ur": "احمد رضا", "father_name": "Raza Khan", "rank": rank,
              "belt_no": "1234", "cnic": "42201-1234567-1", "service_card_no": "SPK-1", "status": "serving",
              "unit": unit, "designation": "", "is_head": "no", "posting_from": "2024-06-01", "phone": "0300-1234567",
              "email": ""}  # fmt: skip
    values.update(extra)
    return values


def csv_bytes(rows: Sequence[dict[str, str]], header: Sequence[str] = HEADER, *, bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in header])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for values in rows:
        sheet.append(list(values))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_from_dicts(rows: Sequence[dict[str, str]]) -> bytes:
    return xlsx_bytes([[values.get(column, "") for column in HEADER] for values in rows])
