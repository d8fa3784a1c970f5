"""Intake enqueues screening; the task records what ran, never a silent clean when a part could not run."""

from typing import Any

from tests.conftest import Cast
from zabta.content.actions import ItemInput, MediaInput, item_ingest
from zabta.review.models import ScreeningRun


def test_intake_queues_screening_that_records_a_run(
    cast: Cast, immediate_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    data = ItemInput(text="Aaj thane mein sab theek hai", author_personnel_id="P-1001", author_link_reason="own")
    with django_capture_on_commit_callbacks(execute=True):
        item = item_ingest(data=data, actor=cast.monitor, channel="web").item
    run = ScreeningRun.objects.get(item=item)
    assert run.media_status == "no media"
    assert run.text_status == "analysed" or run.text_status.startswith("text not analysed: ")
    assert run.context["account_kind"] in ("unknown", "personal", "official", "discovered")


def test_unreadable_media_is_reported_as_not_analysed(
    cast: Cast, immediate_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    broken = MediaInput(b"\x89PNG\r\n\x1a\nthis is not really an image", "broken.png", "image/png")
    data = ItemInput(media=(broken,), author_personnel_id="P-1001", author_link_reason="own")
    with django_capture_on_commit_callbacks(execute=True):
        item = item_ingest(data=data, actor=cast.monitor, channel="web").item
    run = ScreeningRun.objects.get(item=item)
    assert run.media_status.startswith("media not analysed"), run.media_status
    assert not item.findings.exists()
