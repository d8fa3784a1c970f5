"""Reviewer decisions exported with `zabta review export-decisions` train a model with the real `zabta train`."""

import io
import json
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from tests.conftest import Cast
from tests.review.factories import item_with_findings
from zabta.content.actions import ItemInput, MediaInput, item_ingest
from zabta.review.actions import finding_claim, finding_decide, screening_record
from zabta.review.models import Finding
from zabta.review.screening import FindingData, Outcome
from zabta.screening.linear import LinearModel
from zabta.screening.normalise import normalise

POLITICAL = [
    "PTI zindabad, imran khan hamara leader hai",
    "Ye hukumat chor hai, next election mein PMLN ko vote do",
    "PPP jiye bhutto, Sindh ki awaz sirf bilawal",
    "Jamaat e Islami ka jalsa kal, sab log pohncho vote do",
]
DISMISSED = [
    "Madadgar 15 par call karein, thana Saddar ki helpline",
    "Aaj traffic police ne Shahrah e Faisal par naka lagaya",
    "Eid ki chuttiyon mein duty roster jaari kar diya gaya",
    "Thana Gulshan ki team ne chori ki gari baramad kar li",
]


def _decide(cast: Cast, finding: Finding, decision: str) -> None:
    finding_claim(finding=finding, actor=cast.monitor)
    finding_decide(finding=finding, actor=cast.monitor, decision=decision, reason="reviewed against the directive")


def _decided(cast: Cast) -> None:
    """Findings that all carry the label political_view: the reviewer confirms four and dismisses four."""
    for text in POLITICAL:
        _decide(cast, item_with_findings(cast.monitor, text=text)[1][0], "confirmed")
    for text in DISMISSED:
        _decide(cast, item_with_findings(cast.monitor, text=text)[1][0], "dismissed")


def _media_only_finding(cast: Cast) -> Finding:
    """A finding on an item that is only a picture: there is no text to learn from."""
    media = (MediaInput(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "p.png", "image/png"),)
    data = ItemInput(author_personnel_id="P-1001", author_link_reason="test", media=media)
    item = item_ingest(data=data, actor=cast.monitor, channel="web", screen=False).item
    found = FindingData("KHI-2024-SM v1", "KHI-2024-SM-3", "high", 0.9, "rule", "picture", ("political_view",), ())
    run = screening_record(item=item, text=Outcome("no text"), media=Outcome("analysed"), findings=[found],
                           context={}, started_at=item.created_at)  # fmt: skip
    return run.findings.get()


def _export(tmp_path: Path) -> Path:
    out = tmp_path / "decisions.jsonl"
    call_command("review", "export-decisions", "--out", str(out), stdout=io.StringIO())
    return out


def _train(data: Path, models: Path, label: str) -> str:
    stdout = io.StringIO()
    call_command("train", "--label", label, "--data", str(data), "--out", str(models), stdout=stdout)
    return stdout.getvalue()


def _positive(model: LinearModel, texts: list[str]) -> list[float]:
    probs = model.predict_proba_keys([normalise(t).key for t in texts])
    return [float(p) for p in probs[:, model.classes.index("1")]]


def test_a_model_trains_on_the_exported_decisions_with_the_right_labels(cast: Cast, tmp_path: Path) -> None:
    _decided(cast)
    data = _export(tmp_path)
    printed = _train(data, tmp_path / "models", "political_view")
    assert "8 rows" in printed
    model = LinearModel.load(tmp_path / "models" / "custom_political_view")
    assert model.card["rows"] == 8 and model.card["data"] == [str(data)]
    assert model.classes == ["0", "1"] and model.outputs == {"political_view": ["1"]}
    confirmed, dismissed = _positive(model, POLITICAL), _positive(model, DISMISSED)
    # Trained on these very rows: every confirmed text scores as the label, every dismissed one does not.
    assert min(confirmed) > 0.5 > max(dismissed), (confirmed, dismissed)


def test_flipping_the_decisions_flips_what_the_model_learns(cast: Cast, tmp_path: Path) -> None:
    # The labels come from the decisions, not from the detectors that raised the findings.
    for text in POLITICAL:
        _decide(cast, item_with_findings(cast.monitor, text=text)[1][0], "dismissed")
    for text in DISMISSED:
        _decide(cast, item_with_findings(cast.monitor, text=text)[1][0], "confirmed")
    _train(_export(tmp_path), tmp_path / "models", "political_view")
    model = LinearModel.load(tmp_path / "models" / "custom_political_view")
    assert max(_positive(model, POLITICAL)) < 0.5 < min(_positive(model, DISMISSED))


def test_decisions_on_other_labels_are_left_out_of_a_label_they_did_not_judge(cast: Cast, tmp_path: Path) -> None:
    _decided(cast)
    # A confirmed religious finding says nothing about political_view: it must not be a political negative.
    _item, [religious] = item_with_findings(cast.monitor, text="Masjid ke imam ka bayan sab ko sunna chahiye")
    Finding.objects.filter(pk=religious.pk).update(labels=["religious_view"])
    _decide(cast, religious, "confirmed")
    data = _export(tmp_path)
    assert "8 rows" in _train(data, tmp_path / "models", "political_view")
    with pytest.raises(CommandError, match="two classes"):  # one religious decision: nothing to contrast it with
        _train(data, tmp_path / "rel", "religious_view")


def test_undecided_findings_and_items_without_text_are_not_training_rows(cast: Cast, tmp_path: Path) -> None:
    _decided(cast)
    item_with_findings(cast.monitor, text="Abhi review nahi hua")  # pending
    _decide(cast, _media_only_finding(cast), "dismissed")
    stdout = io.StringIO()
    call_command("review", "export-decisions", "--out", str(tmp_path / "d.jsonl"), stdout=stdout)
    rows = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 8 and all(r["text"] for r in rows)
    assert "1 decision(s) without text left out" in stdout.getvalue()
    assert sorted(r["political_view"] for r in rows) == [0] * 4 + [1] * 4
    assert np.mean([r["label_value"] for r in rows]) == 0.5
