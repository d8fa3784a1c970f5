"""Confirmed findings hand over to cases (issue on enforcement) through an adapter: no cases app, no hand-over."""

import importlib
from typing import Any

from django.apps import apps

from zabta.review.models import Finding

MEDIA_ROLES = ("media", "screenshot")


def hand_over(*, finding: Finding, actor: Any) -> dict[str, str]:
    """Open (or fold into) the officer's case for this content; says what happened, for the audit event."""
    if not apps.is_installed("zabta.cases"):
        return {"handover": "cases app not installed"}
    try:
        actions = importlib.import_module("zabta.cases.actions")
        errors = importlib.import_module("zabta.cases.errors")
    except ImportError:
        return {"handover": "cases app not installed"}
    item = finding.item
    hashes = [m.evidence.sha256 for m in item.media.select_related("evidence") if m.role in MEDIA_ROLES]
    try:
        case = actions.case_open(
            actor=actor, officer=item.author, clause_keys=[finding.clause_key],
            posted_at=item.posted_at or item.created_at, captured_at=item.created_at, source="finding",
            unit=item.unit, account_handle=item.account_handle, platform=item.platform, content_url=item.url,
            content_sha256=hashes[0] if hashes else "", content_text=item.text,
            evidence={"item": item.pk, "finding": finding.pk, "media_sha256": hashes, "max_score": finding.score},
            followers=item.followers, views=item.views, finding_ref=f"finding:{finding.pk}",
        )  # fmt: skip
    except errors.CaseInputError as exc:
        return {"handover": f"no case opened: {exc}"}
    return {"handover": "case", "case": case.reference}
