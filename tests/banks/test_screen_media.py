"""`zabta screen-media` end to end: bank re-uploads, approvals by account, police markings with timecodes."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.media import factories as f
from zabta.banks import actions
from zabta.banks.models import Bank
from zabta.banks.screening import screen_media_file
from zabta.screening.directives import rule_sets_in_force
from zabta.screening.media.config import MediaConfig
from zabta.screening.media.fingerprint import fingerprint_file

pytestmark = pytest.mark.django_db
CONFIG = dataclasses.replace(MediaConfig(), nudity_enabled=False)
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def screen(path: Path, **kwargs: Any) -> dict[str, Any]:
    result = screen_media_file(path, rule_sets=rule_sets_in_force(), config=CONFIG, at=NOW, **kwargs)
    return result.to_dict()


def clauses(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["clause"], f["rule"]) for f in data["findings"]]


def test_reupload_of_removed_video_is_a_finding_pointing_at_the_case(video: Path, reencoded: Path) -> None:
    actions.bank_entry_add(bank=Bank.objects.get(name="removed"), fingerprint=fingerprint_file(video), actor="t",
                           case_ref="CASE-2026-17")  # fmt: skip
    data = screen(reencoded, account="tiktok:someone", account_kind="personal")
    assert ("KHI-2024-SM-6", "sm6-removed-reupload") in clauses(data)
    [hit] = data["bank_matches"]
    assert hit["case_ref"] == "CASE-2026-17" and hit["bank"] == "removed"
    assert data["labels"]["bank_match"]["decision"] is True


def test_approved_video_is_compliant_on_its_account_and_not_on_a_personal_one(video: Path, reencoded: Path) -> None:
    actions.bank_entry_add(bank=Bank.objects.get(name="approved"), fingerprint=fingerprint_file(video), actor="t",
                           account="facebook:sindhpolicekarachi", valid_until=datetime(2026, 12, 31, tzinfo=UTC))  # fmt: skip
    own = screen(reencoded, account="facebook:sindhpolicekarachi", account_kind="official")
    assert own["approval"] == "own_account"
    # Text findings on the caption are the text detectors' business; no media rule fires on an approved post.
    assert [c for c in clauses(own) if c[0] in ("KHI-2024-SM-1", "KHI-2024-SM-6")] == []
    assert own["labels"]["bank_match"]["decision"] is False
    assert "compliant" in own["labels"]["bank_match"]["notes"][0]
    personal = screen(reencoded, account="tiktok:constable_ali", account_kind="personal")
    assert personal["approval"] == "other_account"
    assert ("KHI-2024-SM-1", "sm1-approved-elsewhere") in clauses(personal)
    assert ("KHI-2024-SM-1", "sm1-police-marking") in clauses(personal)


def test_police_caption_in_a_personal_video_is_clause_1_with_its_second(tmp_path: Path) -> None:
    scenes = [f.scene(111), f.caption(f.scene(112), "SINDH POLICE", at=(60, 150)), f.scene(113)]
    video = f.write_video(tmp_path / "tiktok.mp4", f.slideshow(scenes, 2.0), frames=150)
    data = screen(video, account="tiktok:constable_ali", account_kind="personal")
    [finding] = [x for x in data["findings"] if x["rule"] == "sm1-police-marking"]
    assert finding["clause"] == "KHI-2024-SM-1"
    assert 1.9 <= finding["evidence"][0]["timecode"] <= 4.0
    assert data["labels"]["police_marking"]["evidence"][0]["text"] == "SINDH POLICE"


def test_command_prints_json_and_readable_findings(tmp_path: Path) -> None:
    img = f.save(f.caption(f.scene(114, 800, 450), "SINDH POLICE", at=(60, 60)), tmp_path / "post.png")
    out = StringIO()
    call_command("screen_media", str(img), "--json", "--account-kind", "personal", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) >= {"labels", "findings", "media", "bank_matches"}
    assert data["labels"]["police_marking"]["decision"] is True
    text = StringIO()
    call_command("screen_media", str(img), stdout=text)
    assert "KHI-2024-SM-1" in text.getvalue() and "NOT RUN" in text.getvalue()


def test_command_refuses_hostile_file_with_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "clip.mp4"
    bad.write_bytes(b"<script>alert(1)</script>")
    with pytest.raises(CommandError, match="not a recognised image, video or audio format"):
        call_command("screen_media", str(bad))
