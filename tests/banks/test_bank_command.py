"""`zabta bank ...` end to end: add, match (text and JSON), export, import, clear errors."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("bank", *args, stdout=out)
    return out.getvalue()


def test_add_then_match_reupload_as_json(video: Path, reencoded: Path) -> None:
    assert "added uniform.mp4 to removed" in run("add", "removed", str(video), "--case-ref", "C-3")
    result = json.loads(run("match", str(reencoded), "--json"))
    [match] = result["matches"]
    assert (match["bank"], match["how"], match["case_ref"]) == ("removed", "vpdq", "C-3")
    assert isinstance(match["entry"], int) and isinstance(match["distance"], int)


def test_match_without_hits_says_so(picture: Path) -> None:
    assert run("match", str(picture)).strip() == "no match"


def test_export_and_import_through_files(picture: Path, tmp_path: Path) -> None:
    run("add", "reference", str(picture))
    out = tmp_path / "reference.csv"
    run("export", "reference", "--output", str(out))
    run("create", "partner", "--kind", "reference")
    assert "imported 1 entries into partner" in run("import", "partner", str(out))
    assert "partner\treference\t1 entries" in run("list")


def test_approved_without_account_is_a_clear_error(picture: Path) -> None:
    with pytest.raises(CommandError, match="official account"):
        run("add", "approved", str(picture))


def test_hostile_files_are_clear_errors(tmp_path: Path) -> None:
    page = tmp_path / "x.jpg"
    page.write_text("<html></html>")
    with pytest.raises(CommandError, match="not a recognised image, video or audio format"):
        run("add", "removed", str(page))
    binary = tmp_path / "bank.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match="not UTF-8"):
        run("import", "removed", str(binary))
    with pytest.raises(CommandError, match="no such bank"):
        run("add", "nonexistent", str(page))
