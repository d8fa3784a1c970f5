"""What decisions feed: cases (hand-over), detector precision, and training data."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.conftest import Cast
from tests.review.factories import item_with_findings
from zabta.audit.models import AuditEvent
from zabta.review.actions import finding_claim, finding_decide
from zabta.review.models import Finding
from zabta.review.selectors import detector_precision


def _decide(cast: Cast, finding: Finding, decision: str) -> Finding:
    finding_claim(finding=finding, actor=cast.monitor)
    return finding_decide(finding=finding, actor=cast.monitor, decision=decision, reason="reviewed carefully")


NEEDS_CASES = pytest.mark.skipif(not apps.is_installed("zabta.cases"), reason="cases app not installed")


@NEEDS_CASES
def test_confirmed_finding_opens_a_case_for_the_officer(cast: Cast) -> None:
    from zabta.cases.models import Case

    _item, [finding] = item_with_findings(cast.monitor, text="PTI zindabad, ye hukumat chor hai")
    _decide(cast, finding, "confirmed")
    case = Case.objects.get()
    assert case.officer is not None and case.officer.personnel_id == "P-1001"
    assert case.finding_refs == [f"finding:{finding.pk}"] and case.source == "finding"
    event = AuditEvent.objects.get(action="review.finding.confirmed")
    assert event.after is not None and event.after["case"] == case.reference


@NEEDS_CASES
def test_dismissed_finding_opens_no_case(cast: Cast) -> None:
    from zabta.cases.models import Case

    _item, [finding] = item_with_findings(cast.monitor)
    _decide(cast, finding, "dismissed")
    assert not Case.objects.exists()


def test_precision_per_detector_comes_from_decisions(cast: Cast) -> None:
    findings = [item_with_findings(cast.monitor, text=f"post {i}")[1][0] for i in range(4)]
    for finding, decision in zip(findings, ["confirmed", "confirmed", "confirmed", "dismissed"], strict=True):
        _decide(cast, finding, decision)
    [row] = detector_precision(Finding.objects.all())
    assert (row.detector, row.confirmed, row.dismissed, row.precision) == ("lexicon@3", 3, 1, 0.75)


def test_decisions_export_as_training_rows(cast: Cast, tmp_path: Path) -> None:
    _item, [yes] = item_with_findings(cast.monitor, text="Siyasi post")
    _item2, [no] = item_with_findings(cast.monitor, text="Khabar ka iqtibas")
    _decide(cast, yes, "confirmed")
    _decide(cast, no, "dismissed")
    out = tmp_path / "decisions.jsonl"
    call_command("review", "export-decisions", "--out", str(out), stdout=io.StringIO())
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["text"], r["label_value"], r["clause"]) for r in rows] == [
        ("Siyasi post", 1, "KHI-2024-SM-3"), ("Khabar ka iqtibas", 0, "KHI-2024-SM-3")]  # fmt: skip


@NEEDS_CASES
def test_a_case_bundle_holds_its_items_evidence(cast: Cast, tmp_path: Path, settings: object) -> None:
    from zabta.cases.models import Case
    from zabta.evidence.bundle import verify_bundle

    settings.DATA_DIR = tmp_path / "data"  # type: ignore[attr-defined]
    _item, [finding] = item_with_findings(cast.monitor, text="PTI zindabad")
    _decide(cast, finding, "confirmed")
    case = Case.objects.get()
    out = tmp_path / "case.zip"
    call_command("evidence", "export", f"case:{case.reference}", "--out", str(out), stdout=io.StringIO())
    assert verify_bundle(out) == []
    manifest = json.loads(zipfile.ZipFile(out).read("manifest.json"))
    assert manifest["subject"] == f"case {case.reference}" and [i["id"] for i in manifest["items"]] == [_item.pk]
