"""The rule context read from the account registry and the approvals: the same video on an official account with
a valid approval raises no clause-1 finding; on the officer's personal account it does."""

from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from tests.conftest import Cast
from zabta.content.actions import ItemInput, MediaInput, item_ingest
from zabta.content.models import ContentItem
from zabta.review.context import CLAUSE_IDENTIFIERS, apply_context
from zabta.review.screen import rule_context
from zabta.review.screening import SignalData

pytestmark = pytest.mark.skipif(
    not (apps.is_installed("zabta.accounts_registry") and apps.is_installed("zabta.approvals")),
    reason="registry and approvals not installed",
)
VIDEO = b"\x00\x00\x00\x18ftypmp42 the same video" * 10
UNIFORM = SignalData("media", "media-1", "media_police_marking", 0.93, True, ({"timecode": 2.0, "text": "POLICE"},))


def _post(cast: Cast, url: str, handle: str) -> ContentItem:
    data = ItemInput(url=url, account_handle=handle, author_personnel_id="P-1001", author_link_reason="seen in it",
                     posted_at=timezone.now() - timedelta(hours=1), media=(MediaInput(VIDEO, "v.mp4", "video/mp4"),))  # fmt: skip
    return item_ingest(data=data, actor=cast.monitor, channel="web", screen=False).item


def _approve(cast: Cast, account: Any) -> None:
    from zabta.approvals.models import ApprovalRequest, ApprovedFingerprint
    from zabta.evidence.store import sha256_bytes

    now = timezone.now()
    request = ApprovalRequest.objects.create(
        requester=cast.media, account=account, caption="Road safety week", purpose="awareness", planned_for=now,
        status="approved", submitted_at=now - timedelta(days=2), decided_at=now - timedelta(days=1),
        valid_until=now + timedelta(days=29),
    )  # fmt: skip
    ApprovedFingerprint.objects.create(kind="sha256", value=sha256_bytes(VIDEO), account=account, request=request,
                                       valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=29))  # fmt: skip


def test_official_account_with_approval_has_no_clause_1_finding(cast: Cast) -> None:
    from zabta.accounts_registry.actions import official_account_register

    account = official_account_register(actor=cast.sho, platform="tiktok", handle="@ps_kia_official", unit=cast.ps_kia)
    _approve(cast, account)
    item = _post(cast, "https://www.tiktok.com/@ps_kia_official/video/1", "@ps_kia_official")
    ctx = rule_context(item)
    assert (ctx.account_kind, ctx.approved) == ("official", True)
    assert apply_context([], [UNIFORM], ctx) == []


def test_same_video_on_a_personal_account_raises_the_finding(cast: Cast) -> None:
    from zabta.accounts_registry.actions import official_account_register, personal_account_declare

    official = official_account_register(actor=cast.sho, platform="tiktok", handle="@ps_kia_official", unit=cast.ps_kia)
    _approve(cast, official)
    personal_account_declare(actor=cast.constable, platform="tiktok", handle="@imran_personal")
    item = _post(cast, "https://www.tiktok.com/@imran_personal/video/2", "@imran_personal")
    ctx = rule_context(item)
    assert (ctx.account_kind, ctx.approved) == ("personal", False)
    [finding] = apply_context([], [UNIFORM], ctx)
    assert finding.clause_key == CLAUSE_IDENTIFIERS and "personal account" in finding.rationale


def test_official_account_without_approval_raises_it(cast: Cast) -> None:
    from zabta.accounts_registry.actions import official_account_register

    official_account_register(actor=cast.sho, platform="tiktok", handle="@ps_kia_official", unit=cast.ps_kia)
    item = _post(cast, "https://www.tiktok.com/@ps_kia_official/video/3", "@ps_kia_official")
    ctx = rule_context(item)
    assert (ctx.account_kind, ctx.approved) == ("official", False)
    assert [f.clause_key for f in apply_context([], [UNIFORM], ctx)] == [CLAUSE_IDENTIFIERS]
