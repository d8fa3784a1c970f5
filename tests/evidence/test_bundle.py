"""Evidence bundles: export, verify intact, and every kind of tampering named (a flipped byte included)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import Cast
from zabta.content.actions import ItemInput, MediaInput, item_ingest
from zabta.content.models import ContentItem
from zabta.evidence.bundle import evidence_export, verify_bundle
from zabta.evidence.models import CustodyEvent

VIDEO = bytes(range(256)) * 64


@pytest.fixture
def item(cast: Cast) -> ContentItem:
    media = (MediaInput(VIDEO, "clip.mp4", "video/mp4"), MediaInput(b"second file", "s.png", "image/png"))
    data = ItemInput(text="Thane ki gari mein video", author_personnel_id="P-1001", author_link_reason="own",
                     media=media)  # fmt: skip
    return item_ingest(data=data, actor=cast.monitor, channel="web", screen=False).item


def _export(tmp_path: Path, item: ContentItem) -> Path:
    out = tmp_path / "bundle.zip"
    call_command("evidence", "export", f"item:{item.pk}", "--out", str(out), stdout=io.StringIO())
    return out


def _rewrite(src: Path, dst: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for name in old.namelist():
            data = change.get(name, old.read(name))
            if data is not None:
                new.writestr(name, data)
        for name, data in change.items():
            if name not in old.namelist() and data is not None:
                new.writestr(name, data)


def test_exported_bundle_verifies_and_logs_the_export(tmp_path: Path, item: ContentItem) -> None:
    out = _export(tmp_path, item)
    assert verify_bundle(out) == []
    call_command("evidence", "verify", str(out), stdout=io.StringIO())  # exit 0
    assert CustodyEvent.objects.filter(action="exported").count() == 2
    with zipfile.ZipFile(out) as bundle:
        names = set(bundle.namelist())
    assert {"manifest.json", "summary.html", "SHA256SUMS"} <= names and len(names) == 5


def test_a_flipped_byte_in_a_file_is_detected(tmp_path: Path, item: ContentItem) -> None:
    out = _export(tmp_path, item)
    raw = bytearray(out.read_bytes())
    at = raw.find(VIDEO[:512])  # files are stored uncompressed: flip one byte in the middle of the video
    assert at > 0
    raw[at + 7000] ^= 0x01
    out.write_bytes(bytes(raw))
    problems = verify_bundle(out)
    assert problems, "a flipped byte must be detected"
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("evidence", "verify", str(out), stdout=io.StringIO(), stderr=io.StringIO())


def test_a_changed_file_is_named(tmp_path: Path, item: ContentItem) -> None:
    out = _export(tmp_path, item)
    sha = item.media.get(evidence__original_name="clip.mp4").evidence.sha256
    tampered = tmp_path / "t.zip"
    flipped = bytearray(VIDEO)
    flipped[1000] ^= 0xFF
    _rewrite(out, tampered, {f"files/{sha}": bytes(flipped)})  # a re-zipped file passes the CRC check
    assert verify_bundle(tampered) == [f"files/{sha}: changed (SHA-256 differs from the manifest)"]


def test_missing_and_extra_files_and_an_edited_manifest_are_named(tmp_path: Path, item: ContentItem) -> None:
    out = _export(tmp_path, item)
    sha = item.media.get(evidence__original_name="s.png").evidence.sha256
    missing, extra, edited = tmp_path / "m.zip", tmp_path / "e.zip", tmp_path / "d.zip"
    _rewrite(out, missing, {f"files/{sha}": None})
    _rewrite(out, extra, {"files/planted": b"x"})
    with zipfile.ZipFile(out) as bundle:
        manifest = bundle.read("manifest.json").replace(b"Thane ki gari", b"Thane ka ghar")
    _rewrite(out, edited, {"manifest.json": manifest})
    assert verify_bundle(missing) == [f"files/{sha}: missing"]
    assert verify_bundle(extra) == ["files/planted: not listed in the manifest"]
    assert verify_bundle(edited) == ["manifest.json: changed (SHA-256 differs from SHA256SUMS)"]


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"<html>not a zip</html>")
    assert "not a readable ZIP" in verify_bundle(path)[0]


def test_export_refuses_evidence_changed_in_storage(tmp_path: Path, item: ContentItem, settings: object) -> None:
    from zabta.evidence.store import evidence_storage

    evidence = item.media.get(evidence__original_name="s.png").evidence
    path = Path(evidence_storage().path(evidence.storage_name))
    path.chmod(0o644)
    path.write_bytes(b"swapped")
    with pytest.raises(ValueError, match=evidence.sha256):
        evidence_export(items=[item], subject="x", actor="test", out=tmp_path / "b.zip")
