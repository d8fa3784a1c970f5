"""Bank lookups: re-uploads of removed media are found, approvals hold only on their own account."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from zabta.banks import actions
from zabta.banks.index import PdqIndex
from zabta.banks.matching import approval_status, match_fingerprint
from zabta.banks.models import Bank
from zabta.screening.media.fingerprint import fingerprint_file
from zabta.screening.media.hashing import QUERY_VARIANTS

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _bank(name: str) -> Bank:
    return Bank.objects.get(name=name)


def test_reencoded_cropped_video_is_found_in_removed_bank_with_its_case(video: Path, reencoded: Path) -> None:
    entry = actions.bank_entry_add(
        bank=_bank("removed"), fingerprint=fingerprint_file(video), actor="t", case_ref="C-1"
    )
    hits = match_fingerprint(fingerprint_file(reencoded))
    assert [(h.bank, h.entry_id, h.how, h.case_ref) for h in hits] == [("removed", entry.pk, "vpdq", "C-1")]
    assert hits[0].query_percent is not None and hits[0].query_percent >= 80


@pytest.mark.parametrize(
    "crop",
    [
        "crop=iw*0.9:ih*0.9:0:0",  # the bottom and right 10% cut off
        "crop=iw*0.9:ih*0.9:iw*0.1:ih*0.1",  # the top and left 10%
        "crop=iw*0.9:ih:iw*0.1:0",  # the left 10%
        "crop=iw:ih*0.9:0:0",  # the bottom 10%
    ],
)
def test_video_cropped_off_centre_is_found_and_unrelated_video_is_not(
    video: Path, other_video: Path, media_dir: Path, crop: str
) -> None:
    from tests.media import factories as f

    entry = actions.bank_entry_add(bank=_bank("removed"), fingerprint=fingerprint_file(video), actor="t")
    copy = media_dir / f"crop-{crop.replace(':', '_').replace('*', '')}.mp4"
    f.ffmpeg("-i", str(video), "-vf", f"{crop},scale=480:270", "-crf", "33", str(copy))
    hits = match_fingerprint(fingerprint_file(copy, variants=QUERY_VARIANTS))
    assert [(h.entry_id, h.how) for h in hits] == [(entry.pk, "vpdq")]
    assert match_fingerprint(fingerprint_file(other_video, variants=QUERY_VARIANTS)) == []


def test_index_is_rebuilt_after_an_addition_that_was_rolled_back(picture: Path, video: Path, reencoded: Path) -> None:
    from django.db import transaction

    bank = _bank("removed")
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.bank_entry_add(bank=bank, fingerprint=fingerprint_file(picture), actor="t")
        assert len(match_fingerprint(fingerprint_file(picture), [bank])) == 1  # the index now holds the picture
        raise RuntimeError("the enclosing change failed")
    # the same revision number comes back with other content: the cached index must not be reused
    entry = actions.bank_entry_add(bank=_bank("removed"), fingerprint=fingerprint_file(video), actor="t")
    assert _bank("removed").revision == 1
    hits = match_fingerprint(fingerprint_file(reencoded, variants=QUERY_VARIANTS), [_bank("removed")])
    assert [(h.entry_id, h.how) for h in hits] == [(entry.pk, "vpdq")]
    assert match_fingerprint(fingerprint_file(picture), [_bank("removed")]) == []


def test_exact_copy_matches_by_sha256(video: Path) -> None:
    actions.bank_entry_add(bank=_bank("removed"), fingerprint=fingerprint_file(video), actor="t")
    hits = match_fingerprint(fingerprint_file(video))
    assert [(h.how, h.distance) for h in hits] == [("sha256", 0)]


def test_different_video_does_not_match(video: Path, other_video: Path) -> None:
    actions.bank_entry_add(bank=_bank("removed"), fingerprint=fingerprint_file(video), actor="t")
    assert match_fingerprint(fingerprint_file(other_video)) == []


def test_resized_jpeg_copy_of_a_picture_matches_by_pdq(picture: Path, picture_copy: Path) -> None:
    actions.bank_entry_add(bank=_bank("reference"), fingerprint=fingerprint_file(picture), actor="t")
    hits = match_fingerprint(fingerprint_file(picture_copy))
    assert [(h.bank, h.how) for h in hits] == [("reference", "pdq")]
    assert hits[0].distance <= 31


def test_per_bank_threshold_is_respected(picture: Path, picture_copy: Path) -> None:
    strict = actions.bank_create(name="strict", kind="removed", actor="t", pdq_threshold=0)
    actions.bank_entry_add(bank=strict, fingerprint=fingerprint_file(picture), actor="t")
    assert match_fingerprint(fingerprint_file(picture_copy), [strict]) == []


def test_removed_entry_no_longer_matches(picture: Path, picture_copy: Path) -> None:
    entry = actions.bank_entry_add(bank=_bank("removed"), fingerprint=fingerprint_file(picture), actor="t")
    assert match_fingerprint(fingerprint_file(picture_copy))
    actions.bank_entry_remove(entry=entry, actor="t", reason="withdrawn")
    assert match_fingerprint(fingerprint_file(picture_copy)) == []


def test_approved_video_is_compliant_only_on_its_own_account_within_validity(video: Path, reencoded: Path) -> None:
    actions.bank_entry_add(bank=_bank("approved"), fingerprint=fingerprint_file(video), actor="t",
                           account="facebook:SindhPoliceKarachi", valid_from=datetime(2026, 1, 1, tzinfo=UTC),
                           valid_until=datetime(2026, 12, 31, tzinfo=UTC))  # fmt: skip
    hits = match_fingerprint(fingerprint_file(reencoded))
    assert approval_status(hits, account="facebook:sindhpolicekarachi", at=NOW) == "own_account"
    assert approval_status(hits, account="tiktok:constable_ali", at=NOW) == "other_account"
    assert (
        approval_status(hits, account="facebook:SindhPoliceKarachi", at=datetime(2027, 2, 1, tzinfo=UTC)) == "expired"
    )


def test_index_finds_all_hashes_within_radius_exact_and_multi_hash() -> None:
    rng = np.random.default_rng(3)
    bank = rng.integers(0, 256, (5000, 32), dtype=np.uint8)
    query = bank[123].copy()
    flips = rng.choice(256, 12, replace=False)
    bits = np.unpackbits(query)
    bits[flips] ^= 1
    query = np.packbits(bits)
    for limit in (10_000, 100):  # flat index, then multi-index hashing
        hits = PdqIndex(bank, exact_limit=limit).search(query[None, :], 31)
        assert [(h.row, h.distance) for h in hits] == [(123, 12)]
