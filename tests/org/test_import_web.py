"""The web upload of the HR file: only range administrators, the same report as the command, bad files refused."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from tests.conftest import Cast
from tests.org.files import csv_bytes, row, xlsx_from_dicts
from zabta.access.models import User
from zabta.org.models import Personnel

URL = "/org/personnel/import/"
GOOD_AND_BAD = [row("W-1", "Imran Soomro"), row("W-2", rank="Lance Naik"), row("W-1", "Again")]


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _upload(client: Client, name: str, data: bytes, **extra: str) -> object:
    return client.post(URL, {"file": SimpleUploadedFile(name, data), **extra})


def test_range_admin_imports_good_rows_and_sees_bad_ones(cast: Cast) -> None:
    response = _upload(_client("range_admin"), "hr.csv", csv_bytes(GOOD_AND_BAD))
    assert response.status_code == 200  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert 'data-count="created">1<' in page
    assert 'data-count="rejected">2<' in page
    assert "Lance Naik" in page
    assert Personnel.objects.filter(personnel_id="W-1").count() == 1


def test_xlsx_upload_and_reupload_is_idempotent(cast: Cast) -> None:
    client = _client("range_admin")
    _upload(client, "hr.xlsx", xlsx_from_dicts([row("W-7")]))
    response = _upload(client, "hr.xlsx", xlsx_from_dicts([row("W-7")]))
    assert 'data-count="unchanged">1<' in response.content.decode()  # type: ignore[attr-defined]
    assert Personnel.objects.filter(personnel_id="W-7").count() == 1


def test_dry_run_writes_nothing(cast: Cast) -> None:
    response = _upload(_client("range_admin"), "hr.csv", csv_bytes([row("W-9")]), dry_run="on")
    assert 'data-count="created">1<' in response.content.decode()  # type: ignore[attr-defined]
    assert not Personnel.objects.filter(personnel_id="W-9").exists()


def test_fatal_file_is_refused_and_nothing_is_written(cast: Cast) -> None:
    before = Personnel.objects.count()
    client = _client("range_admin")
    for name, data in [
        ("hr.xlsx", b"PK\x03\x04 this is not a workbook"),
        ("hr.csv", b"name,rank\nA,Constable\n"),  # required columns missing
        ("hr.exe", b"MZ\x90\x00"),
        ("hr.csv", b"\xff\xfe\x00bad utf"),
    ]:
        response = _upload(client, name, data)
        assert response.status_code == 400, name  # type: ignore[attr-defined]
        assert 'id="import-fatal"' in response.content.decode()  # type: ignore[attr-defined]
    assert Personnel.objects.count() == before


def test_oversize_file_is_refused(cast: Cast, settings: Settings) -> None:
    settings.ZABTA_IMPORT_MAX_BYTES = 1000
    response = _upload(_client("range_admin"), "hr.csv", csv_bytes([row(f"W-{i}") for i in range(40)]))
    assert "larger than" in response.content.decode()  # type: ignore[attr-defined]
    assert not Personnel.objects.filter(personnel_id__startswith="W-").exists()


def test_others_may_not_import(cast: Cast) -> None:
    for username in ("constable", "sho", "ssp", "dig", "monitor", "auditor"):
        response = _upload(_client(username), "hr.csv", csv_bytes([row("W-3")]))
        assert response.status_code == 403, username  # type: ignore[attr-defined]
    assert Client().get(URL).status_code == 302
    assert not Personnel.objects.filter(personnel_id="W-3").exists()
