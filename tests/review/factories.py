"""Items and findings for review tests, made through the real actions."""

from zabta.content.actions import ItemInput, item_ingest
from zabta.content.models import ContentItem
from zabta.review.actions import screening_record
from zabta.review.models import Finding
from zabta.review.screening import FindingData, Outcome


def item_with_findings(actor: object, text: str = "post", clauses: tuple[str, ...] = ("KHI-2024-SM-3",),
                       author: str = "P-1001") -> tuple[ContentItem, list[Finding]]:  # fmt: skip
    item = item_ingest(data=ItemInput(text=text, author_personnel_id=author, author_link_reason="test"),
                       actor=actor, channel="web", screen=False).item  # fmt: skip
    found = [FindingData("KHI-2024-SM v1", c, "high", 0.9, "rule", f"{c} words", ("political_view",),
                         ({"start": 0, "end": 4, "text": text[:4], "reason": "term"},)) for c in clauses]  # fmt: skip
    run = screening_record(item=item, text=Outcome("analysed", "roman_ur", versions={"lexicon": "3"}),
                           media=Outcome("no media"), findings=found, context={}, started_at=item.created_at)  # fmt: skip
    return item, list(run.findings.order_by("id"))
