"""item_ingest: dedup by URL or content, author links within scope, the entitlement guardrail, audit."""

import pytest

from tests.conftest import Cast
from zabta.audit.models import AuditEvent
from zabta.content.actions import IntakeError, ItemInput, MediaInput, item_ingest
from zabta.content.models import ContentItem
from zabta.evidence.models import CustodyEvent, EvidenceFile


def _post(**kw: object) -> ItemInput:
    values: dict[str, object] = {"author_personnel_id": "P-1001", "author_link_reason": "his own TikTok"} | kw
    return ItemInput(**values)  # type: ignore[arg-type]


def test_same_url_twice_updates_the_item_and_never_duplicates(cast: Cast) -> None:
    first = item_ingest(data=_post(url="https://www.tiktok.com/@imran/video/1?utm_source=wa", views=10),
                        actor=cast.monitor, channel="web", screen=False)  # fmt: skip
    again = item_ingest(data=_post(url="https://tiktok.com/@imran/video/1/", views=500), actor=cast.monitor,
                        channel="api", screen=False)  # fmt: skip
    assert first.created and not again.created and first.item.pk == again.item.pk
    item = ContentItem.objects.get()
    assert item.views == 500 and item.times_seen == 2 and item.platform == "tiktok"
    actions = list(AuditEvent.objects.filter(object_id=str(item.pk), object_type="content.contentitem")
                   .values_list("action", flat=True))  # fmt: skip
    assert actions == ["content.item.created", "content.item.seen_again"]


def test_same_content_without_url_is_one_item(cast: Cast) -> None:
    shot = MediaInput(data=b"\x89PNG fake screenshot bytes", name="s.png", content_type="image/png")
    a = item_ingest(data=_post(text="Ye  wardi   meri shaan", media=(shot,)), actor=cast.monitor, channel="web",
                    screen=False)  # fmt: skip
    b = item_ingest(data=_post(text="Ye wardi meri shaan", media=(shot,)), actor=cast.monitor, channel="web",
                    screen=False)  # fmt: skip
    assert a.item.pk == b.item.pk and ContentItem.objects.count() == 1
    assert EvidenceFile.objects.count() == 1 and CustodyEvent.objects.count() == 2  # stored once, both sightings logged


def test_different_text_without_url_is_a_new_item(cast: Cast) -> None:
    item_ingest(data=_post(text="one"), actor=cast.monitor, channel="web", screen=False)
    item_ingest(data=_post(text="two"), actor=cast.monitor, channel="web", screen=False)
    assert ContentItem.objects.count() == 2


def test_author_link_records_who_and_why_and_sets_the_unit(cast: Cast) -> None:
    item = item_ingest(data=_post(text="hello"), actor=cast.monitor, channel="web", screen=False).item
    assert item.author is not None and item.author.personnel_id == "P-1001"
    assert item.author_linked_by == "monitor" and item.author_link_reason == "his own TikTok"
    assert item.unit == cast.ps_kia


def test_officer_outside_the_monitors_scope_cannot_be_linked(cast: Cast) -> None:
    with pytest.raises(IntakeError, match="P-1008"):
        item_ingest(data=_post(text="x", author_personnel_id="P-1008"), actor=cast.monitor, channel="web")


def test_unknown_account_without_linked_officer_is_not_taken_in(cast: Cast) -> None:
    with pytest.raises(IntakeError, match="neither official"):
        item_ingest(data=ItemInput(url="https://www.tiktok.com/@someone/video/9"), actor=cast.monitor, channel="web")
    assert not ContentItem.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (ItemInput(author_personnel_id="P-1001"), "needs a URL"),
        (ItemInput(url="javascript:alert(1)", author_personnel_id="P-1001"), "not a web address"),
        (ItemInput(url="file:///etc/passwd", author_personnel_id="P-1001"), "not a web address"),
        (ItemInput(text="x" * 20_001, author_personnel_id="P-1001"), "longer than"),
        (ItemInput(text="x", kind="tweetstorm", author_personnel_id="P-1001"), "unknown kind"),
        (ItemInput(text="x", views=-1, author_personnel_id="P-1001"), "negative"),
    ],
)
def test_bad_input_is_refused_with_a_reason(cast: Cast, data: ItemInput, message: str) -> None:
    with pytest.raises(IntakeError, match=message):
        item_ingest(data=data, actor=cast.monitor, channel="web")


def test_a_share_points_at_the_original(cast: Cast) -> None:
    share = item_ingest(data=_post(url="https://facebook.com/share/55", kind="share",
                                   original_url="https://facebook.com/page/posts/1"),
                        actor=cast.monitor, channel="web", screen=False).item  # fmt: skip
    assert share.original is not None and share.original.url == "https://facebook.com/page/posts/1"


def test_html_in_text_is_kept_as_text(cast: Cast) -> None:
    item = item_ingest(data=_post(text="<script>alert(1)</script>"), actor=cast.monitor, channel="web",
                       screen=False).item  # fmt: skip
    assert item.text == "<script>alert(1)</script>"


def test_the_audit_names_the_item_by_number_platform_and_url(cast: Cast) -> None:
    made = item_ingest(data=_post(url="https://x.com/imran/status/9"), actor=cast.monitor, channel="web", screen=False)
    event = AuditEvent.objects.get(action="content.item.created", object_id=str(made.item.pk))
    assert event.object_repr == str(made.item) == f"#{made.item.pk} X (Twitter) https://x.com/imran/status/9"
