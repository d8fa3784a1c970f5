"""Reviewer decisions as training data for ``zabta train``: one JSON line per decided finding with text.

Each row names the labels the reviewer judged (``judged_labels``: the labels of the finding) and, for each of
them, a column with the verdict: 1 when the finding was confirmed, 0 when it was dismissed. ``labels`` lists
only the confirmed ones. ``zabta train --label L`` reads the column ``L`` and leaves out rows that did not judge
``L`` (a decision on a religious finding says nothing about political views). Items without text (media only)
have nothing to learn from and are left out; the command says how many.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from zabta.review.models import Finding, FindingStatus


def _row(f: Finding) -> dict[str, object]:
    confirmed = f.status == FindingStatus.CONFIRMED
    judged = [str(label) for label in dict.fromkeys(f.labels or [])]
    verdicts: dict[str, object] = dict.fromkeys(judged, 1 if confirmed else 0)
    return {**verdicts, "id": f"finding-{f.pk}", "text": f.item.text, "language": f.language,
            "clause": f.clause_key, "judged_labels": judged, "labels": judged if confirmed else [],
            "label_value": 1 if confirmed else 0, "decision": f.status, "reason": f.decision_reason,
            "detectors": f.detectors, "score": f.score,
            "decided_at": f.decided_at.isoformat() if f.decided_at else None, "source": "reviewer"}  # fmt: skip


def decided_findings() -> Iterator[Finding]:
    decided = Finding.objects.filter(status__in=[FindingStatus.CONFIRMED, FindingStatus.DISMISSED])
    yield from decided.select_related("item").order_by("id").iterator(chunk_size=2000)


@dataclass(frozen=True)
class ExportCount:
    written: int
    without_text: int


def write_jsonl(out: IO[str]) -> ExportCount:
    written = without_text = 0
    for finding in decided_findings():
        if not finding.item.text.strip():
            without_text += 1
            continue
        out.write(json.dumps(_row(finding), ensure_ascii=False) + "\n")
        written += 1
    return ExportCount(written, without_text)
