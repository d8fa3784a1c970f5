"""Evidence on S3-compatible object storage, configured by environment, against a local S3 server (real HTTP)."""

import io
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.conftest import Cast
from tests.evidence.s3server import KEY, REGION, SECRET, client, new_bucket, objects, s3_server
from zabta.content.actions import ItemInput, MediaInput, item_ingest
from zabta.content.models import ContentItem
from zabta.env import ConfigError
from zabta.evidence import store
from zabta.evidence.actions import EvidenceCorrupted, Provenance, evidence_open, evidence_store
from zabta.evidence.bundle import evidence_export, verify_bundle
from zabta.evidence.config import s3_storage_from_env
from zabta.evidence.models import CustodyEvent, EvidenceFile
from zabta.evidence.s3 import EvidenceS3Storage
from zabta.review.actions import finding_claim, finding_decide, screening_record
from zabta.review.screening import FindingData, Outcome

VIDEO = bytes(range(256)) * 40


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with s3_server() as url:
        yield url


@pytest.fixture
def bucket(endpoint: str, settings: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A fresh bucket, configured the way an operator would: through the environment."""
    name = new_bucket(endpoint)
    (tmp_path / "secret").write_text(SECRET + "\n", encoding="utf-8")
    monkeypatch.setenv("ZABTA_EVIDENCE_S3_BUCKET", name)
    monkeypatch.setenv("ZABTA_EVIDENCE_S3_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("ZABTA_EVIDENCE_S3_REGION", REGION)
    monkeypatch.setenv("ZABTA_EVIDENCE_S3_ACCESS_KEY", KEY)
    monkeypatch.setenv("ZABTA_EVIDENCE_S3_SECRET_KEY_FILE", str(tmp_path / "secret"))
    settings.STORAGES = {**settings.STORAGES, "evidence": s3_storage_from_env()}
    return name


def _item(cast: Cast, *media: MediaInput) -> ContentItem:
    data = ItemInput(text="Wardi mein video", author_personnel_id="P-1001", author_link_reason="own", media=media)
    return item_ingest(data=data, actor=cast.monitor, channel="web", screen=False).item


def test_evidence_goes_to_the_bucket_under_its_sha256(cast: Cast, endpoint: str, bucket: str, settings: Any) -> None:
    assert isinstance(store.evidence_storage(), EvidenceS3Storage)
    item = _item(cast, MediaInput(VIDEO, "clip.mp4", "video/mp4"))
    evidence = item.media.get().evidence
    sha = store.sha256_bytes(VIDEO)
    assert objects(endpoint, bucket) == {f"evidence/{sha[:2]}/{sha[2:4]}/{sha}": VIDEO}
    assert not (settings.DATA_DIR / "evidence").exists()  # nothing on local disk
    assert evidence_open(evidence=evidence, actor=cast.monitor, why="review") == VIDEO


def test_the_same_bytes_twice_make_one_object(cast: Cast, endpoint: str, bucket: str) -> None:
    _item(cast, MediaInput(VIDEO, "clip.mp4", "video/mp4"))
    head = client(endpoint).list_objects_v2(Bucket=bucket)["Contents"][0]
    item = ContentItem.objects.get()
    second = evidence_store(data=VIDEO, actor=cast.monitor, provenance=Provenance(tool="upload"), item=item)
    assert EvidenceFile.objects.count() == 1 and CustodyEvent.objects.filter(evidence=second).count() == 2
    [again] = client(endpoint).list_objects_v2(Bucket=bucket)["Contents"]
    assert (again["Key"], again["ETag"], again["LastModified"]) == (head["Key"], head["ETag"], head["LastModified"])


def test_an_object_is_never_overwritten_by_other_bytes(endpoint: str, bucket: str) -> None:
    storage = store.evidence_storage()
    sha = store.sha256_bytes(VIDEO)
    name = f"{sha[:2]}/{sha[2:4]}/{sha}"
    assert storage.save(name, ContentFile(VIDEO)) == name
    # Straight through the storage, past write_once's check: the conditional PUT keeps the first object.
    assert storage.save(name, ContentFile(b"other bytes under the same name")) == name
    assert objects(endpoint, bucket) == {f"evidence/{name}": VIDEO}
    with pytest.raises(ValueError, match="SHA-256"):
        store.write_once(name, b"other bytes under the same name")


def test_a_changed_object_is_refused_on_open_and_export(cast: Cast, endpoint: str, bucket: str, tmp_path: Path) -> None:
    item = _item(cast, MediaInput(VIDEO, "clip.mp4", "video/mp4"))
    evidence = item.media.get().evidence
    flipped = bytearray(VIDEO)
    flipped[5000] ^= 0x01
    client(endpoint).put_object(Bucket=bucket, Key=f"evidence/{evidence.storage_name}", Body=bytes(flipped))
    with pytest.raises(EvidenceCorrupted):
        evidence_open(evidence=evidence, actor=cast.monitor)
    with pytest.raises(ValueError, match=evidence.sha256):
        evidence_export(items=[item], subject="item", actor=cast.monitor, out=tmp_path / "b.zip")
    assert not (tmp_path / "b.zip").exists()


def test_a_bundle_is_exported_from_the_bucket_and_verifies(cast: Cast, bucket: str, tmp_path: Path) -> None:
    item = _item(cast, MediaInput(VIDEO, "clip.mp4", "video/mp4"), MediaInput(b"still", "s.png", "image/png"))
    out = tmp_path / "bundle.zip"
    call_command("evidence", "export", f"item:{item.pk}", "--out", str(out), stdout=io.StringIO())
    assert verify_bundle(out) == []
    assert CustodyEvent.objects.filter(action="exported").count() == 2


def test_retention_purge_deletes_the_object_from_the_bucket(
    cast: Cast, endpoint: str, bucket: str, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.ZABTA_EVIDENCE_RETENTION_DAYS = 30
    kept, dropped = (_item(cast, MediaInput(data, "v.mp4", "video/mp4")) for data in (b"kept", b"dropped"))
    for item, decision in ((kept, "confirmed"), (dropped, "dismissed")):
        run = screening_record(item=item, text=Outcome("no text"), media=Outcome("analysed"), context={},
                               findings=[FindingData("d", "KHI-2024-SM-1", "high", 0.9, "r", "uniform", ("x",))],
                               started_at=timezone.now())  # fmt: skip
        finding_claim(finding=run.findings.get(), actor=cast.monitor)
        finding_decide(finding=run.findings.get(), actor=cast.monitor, decision=decision, reason="reviewed")
    assert len(objects(endpoint, bucket)) == 2
    with time_machine.travel(timezone.now() + timedelta(days=31)), django_capture_on_commit_callbacks(execute=True):
        call_command("evidence", "purge", stdout=io.StringIO())
    sha = store.sha256_bytes(b"kept")
    assert list(objects(endpoint, bucket)) == [f"evidence/{sha[:2]}/{sha[2:4]}/{sha}"]
    assert EvidenceFile.objects.get(sha256=store.sha256_bytes(b"dropped")).purged_at is not None


def test_storage_command_names_the_bucket_and_checks_it(bucket: str, settings: Any) -> None:
    out = io.StringIO()
    call_command("evidence", "storage", stdout=out)
    assert f"S3 bucket {bucket}" in out.getvalue() and "reachable" in out.getvalue()
    settings.STORAGES = {**settings.STORAGES, "evidence": {**settings.STORAGES["evidence"]}}
    settings.STORAGES["evidence"]["OPTIONS"] = {**settings.STORAGES["evidence"]["OPTIONS"], "bucket_name": "absent"}
    with pytest.raises(CommandError, match="not reachable"):
        call_command("evidence", "storage", stdout=io.StringIO())


def test_local_storage_is_the_default(settings: Any) -> None:
    out = io.StringIO()
    call_command("evidence", "storage", stdout=out)
    assert f"local files under {settings.DATA_DIR / 'evidence'}: reachable" in out.getvalue()


class TestConfiguration:
    @pytest.fixture(autouse=True)
    def _clean_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in [n for n in os.environ if n.startswith("ZABTA_EVIDENCE_S3_")]:
            monkeypatch.delenv(name)

    def test_nothing_set_means_local_storage(self, monkeypatch: pytest.MonkeyPatch) -> None:
        assert s3_storage_from_env() is None

    def test_the_environment_names_bucket_endpoint_region_prefix_and_keys(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        (tmp_path / "key").write_text("AKIA-FROM-FILE\n", encoding="utf-8")
        for name, value in {"BUCKET": "police-evidence", "ENDPOINT_URL": "https://minio.khi.local:9000",
                            "REGION": "me-south-1", "PREFIX": "/zabta/evidence/", "ADDRESSING_STYLE": "path",
                            "ACCESS_KEY_FILE": str(tmp_path / "key"), "SECRET_KEY": "s3cr3t"}.items():  # fmt: skip
            monkeypatch.setenv(f"ZABTA_EVIDENCE_S3_{name}", value)
        config = s3_storage_from_env()
        assert config is not None and config["BACKEND"] == "zabta.evidence.s3.EvidenceS3Storage"
        assert config["OPTIONS"] == {
            "bucket_name": "police-evidence", "location": "zabta/evidence", "region_name": "me-south-1",
            "endpoint_url": "https://minio.khi.local:9000", "addressing_style": "path",
            "access_key": "AKIA-FROM-FILE", "secret_key": "s3cr3t"}  # fmt: skip

    @pytest.mark.parametrize(
        ("env", "message"),
        [
            ({"ENDPOINT_URL": "http://minio:9000"}, "BUCKET is not"),
            ({"BUCKET": "b", "ACCESS_KEY": "k"}, "both"),
            ({"BUCKET": "b", "ENDPOINT_URL": "file:///srv/s3"}, "not an http"),
            ({"BUCKET": "b", "ADDRESSING_STYLE": "sideways"}, "not one of"),
            ({"BUCKET": "b", "CA_BUNDLE": "/nonexistent/ca.pem"}, "not a file"),
            ({"BUCKET": "b", "SECRET_KEY_FILE": "/nonexistent/secret"}, "cannot be read"),
        ],
    )
    def test_half_a_configuration_fails_loudly(
        self, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
    ) -> None:
        for name, value in env.items():
            monkeypatch.setenv(f"ZABTA_EVIDENCE_S3_{name}", value)
        with pytest.raises(ConfigError, match=message):
            s3_storage_from_env()
