"""Media of content ordered removed goes into the removed bank; a re-upload elsewhere is then found by screening."""

import io
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.conftest import Cast
from tests.media.factories import scene
from zabta.content.actions import ItemInput, MediaInput, item_ingest
from zabta.review.actions import finding_claim, finding_decide, screening_record
from zabta.review.screen import screen_item
from zabta.review.screening import FindingData, Outcome

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not apps.is_installed("zabta.cases"), reason="cases app not installed"),
]


def _png(seed: int) -> bytes:
    out = io.BytesIO()
    scene(seed).save(out, format="PNG")
    return out.getvalue()


def test_removed_media_is_banked_and_a_reupload_is_found(cast: Cast, settings: Any, tmp_path: Any) -> None:
    from zabta.banks.models import BankEntry
    from zabta.cases.models import Case
    from zabta.cases.removal import notice_issue

    settings.DATA_DIR = tmp_path / "data"
    picture = _png(7)
    item = item_ingest(data=ItemInput(text="PTI zindabad", author_personnel_id="P-1001", author_link_reason="test",
                                      media=(MediaInput(picture, "p.png", "image/png"),)),
                       actor=cast.monitor, channel="web", screen=False).item  # fmt: skip
    run = screening_record(item=item, text=Outcome("analysed"), media=Outcome("analysed"), context={},
                           findings=[FindingData("d", "KHI-2024-SM-3", "high", 0.9, "r", "political", ("x",))],
                           started_at=item.created_at)  # fmt: skip
    finding = run.findings.get()
    finding_claim(finding=finding, actor=cast.monitor)
    finding_decide(finding=finding, actor=cast.monitor, decision="confirmed", reason="political slogan")
    case = Case.objects.get()
    notice_issue(case=case, actor=cast.ssp)
    out = io.StringIO()
    call_command("review", "sync-removed", stdout=out)
    [entry] = BankEntry.objects.filter(bank__kind="removed")
    assert entry.case_ref == case.reference and "1 file(s)" in out.getvalue()
    call_command("review", "sync-removed", stdout=out)  # idempotent
    assert BankEntry.objects.filter(bank__kind="removed").count() == 1

    again = item_ingest(data=ItemInput(url="https://www.facebook.com/other/posts/9", author_personnel_id="P-1007",
                                       author_link_reason="re-upload", media=(MediaInput(picture, "r.png", "image/png"),)),
                        actor=cast.monitor, channel="web", screen=False).item  # fmt: skip
    run = screen_item(again)
    bank_signals = [s for s in run.signals if s["label"] == "media_bank_match"]
    assert bank_signals and bank_signals[0]["decision"] is True, run.media_status
