"""Screening in batches: one task per chunk of a bulk file, results written together, decisions never lost."""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import connection
from django.tasks import default_task_backend
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import Cast
from tests.review.factories import item_with_findings
from zabta.audit.models import AuditEvent
from zabta.audit.selectors import verify_audit_chain
from zabta.content import bulk
from zabta.content.actions import ItemInput, ingest_batch
from zabta.content.models import ContentItem
from zabta.policy.models import DirectiveVersion
from zabta.review.actions import ScreeningEntry, finding_decide, screening_record_batch
from zabta.review.models import Finding, FindingStatus, ScreeningRun
from zabta.review.screen import screen_items
from zabta.review.screening import DirectivesInForce, FindingData, Outcome

POLITICAL, MOCKERY = "KHI-2024-SM-3", "KHI-2024-SM-2"


def _found(clause: str) -> FindingData:
    return FindingData("KHI-2024-SM v1", clause, "high", 0.8, "rule", "again", ("label",))


def test_rescreening_a_batch_keeps_decisions_and_supersedes_only_pending(cast: Cast) -> None:
    decided_item, [decided] = item_with_findings(cast.monitor, text="one")
    pending_item, [pending] = item_with_findings(cast.monitor, text="two")
    finding_decide(finding=decided, actor=cast.monitor, decision="confirmed", reason="clear political post")
    entries = [ScreeningEntry(item, Outcome("analysed", "en", versions={"model": "2"}), Outcome("no media"), {},
                              [_found(POLITICAL), _found(MOCKERY)]) for item in (decided_item, pending_item)]  # fmt: skip
    runs = screening_record_batch(entries=entries, started_at=timezone.now(), actor="screening worker")
    decided.refresh_from_db()
    pending.refresh_from_db()
    assert decided.status == FindingStatus.CONFIRMED and decided.decision_reason == "clear political post"
    assert pending.status == FindingStatus.SUPERSEDED
    assert sorted(runs[0].findings.values_list("clause_key", flat=True)) == [MOCKERY]  # the decided clause not again
    assert sorted(runs[1].findings.values_list("clause_key", flat=True)) == [MOCKERY, POLITICAL]
    assert runs[1].detector_versions == {"model": "2"}
    events: dict[str, dict[str, Any]] = {e.object_id: dict(e.after or {}) for e in AuditEvent.objects.filter(action="review.screening.recorded",
                                                                     object_id__in=[str(r.pk) for r in runs])}  # fmt: skip
    assert events[str(runs[0].pk)]["superseded"] == 0 and events[str(runs[1].pk)]["superseded"] == 1
    assert events[str(runs[1].pk)]["findings"] == [POLITICAL, MOCKERY]
    assert verify_audit_chain().first_break is None


def test_bulk_intake_queues_one_screening_task_per_chunk(cast: Cast, settings: Any, tmp_path: Path,
                                                         django_capture_on_commit_callbacks: Any) -> None:  # fmt: skip
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()  # type: ignore[attr-defined]
    path = tmp_path / "posts.jsonl"
    rows = [{"text": f"post number {n}", "author": "P-1001", "author_reason": "own"} for n in range(11)]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    original_chunk = bulk.CHUNK
    bulk.CHUNK = 4
    try:
        with django_capture_on_commit_callbacks(execute=True):
            outcomes = list(bulk.ingest_rows(bulk.read_rows(path), actor=cast.monitor))
    finally:
        bulk.CHUNK = original_chunk
    queued = [r.args[0] for r in default_task_backend.results]  # type: ignore[attr-defined]
    assert [len(ids) for ids in queued] == [4, 4, 3]
    assert sorted(i for ids in queued for i in ids) == sorted(o.item_id for o in outcomes if o.item_id)


def test_a_chunk_is_screened_into_the_queue_with_a_run_per_item(cast: Cast) -> None:
    texts = ["PTI zindabad! Agla election hum hi jeetenge", "Eid mubarak sab doston ko", "",
             "Ye hukumat chor hai, PPP hi mulk bacha sakti hai"]  # fmt: skip
    rows = [(n, ItemInput(text=t or f"https://x.com/a/status/{n}", author_personnel_id="P-1001",
                          author_link_reason="own")) for n, t in enumerate(texts)]  # fmt: skip
    ids = [r.item.pk for _n, r in ingest_batch(rows=rows, actor=cast.monitor, channel="bulk", screen=False)]  # type: ignore[union-attr]
    runs = screen_items(list(ContentItem.objects.filter(pk__in=ids).order_by("pk")))
    assert [r.item_id for r in runs] == ids and ScreeningRun.objects.count() == 4
    for run in runs:
        assert run.text_status == "analysed" or run.text_status.startswith("text not analysed: ")
        assert run.context["account_kind"] == "unknown" and run.context["author"] == cast.constable.personnel_id
    if runs[0].text_status == "analysed":
        assert Finding.objects.filter(item_id=ids[0], status=FindingStatus.PENDING).exists()
        assert all(f.detectors for f in Finding.objects.filter(item_id__in=ids))
    assert AuditEvent.objects.filter(action="review.screening.recorded").count() == 4


def test_screening_a_batch_costs_a_fixed_number_of_queries(cast: Cast) -> None:
    rows = [(n, ItemInput(url=f"https://www.tiktok.com/@imran/video/{n}", text=f"Kaptan hamara leader hai {n}",
                          author_personnel_id="P-1001", author_link_reason="own")) for n in range(40)]  # fmt: skip
    ids = [r.item.pk for _n, r in ingest_batch(rows=rows, actor=cast.monitor, channel="bulk", screen=False)]  # type: ignore[union-attr]

    def queries(chosen: list[int]) -> int:
        items = list(ContentItem.objects.filter(pk__in=chosen).prefetch_related("media__evidence"))
        with CaptureQueriesContext(connection) as ctx:
            screen_items(items)
        return len(ctx.captured_queries)

    queries(ids[:1])  # models and pipelines load once per process
    assert queries(ids[1:3]) == queries(ids[3:40])


def test_directives_in_force_are_those_the_database_finds(cast: Cast) -> None:
    seed = DirectiveVersion.objects.get()
    cut = seed.effective_from + timedelta(days=400)
    DirectiveVersion.objects.filter(pk=seed.pk).update(effective_to=cut)
    DirectiveVersion.objects.create(directive=seed.directive, version=seed.version + 1, reference_number="test",
                                    issued_on=cut.date(), effective_from=cut, full_text="v2", source_sha256="0" * 64)  # fmt: skip
    directives = DirectivesInForce()
    moments = [seed.effective_from - timedelta(seconds=1), seed.effective_from, cut - timedelta(seconds=1), cut,
               cut + timedelta(days=1000)]  # fmt: skip
    for moment in moments:
        expected = sorted(DirectiveVersion.objects.in_force(moment).values_list("pk", flat=True))
        assert sorted(v.pk for v in directives.at(moment)) == expected, moment
    assert not directives.has_clause(POLITICAL, moments[0]) and directives.has_clause(POLITICAL, moments[1])
