"""The bank pages and API: who reads and who adds, a file looked up finds its near copies, hostile uploads refused.

URL names proved here for every persona: "banks:list", "banks:match", "banks:detail", "banks:entry_add",
"api-bank-list", "api-bank-match".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts_registry.scope_data import PERSONAS, client_for, refused
from tests.conftest import Cast
from tests.media import factories as f
from zabta.audit.models import AuditEvent
from zabta.banks import actions
from zabta.banks.models import Bank, BankEntry
from zabta.screening.media.fingerprint import fingerprint_file

pytestmark = pytest.mark.django_db
READERS = {"ssp", "dig", "media", "monitor", "inquiry", "range_admin", "auditor"}
MANAGERS = {"monitor", "range_admin"}


def _upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def _removed(video: Path) -> BankEntry:
    bank = Bank.objects.get(name="removed")
    return actions.bank_entry_add(bank=bank, fingerprint=fingerprint_file(video), actor="t", label="uniform video",
                                  case_ref="KHI-CASE-7")  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_the_banks(cast: Cast, persona: str, picture: Path) -> None:
    client = client_for(cast, persona)
    pages = [client.get(reverse("banks:list")), client.get(reverse("banks:detail", args=["removed"])),
             client.get(reverse("api-bank-list"))]  # fmt: skip
    looked_up = client.post(reverse("banks:match"), {"file": _upload(picture)})
    api_lookup = client.post(reverse("api-bank-match"), {"file": _upload(picture)})
    if persona in READERS:
        assert [r.status_code for r in pages] == [200, 200, 200]
        assert b"removed" in pages[0].content
        assert {b["name"] for b in pages[2].json()} >= {"removed", "approved", "reference"}
        assert (looked_up.status_code, api_lookup.status_code) == (200, 200)
        assert api_lookup.json()["matches"] == []
    else:
        for r in [*pages, looked_up, api_lookup]:
            assert refused(r.status_code, persona, r.get("Location", "")), (persona, r.status_code)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_adds_to_a_bank(cast: Cast, persona: str, picture: Path) -> None:
    client = client_for(cast, persona)
    response = client.post(reverse("banks:entry_add", args=["reference"]), {"file": _upload(picture), "label": "crest"})
    added = BankEntry.objects.filter(bank__name="reference", label="crest")
    if persona in MANAGERS:
        assert response.status_code == 302
        entry = added.get()
        assert entry.added_by == persona and entry.media_kind == "image"
        assert AuditEvent.objects.filter(action="banks.entry.added", object_id=str(entry.pk)).exists()
    else:
        assert refused(response.status_code, persona, response.get("Location", ""))
        assert not added.exists()


def test_get_of_a_post_only_page_is_refused(cast: Cast) -> None:
    client = client_for(cast, "monitor")
    assert client.get(reverse("banks:match")).status_code == 405
    assert client.get(reverse("banks:entry_add", args=["removed"])).status_code == 405
    assert client.get(reverse("banks:detail", args=["no-such-bank"])).status_code == 404


def test_a_reupload_is_found_with_its_case_on_the_page_and_in_the_api(
    cast: Cast, video: Path, reencoded: Path, other_video: Path
) -> None:
    entry = _removed(video)
    client = client_for(cast, "media")
    page = client.post(reverse("banks:match"), {"file": _upload(reencoded)})
    assert page.status_code == 200
    body = page.content.decode()
    assert "KHI-CASE-7" in body and "uniform video" in body and 'class="match"' in body
    found = client.post(reverse("api-bank-match"), {"file": _upload(reencoded)}).json()
    assert found["kind"] == "video"
    assert [(m["bank"], m["entry"], m["how"], m["case_ref"]) for m in found["matches"]] == [
        ("removed", entry.pk, "vpdq", "KHI-CASE-7")
    ]
    unrelated = client.post(reverse("api-bank-match"), {"file": _upload(other_video)}).json()
    assert unrelated["matches"] == []
    assert 'id="no-match"' in client.post(reverse("banks:match"), {"file": _upload(other_video)}).content.decode()


def test_added_through_the_page_then_found_and_a_second_copy_refused(cast: Cast, video: Path, resized: Path) -> None:
    client = client_for(cast, "monitor")
    response = client.post(reverse("banks:entry_add", args=["removed"]),
                           {"file": _upload(video), "case_ref": "KHI-CASE-9"}, follow=True)  # fmt: skip
    entry = BankEntry.objects.get(bank__name="removed", case_ref="KHI-CASE-9")
    assert f"entry {entry.pk}" in response.content.decode()
    assert {row[3] for row in entry.vpdq} == set(range(12))  # enrolled with every crop region
    hits = client.post(reverse("api-bank-match"), {"file": _upload(resized)}).json()["matches"]
    assert [m["entry"] for m in hits] == [entry.pk]
    again = client.post(reverse("banks:entry_add", args=["removed"]), {"file": _upload(video)}, follow=True)
    assert "already in bank removed" in again.content.decode()
    assert BankEntry.objects.filter(bank__name="removed").count() == 1


def test_an_approved_entry_needs_its_account(cast: Cast, picture: Path) -> None:
    client = client_for(cast, "range_admin")
    response = client.post(reverse("banks:entry_add", args=["approved"]), {"file": _upload(picture)}, follow=True)
    assert "must name the official account" in response.content.decode()
    assert not BankEntry.objects.filter(bank__name="approved").exists()
    client.post(reverse("banks:entry_add", args=["approved"]),
                {"file": _upload(picture), "account": "tiktok:korangi_police"})  # fmt: skip
    assert BankEntry.objects.get(bank__name="approved").account == "tiktok:korangi_police"


def _hostile(tmp: Path) -> dict[str, tuple[str, bytes]]:
    bomb = f.png_header_only(tmp / "bomb.png", 60000, 60000).read_bytes()
    truncated = (tmp / "t.jpg").read_bytes()[:300] if (tmp / "t.jpg").exists() else b""
    return {
        "empty": ("empty.jpg", b""),
        "script named as a video": ("clip.mp4", b"<script>alert(1)</script>" * 40),
        "decompression bomb": ("bomb.png", bomb),
        "truncated picture": ("cut.jpg", truncated),
        "random bytes": ("noise.webm", bytes(range(256)) * 64),
    }


@pytest.mark.parametrize(
    "case", ["empty", "script named as a video", "decompression bomb", "truncated picture", "random bytes"]
)
def test_hostile_uploads_get_a_clear_error_and_nothing_is_added(cast: Cast, tmp_path: Path, case: str) -> None:
    f.save(f.scene(5), tmp_path / "t.jpg", quality=80)
    name, data = _hostile(tmp_path)[case]
    client = client_for(cast, "monitor")
    page = client.post(reverse("banks:match"), {"file": SimpleUploadedFile(name, data)})
    assert page.status_code == 400
    said = page.content.decode()
    assert (name in said and "refused" in said) or (case == "empty" and "The submitted file is empty." in said)
    api = client.post(reverse("api-bank-match"), {"file": SimpleUploadedFile(name, data)})
    assert api.status_code == 400
    assert name in api.json().get("detail", "") or api.json() == {"file": ["The submitted file is empty."]}
    added = client.post(reverse("banks:entry_add", args=["reference"]), {"file": SimpleUploadedFile(name, data)},
                        follow=True)  # fmt: skip
    assert added.status_code == 200
    assert not BankEntry.objects.exists()


def test_an_oversize_upload_is_refused_before_it_is_read(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    from zabta.banks import uploads

    monkeypatch.setattr(uploads, "MAX_UPLOAD_MB", 1)
    client = client_for(cast, "monitor")
    big = SimpleUploadedFile("big.mp4", b"\0" * (1024 * 1024 + 1))
    response = client.post(reverse("api-bank-match"), {"file": big})
    assert response.status_code == 400
    assert "too large" in response.json()["detail"]


def test_the_menu_shows_the_banks_to_readers_only(cast: Cast) -> None:
    link = f'href="{reverse("banks:list")}"'
    assert link in client_for(cast, "media").get(reverse("home")).content.decode()
    assert link not in client_for(cast, "constable").get(reverse("home")).content.decode()
