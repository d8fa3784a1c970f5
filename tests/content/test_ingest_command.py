"""`zabta ingest`: ids on stdout, the per-row report on stderr, bad rows and bad files reported."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import Cast
from zabta.content.models import ContentItem

CSV = (
    "url,platform,author,author_reason,text,views,posted_at\n"
    "https://www.tiktok.com/@imran/video/1,tiktok,P-1001,own account,Mera thana meri shaan,120,2024-10-01T10:00:00+05:00\n"
    "https://www.tiktok.com/@imran/video/1?utm_source=x,tiktok,P-1001,own account,Mera thana meri shaan,150,\n"
    "ftp://bad.example/x,web,P-1001,own,text,,\n"
    "https://x.com/a/status/2,x,P-1001,own,numbers,lots,\n"
)


def _run(*args: str) -> tuple[list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *args, "--no-screen", stdout=out, stderr=err)
    except CommandError as exc:
        err.write(str(exc))
    return out.getvalue().split(), err.getvalue()


def test_csv_rows_become_items_with_a_per_row_report(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text(CSV, encoding="utf-8")
    ids, report = _run(str(path))
    assert len(ids) == 2 and ids[0] == ids[1]  # the second row is the same video: updated, not duplicated
    assert ContentItem.objects.count() == 1 and ContentItem.objects.get().views == 150
    assert "row 4: error" in report and "not a web address" in report
    assert "row 5: error" in report and "views is not a whole number" in report
    assert "2 row(s) could not be taken in" in report


def test_json_and_jsonl(cast: Cast, tmp_path: Path) -> None:
    rows = [{"text": "Siyasi jalsa mein shirkat", "author": "P-1001"}, {"text": "Eid mubarak", "author": "P-1007"}]
    (tmp_path / "a.json").write_text(json.dumps(rows), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    ids, report = _run(str(tmp_path / "a.json"), str(tmp_path / "b.jsonl"))
    assert len(ids) == 4 and len(set(ids)) == 2
    assert "row 3: error: not valid JSON" in report


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.json", b'{"text": "not a list"}', "must hold a list"),
        ("x.json", b"[{", "not valid JSON"),
        ("x.csv", b"\xff\xfe\x00binary\x00", "not UTF-8"),
        ("x.exe", b"MZ", "unsupported file type"),
    ],
)
def test_malformed_files_are_refused_with_the_reason(cast: Cast, tmp_path: Path, name: str, content: bytes,
                                                     message: str) -> None:  # fmt: skip
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("ingest", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_unknown_columns_are_row_errors(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"text": "hi", "author": "P-1001", "password": "x"}]), encoding="utf-8")
    ids, report = _run(str(path))
    assert ids == [] and "unknown columns: password" in report


def test_a_media_file_becomes_an_item_linked_to_an_officer(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "shot.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    ids, _report = _run(str(path), "--author", "P-1001", "--reason", "screenshot from his profile")
    item = ContentItem.objects.get(pk=int(ids[0]))
    assert item.media.get().evidence.original_name == "shot.png"
