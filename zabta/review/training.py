"""Reviewer decisions as training data: one JSON line per decided finding (confirmed = positive, dismissed = negative)."""

import json
from collections.abc import Iterator
from typing import IO

from zabta.review.models import Finding, FindingStatus


def decision_rows() -> Iterator[dict[str, object]]:
    decided = Finding.objects.filter(status__in=[FindingStatus.CONFIRMED, FindingStatus.DISMISSED])
    for f in decided.select_related("item").order_by("id").iterator(chunk_size=2000):
        yield {"id": f"finding-{f.pk}", "text": f.item.text, "language": f.language, "clause": f.clause_key,
               "labels": f.labels, "label_value": 1 if f.status == FindingStatus.CONFIRMED else 0,
               "decision": f.status, "reason": f.decision_reason, "detectors": f.detectors, "score": f.score,
               "decided_at": f.decided_at.isoformat() if f.decided_at else None, "source": "reviewer"}  # fmt: skip


def write_jsonl(out: IO[str]) -> int:
    count = 0
    for row in decision_rows():
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
