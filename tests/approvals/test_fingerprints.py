"""Approved media counts only on the account it was approved for and only while valid (clause 1)."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from tests.accounts_registry.factories import korangi_tiktok
from tests.approvals.factories import picture_bytes, resized_copy, submitted
from tests.conftest import Cast
from zabta.accounts_registry.actions import official_account_register
from zabta.approvals.actions import request_decide
from zabta.approvals.fingerprints import Approval, approval_for_media, is_media_approved
from zabta.approvals.models import ApprovalRequest
from zabta.screening.media.fingerprint import fingerprint_file

pytestmark = pytest.mark.django_db


def _approved(cast: Cast) -> tuple[str, ApprovalRequest]:
    request = request_decide(request=submitted(cast, seed=5), actor=cast.ssp, decision="approve", reason="ok")
    return request.media.get().sha256, request


def test_same_bytes_on_the_same_account_while_valid_are_approved(cast: Cast) -> None:
    sha, request = _approved(cast)
    match = approval_for_media(account=request.account, at=timezone.now(), sha256=sha)
    assert match.status == Approval.APPROVED and match.request_id == request.pk


def test_on_a_personal_or_unknown_account_it_is_never_approved(cast: Cast) -> None:
    sha, _request = _approved(cast)
    assert not is_media_approved(account=None, at=timezone.now(), sha256=sha)
    assert approval_for_media(account=None, at=timezone.now(), sha256=sha).status == Approval.OTHER_ACCOUNT


def test_on_another_official_account_it_is_not_approved(cast: Cast) -> None:
    sha, _request = _approved(cast)
    other = official_account_register(actor=cast.dig, platform="facebook", handle="EastZonePolice", unit=cast.east)
    assert approval_for_media(account=other, at=timezone.now(), sha256=sha).status == Approval.OTHER_ACCOUNT


def test_after_expiry_it_is_expired(cast: Cast) -> None:
    sha, request = _approved(cast)
    assert request.valid_until is not None
    later = request.valid_until + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        match = approval_for_media(account=request.account, at=timezone.now(), sha256=sha)
    assert match.status == Approval.EXPIRED


def test_never_approved_media_is_none(cast: Cast) -> None:
    account = korangi_tiktok(cast)
    assert approval_for_media(account=account, at=timezone.now(), sha256="0" * 64).status == Approval.NONE
    assert approval_for_media(account=account, at=timezone.now()).status == Approval.NONE


def test_a_resized_reencoded_copy_matches_through_the_perceptual_bank(cast: Cast, tmp_path: Path) -> None:
    _sha, request = _approved(cast)
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(resized_copy(picture_bytes(5)))
    fingerprint = fingerprint_file(copy)
    match = approval_for_media(account=request.account, at=timezone.now(), fingerprint=fingerprint)
    assert match.status == Approval.APPROVED and match.how == "pdq" and match.request_id == request.pk
    unrelated = tmp_path / "other.jpg"
    unrelated.write_bytes(picture_bytes(77))
    other = approval_for_media(account=request.account, at=timezone.now(), fingerprint=fingerprint_file(unrelated))
    assert other.status == Approval.NONE
