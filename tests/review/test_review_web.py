"""The review pages: queue order and filters, claim visible to others, decide with a reason, bulk decide."""

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.conftest import Cast
from tests.review.factories import item_with_findings
from zabta.audit.models import AuditEvent
from zabta.review.models import Finding, FindingStatus


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_queue_orders_by_severity_then_age_and_filters(cast: Cast) -> None:
    _a, [low] = item_with_findings(cast.monitor, text="a")
    Finding.objects.filter(pk=low.pk).update(severity="low", severity_rank=1)
    _b, [high] = item_with_findings(cast.monitor, text="b", clauses=("KHI-2024-SM-2",))
    page = _client(cast.monitor).get(reverse("review:queue")).content.decode()
    assert page.index(f'data-id="{high.pk}"') < page.index(f'data-id="{low.pk}"')
    only = _client(cast.monitor).get(reverse("review:queue"), {"clause_key": "KHI-2024-SM-2"}).content.decode()
    assert f'data-id="{high.pk}"' in only and f'data-id="{low.pk}"' not in only


def test_claim_shows_to_others_and_decision_needs_reason(cast: Cast) -> None:
    _item, [finding] = item_with_findings(cast.monitor, text="Ye bayan siyasi hai")
    monitor = _client(cast.monitor)
    monitor.post(reverse("review:claim", args=[finding.pk]))
    other = _client(cast.range_admin).get(reverse("review:finding", args=[finding.pk])).content.decode()
    assert "Claimed by monitor" in other
    page = monitor.get(reverse("review:finding", args=[finding.pk])).content.decode()
    assert '<mark class="flag" title="term">Ye b</mark>' in page and "blurred" in page
    monitor.post(reverse("review:decide", args=[finding.pk]), {"decision": "confirmed", "reason": ""})
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.PENDING
    monitor.post(reverse("review:decide", args=[finding.pk]), {"decision": "confirmed", "reason": "political view"})
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.CONFIRMED


def test_bulk_decide_from_the_queue(cast: Cast) -> None:
    found = [item_with_findings(cast.monitor, text=f"t{i}")[1][0] for i in range(3)]
    _client(cast.monitor).post(reverse("review:bulk_decide"), {
        "findings": [f.pk for f in found[:2]], "decision": "dismissed", "reason": "news quotes"})  # fmt: skip
    assert Finding.objects.filter(status=FindingStatus.DISMISSED).count() == 2
    assert AuditEvent.objects.filter(action="review.finding.dismissed").count() == 2


def test_viewing_personal_content_is_logged(cast: Cast) -> None:
    item, [finding] = item_with_findings(cast.monitor)
    _client(cast.monitor).get(reverse("review:finding", args=[finding.pk]))
    assert AuditEvent.objects.filter(action="content.item.viewed", object_id=str(item.pk)).count() == 1


def test_queue_speaks_urdu(cast: Cast) -> None:
    client = _client(cast.monitor)
    client.post(reverse("set_language"), {"language": "ur", "next": "/"})
    page = client.get(reverse("review:queue")).content.decode()
    assert "جائزے کی قطار" in page and "کچھ بھی جائزے کا منتظر نہیں" in page
