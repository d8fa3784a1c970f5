"""The audit log is hash-chained, append-only, and verification names the first broken link."""

import itertools
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from zabta.audit.actions import record
from zabta.audit.models import AppendOnlyError, AuditEvent
from zabta.audit.selectors import verify_audit_chain

pytestmark = pytest.mark.django_db


def _events(n: int) -> list[AuditEvent]:
    return [record(actor="tester", action="test.event", after={"n": i, "text": "سندھ"}) for i in range(n)]


def _raw(sql: str, params: list[Any] | None = None) -> None:
    """Tamper with the table as a database administrator could, bypassing the triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER zabta_audit_no_change")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS zabta_audit_no_update")
        cursor.execute(sql, params or [])


def test_events_are_chained_and_verify() -> None:
    events = _events(5)
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(events))
    result = verify_audit_chain()
    assert result.ok and result.checked == 5


def test_edited_event_is_detected_and_named() -> None:
    _events(5)
    _raw("UPDATE audit_auditevent SET reason = %s WHERE seq = 3", ["quietly changed"])
    result = verify_audit_chain()
    assert result.first_break is not None
    assert result.first_break.seq == 3
    assert "edited" in result.first_break.problem


def test_deleted_event_is_detected() -> None:
    _events(5)
    _raw("DELETE FROM audit_auditevent WHERE seq = 2")
    result = verify_audit_chain()
    assert result.first_break is not None and result.first_break.seq == 3


def test_reordered_events_are_detected() -> None:
    _events(4)
    _raw("UPDATE audit_auditevent SET seq = 100 WHERE seq = 2")
    _raw("UPDATE audit_auditevent SET seq = 2 WHERE seq = 3")
    _raw("UPDATE audit_auditevent SET seq = 3 WHERE seq = 100")
    result = verify_audit_chain()
    assert result.first_break is not None and result.first_break.seq == 2


def test_removed_tail_is_detected_by_the_head() -> None:
    _events(4)
    _raw("DELETE FROM audit_auditevent WHERE seq = 4")
    result = verify_audit_chain()
    assert result.first_break is not None and "head" in result.first_break.problem


def test_application_cannot_change_or_delete_events() -> None:
    event = _events(1)[0]
    event.reason = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_database_refuses_raw_update() -> None:
    _events(1)
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = 'x' WHERE seq = 1")


def test_event_rolls_back_with_the_change_it_records() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        record(actor="tester", action="test.event")
        raise RuntimeError("the change failed")
    assert AuditEvent.objects.count() == 0
    assert verify_audit_chain().ok


def test_verify_command_reports_intact_and_broken(capsys: pytest.CaptureFixture[str]) -> None:
    _events(3)
    call_command("audit", "verify")
    assert "3 events verified" in capsys.readouterr().out
    _raw("UPDATE audit_auditevent SET action = 'forged' WHERE seq = 2")
    with pytest.raises(CommandError, match="event #2"):
        call_command("audit", "verify")
