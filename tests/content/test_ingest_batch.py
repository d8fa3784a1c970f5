"""Bulk intake in chunks (ingest_batch): dedup within and across chunks, bad rows reported by number, audit intact."""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import Cast
from zabta.audit.models import AuditEvent
from zabta.audit.selectors import verify_audit_chain
from zabta.content import bulk
from zabta.content.actions import IngestResult, IntakeError, ItemInput, ingest_batch, item_ingest
from zabta.content.models import ContentItem


def _row(n: int, **kw: Any) -> dict[str, Any]:
    return {"url": f"https://www.tiktok.com/@imran/video/{n}", "text": f"post {n}", "author": "P-1001",
            "author_reason": "his own account", "views": n} | kw  # fmt: skip


def _ingest(rows: list[Any], actor: Any, tmp_path: Path) -> tuple[list[str], str]:
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    outcomes = list(bulk.ingest_rows(bulk.read_rows(path), actor=actor, screen=False))
    for o in outcomes:
        (err if o.error else out).write(o.line() + "\n")
    return [str(o.item_id) for o in outcomes if o.item_id is not None], err.getvalue()


def test_the_same_url_twice_in_one_chunk_is_one_item_seen_twice(cast: Cast, tmp_path: Path) -> None:
    rows = [_row(1), _row(2), _row(1, url="https://tiktok.com/@imran/video/1/?utm_source=wa", views=900)]
    ids, errors = _ingest(rows, cast.monitor, tmp_path)
    assert errors == "" and ids[0] == ids[2] != ids[1]
    item = ContentItem.objects.get(pk=int(ids[0]))
    assert (item.views, item.times_seen) == (900, 2) and ContentItem.objects.count() == 2
    actions = list(AuditEvent.objects.filter(object_type="content.contentitem", object_id=ids[0])
                   .order_by("seq").values_list("action", flat=True))  # fmt: skip
    assert actions == ["content.item.created", "content.item.seen_again"]


def test_dedup_across_chunks_and_against_items_already_stored(cast: Cast, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(bulk, "CHUNK", 3)
    known = item_ingest(data=ItemInput(url="https://www.tiktok.com/@imran/video/7", author_personnel_id="P-1001",
                                       author_link_reason="x", views=1), actor=cast.monitor, channel="web",
                        screen=False).item  # fmt: skip
    rows = [_row(n) for n in (1, 2, 3, 4, 5, 1, 7, 2)]  # chunks: [1 2 3] [4 5 1] [7 2]
    ids, errors = _ingest(rows, cast.monitor, tmp_path)
    assert errors == "" and len(ids) == 8
    assert ContentItem.objects.count() == 6  # 1..5 and the known 7
    assert ids[0] == ids[5] and ids[1] == ids[7] and ids[6] == str(known.pk)
    known.refresh_from_db()
    assert (known.times_seen, known.views, known.text) == (2, 7, "post 7")


def test_same_text_without_url_in_one_chunk_is_one_item(cast: Cast, tmp_path: Path) -> None:
    rows = [_row(0, url="", text="Ye  wardi meri   shaan"), _row(0, url="", text="Ye wardi meri shaan", views=5)]
    ids, _errors = _ingest(rows, cast.monitor, tmp_path)
    assert ids[0] == ids[1] and ContentItem.objects.get().times_seen == 2


def test_a_bad_row_in_the_middle_of_a_chunk_is_reported_by_number_and_loses_nothing(cast: Cast, tmp_path: Path) -> None:
    rows = [_row(1), _row(2, url="ftp://bad.example/x"), "{broken", _row(4, author="P-1008"),
            _row(5, url="http://[::1/x"), _row(6, posted_at="2024-13-45T10:00:00"), _row(7, views="lots"), _row(8)]  # fmt: skip
    ids, errors = _ingest(rows, cast.monitor, tmp_path)
    assert len(ids) == 2 and ContentItem.objects.count() == 2
    assert set(ContentItem.objects.values_list("views", flat=True)) == {1, 8}
    for line, reason in [(2, "not a web address"), (3, "not valid JSON"), (4, "no officer P-1008 in your scope"),
                         (5, "not a web address"), (6, "posted_at is not an ISO date"), (7, "views is not a whole number")]:  # fmt: skip
        assert f"row {line}: error: {reason}" in errors


def test_audit_chain_verifies_after_a_bulk_ingest(cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "CHUNK", 4)
    _ingest([_row(n % 7) for n in range(20)], cast.monitor, tmp_path)
    created = AuditEvent.objects.filter(action="content.item.created").count()
    seen = AuditEvent.objects.filter(action="content.item.seen_again").count()
    assert (created, seen) == (7, 13)  # every sighting traceable to its item
    result = verify_audit_chain()
    assert result.first_break is None and result.checked == AuditEvent.objects.count()
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "audit chain intact" in out.getvalue()


def test_a_chunk_costs_a_fixed_number_of_queries_whatever_its_size(cast: Cast) -> None:
    def queries(first: int, count: int) -> int:
        rows = [(n, ItemInput(url=f"https://www.tiktok.com/@imran/video/{n}", author_personnel_id="P-1001",
                              author_link_reason="x")) for n in range(first, first + count)]  # fmt: skip
        with CaptureQueriesContext(connection) as ctx:
            results = ingest_batch(rows=rows, actor=cast.monitor, channel="bulk", screen=False)
        assert all(isinstance(r, IngestResult) and r.created for _n, r in results)
        return len(ctx.captured_queries)

    queries(0, 1)  # the first write of a test database also creates the audit chain's head
    assert queries(10, 5) == queries(100, 200) < 20


def test_rows_keep_their_tags_and_errors_come_back_as_intake_errors(cast: Cast) -> None:
    rows = [(10, ItemInput(text="fine", author_personnel_id="P-1001")), (11, ItemInput()),
            (12, ItemInput(text="also fine", author_personnel_id="P-1001"))]  # fmt: skip
    results = ingest_batch(rows=rows, actor=cast.monitor, channel="api", screen=False)
    assert [tag for tag, _r in results] == [10, 11, 12]
    assert isinstance(results[1][1], IntakeError) and "needs a URL, text" in str(results[1][1])
    assert ContentItem.objects.count() == 2


def test_bulk_rows_need_a_linked_officer_or_a_monitored_account(cast: Cast, tmp_path: Path) -> None:
    ids, errors = _ingest([{"url": "https://www.tiktok.com/@someone/video/9"}, _row(1)], cast.monitor, tmp_path)
    assert len(ids) == 1 and "row 1: error: this account is neither official" in errors


def test_a_declared_personal_account_is_recognised_in_a_chunk(cast: Cast, tmp_path: Path) -> None:
    from django.apps import apps

    if not apps.is_installed("zabta.accounts_registry"):
        pytest.skip("registry not installed")
    from zabta.accounts_registry.actions import personal_account_declare

    personal_account_declare(actor=cast.constable, platform="tiktok", handle="@imran_personal")
    rows = [{"url": "https://www.tiktok.com/@imran_personal/video/1"}, {"url": "https://www.tiktok.com/@nobody/video/2"},
            {"url": "https://www.tiktok.com/@imran_personal/video/3"}]  # fmt: skip
    ids, errors = _ingest(rows, cast.monitor, tmp_path)
    assert len(ids) == 2 and "row 2: error: this account is neither official" in errors
    for item in ContentItem.objects.all():
        assert (item.account_kind, item.author_id, item.unit) == ("personal", cast.constable.personnel_id, cast.ps_kia)
