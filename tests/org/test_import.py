"""HR import: good rows are written with audit events, bad and duplicate rows are reported by line."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import Cast
from tests.org.files import csv_bytes, row, xlsx_from_dicts
from zabta.audit.models import AuditEvent
from zabta.audit.selectors import verify_audit_chain
from zabta.org.importing import ImportReport, import_personnel
from zabta.org.models import Personnel, Posting

MIXED = [
    row("N-1", "Imran Soomro"),
    row("N-2", rank="Lance Naik"),
    row("N-3", unit="PS-NOWHERE"),
    row("N-4", cnic="4220-123"),
    row("N-1", "Second Imran"),
    row("N-5", email="not-an-email", status="on leave"),
    row("N-6", rank="SI", unit="KHI-E-KOR", posting_from="31-12-2023"),
    row("", "No Id"),
]


def _import(data: bytes, name: str = "hr.csv", **kwargs: object) -> ImportReport:
    return import_personnel(data=data, filename=name, actor="hr", **kwargs)  # type: ignore[arg-type]


def _reasons(report: ImportReport) -> dict[int, str]:
    return {issue.line: issue.message for issue in report.rejected}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_imports_good_rows_and_reports_bad_rows_by_line(cast: Cast, kind: str) -> None:
    data = csv_bytes(MIXED) if kind == "csv" else xlsx_from_dicts(MIXED)
    report = _import(data, f"hr.{kind}")
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    reasons = _reasons(report)
    assert sorted(reasons) == [3, 4, 5, 6, 7, 9]
    assert "unknown rank" in reasons[3] and "unknown unit" in reasons[4] and "CNIC" in reasons[5]
    assert reasons[6] == "same personnel_id as line 2"
    assert "email" in reasons[7].lower() and "status" in reasons[7]
    assert "personnel_id is missing" in reasons[9]
    imran = Personnel.objects.get(personnel_id="N-1")
    assert (imran.name, imran.name_ur, imran.cnic, imran.rank.code) == (
        "Imran Soomro",
        "احمد رضا",
        "4220112345671",
        "CONSTABLE",
    )
    assert Posting.objects.get(personnel__personnel_id="N-6", valid_to=None).valid_from == date(2023, 12, 31)


def test_created_officers_are_audited_in_the_chain(cast: Cast) -> None:
    before = AuditEvent.objects.count()
    _import(csv_bytes(MIXED))
    created = AuditEvent.objects.filter(action="org.personnel.created", actor_label="hr", seq__gt=before)
    assert created.count() == 2
    event = created.get(object_repr__contains="N-6")
    assert event.after is not None
    assert event.after["posting"]["unit"] == "KHI-E-KOR"
    assert verify_audit_chain().ok


def test_reimport_is_idempotent(cast: Cast) -> None:
    data = csv_bytes(MIXED)
    _import(data)
    counts = (Personnel.objects.count(), Posting.objects.count(), AuditEvent.objects.count())
    again = _import(data)
    assert (again.created, again.updated, again.unchanged, len(again.rejected)) == (0, 0, 2, 6)
    assert (Personnel.objects.count(), Posting.objects.count(), AuditEvent.objects.count()) == counts


def test_reimport_updates_changed_fields_through_the_audit_log(cast: Cast) -> None:
    _import(csv_bytes([row("N-1", "Imran Soomro")]))
    report = _import(csv_bytes([row("N-1", "Imran Ali Soomro", status="suspended")]))
    assert (report.created, report.updated) == (0, 1)
    officer = Personnel.objects.get(personnel_id="N-1")
    assert (officer.name, officer.status) == ("Imran Ali Soomro", "suspended")
    event = AuditEvent.objects.filter(action="org.personnel.updated").last()
    assert event is not None
    assert event.before == {"name": "Imran Soomro", "status": "serving"}
    assert event.after == {"name": "Imran Ali Soomro", "status": "suspended"}


def test_absent_columns_leave_registry_values_alone(cast: Cast) -> None:
    _import(csv_bytes([row("N-1", cnic="42201-1234567-1", phone="0300-1111111")]))
    report = _import(csv_bytes([row("N-1")], header=("personnel_id", "name", "rank", "unit")))
    assert report.unchanged == 1
    assert Personnel.objects.get(personnel_id="N-1").phone == "0300-1111111"


def test_changed_unit_is_a_transfer_that_keeps_history(cast: Cast) -> None:
    report = _import(csv_bytes([row("P-1001", "Imran Ali", unit="PS-ZMN", posting_from="2025-02-01")]))
    assert (report.updated, report.transferred) == (1, 1)
    postings = list(Posting.objects.filter(personnel__personnel_id="P-1001").order_by("valid_from"))
    assert [(p.unit.code, p.valid_from, p.valid_to) for p in postings] == [
        ("PS-KIA", date(2024, 1, 1), date(2025, 2, 1)),
        ("PS-ZMN", date(2025, 2, 1), None),
    ]
    event = AuditEvent.objects.get(action="org.posting.transferred", actor_label="hr")
    assert event.after is not None
    assert (event.before, event.after["unit"]) == ({"unit": "PS-KIA"}, "PS-ZMN")


def test_transfer_without_posting_from_uses_effective_date(cast: Cast) -> None:
    _import(csv_bytes([row("P-1001", unit="PS-ZMN", posting_from="")]), effective=date(2025, 3, 1))
    assert Posting.objects.get(personnel__personnel_id="P-1001", valid_to=None).valid_from == date(2025, 3, 1)


def test_transfer_dated_before_current_posting_is_rejected(cast: Cast) -> None:
    report = _import(csv_bytes([row("P-1001", unit="PS-ZMN", posting_from="2023-01-01")]))
    assert "cannot start before" in report.rejected[0].message
    assert Posting.objects.get(personnel__personnel_id="P-1001", valid_to=None).unit.code == "PS-KIA"


def test_new_head_relieves_the_old_head_who_stays_posted(cast: Cast) -> None:
    report = _import(
        csv_bytes([row("N-9", rank="INSPECTOR", designation="SHO", is_head="yes", posting_from="2025-01-01")])
    )
    assert report.created == 1
    head = Posting.objects.get(unit__code="PS-KIA", is_head=True, valid_to=None)
    assert head.personnel.personnel_id == "N-9"
    old_sho = Posting.objects.get(personnel__personnel_id="P-1002", valid_to=None)
    assert (old_sho.unit.code, old_sho.is_head, old_sho.valid_from) == ("PS-KIA", False, date(2025, 1, 1))
    assert AuditEvent.objects.filter(action="org.unit.head_relieved", actor_label="hr").count() == 1


def test_second_head_for_one_unit_in_a_file_is_rejected(cast: Cast) -> None:
    rows = [
        row("N-8", rank="INSPECTOR", unit="PS-ZMN", is_head="yes"),
        row("N-9", rank="SI", unit="PS-ZMN", is_head="yes"),
    ]
    report = _import(csv_bytes(rows))
    assert report.created == 1
    assert _reasons(report) == {3: "PS-ZMN already has a head at line 2"}


def test_dry_run_writes_nothing(cast: Cast) -> None:
    counts = (Personnel.objects.count(), AuditEvent.objects.count())
    report = _import(csv_bytes(MIXED), dry_run=True)
    assert (report.created, len(report.rejected)) == (2, 6)
    assert (Personnel.objects.count(), AuditEvent.objects.count()) == counts


def test_csv_with_bom_and_semicolons_is_read(cast: Cast) -> None:
    data = csv_bytes([row("N-1")], bom=True).decode("utf-8").replace(",", ";").encode("utf-8")
    assert _import(data).created == 1


def test_command_reports_lines_and_summary(cast: Cast, tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hr.csv"  # type: ignore[operator]
    path.write_bytes(csv_bytes(MIXED))
    call_command("import_personnel", str(path))
    out = capsys.readouterr().out
    assert "line 6 (N-1): same personnel_id as line 2" in out
    assert "created 2, updated 0 (of which transferred 0), unchanged 0, rejected 6" in out


def test_command_fails_on_a_fatal_file(cast: Cast, tmp_path: object) -> None:
    path = tmp_path / "hr.pdf"  # type: ignore[operator]
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match="only CSV"):
        call_command("import_personnel", str(path))
