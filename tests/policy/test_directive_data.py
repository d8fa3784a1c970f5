"""The directive ships as data; new versions and other directives load without code."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zabta.audit.models import AuditEvent
from zabta.policy.actions import directive_load
from zabta.policy.documents import SEED_DIR, DirectiveDataError
from zabta.policy.models import Clause, DirectiveVersion
from zabta.policy.selectors import clause_in_force, directive_versions_in_force

pytestmark = pytest.mark.django_db
SEED = SEED_DIR / "karachi-range-2024-09-20.json"


def _doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
    doc.update(changes)
    return doc


def _write(tmp_path: Path, doc: dict[str, Any], name: str = "d.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_seed_directive_is_loaded_by_migration() -> None:
    version = DirectiveVersion.objects.get(directive__code="KHI-2024-SM", version=1)
    assert version.reference_number == "No. Addl:IGP/KHISMW/128218-26/-2024"
    assert version.issued_on.isoformat() == "2024-09-20"
    assert "DIGP S&ESD Karachi" in version.addressees
    keys = list(version.clauses.values_list("key", flat=True))
    assert keys == [f"KHI-2024-SM-{n}" for n in range(1, 10)]
    removal = version.clauses.get(kind="removal_deadline")
    assert removal.time_limit_days == 7
    assert version.clauses.get(key="KHI-2024-SM-2").kind == "identity_mockery"
    assert version.parameters["removal_days"] == 7


def test_no_clause_in_force_before_the_directive() -> None:
    assert clause_in_force("KHI-2024-SM-1", datetime(2024, 9, 1, tzinfo=UTC)) is None
    assert clause_in_force("KHI-2024-SM-1", datetime(2025, 1, 1, tzinfo=UTC)) is not None


def test_new_version_closes_the_old_and_old_content_keeps_old_clause(tmp_path: Path) -> None:
    doc = _doc(version=2, effective_from="2025-06-01T00:00:00+05:00")
    doc["clauses"][5]["time_limit_days"] = 3
    directive_load(path=_write(tmp_path, doc), actor="tester")
    old = clause_in_force("KHI-2024-SM-6", datetime(2025, 1, 1, tzinfo=UTC))
    new = clause_in_force("KHI-2024-SM-6", datetime(2025, 7, 1, tzinfo=UTC))
    assert old is not None and old.version.version == 1 and old.time_limit_days == 7
    assert new is not None and new.version.version == 2 and new.time_limit_days == 3
    assert [v.version for v in directive_versions_in_force(datetime(2025, 7, 1, tzinfo=UTC))] == [2]
    assert AuditEvent.objects.filter(action="policy.directive_version.loaded").count() == 1


def test_another_directive_loads_without_code(tmp_path: Path) -> None:
    zone_order = {
        "code": "KHI-EAST-2025-01", "title": "East Zone order on WhatsApp groups", "version": 1,
        "reference_number": "DIG/East/2025/01", "issued_on": "2025-02-01",
        "effective_from": "2025-02-01T00:00:00+05:00", "issuing_office": "DIGP East Zone Karachi",
        "full_text": "Officers shall not forward operational messages to private groups.",
        "clauses": [{"key": "KHI-E-25-1", "number": "1", "kind": "other", "default_severity": "low",
                     "text": "No operational messages in private groups."}],
    }  # fmt: skip
    directive_load(path=_write(tmp_path, zone_order), actor="tester")
    in_force = directive_versions_in_force(datetime(2025, 3, 1, tzinfo=UTC))
    assert {v.directive.code for v in in_force} == {"KHI-2024-SM", "KHI-EAST-2025-01"}


def test_reloading_the_same_file_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    path.write_bytes(SEED.read_bytes())
    assert directive_load(path=path, actor="tester").version == 1
    assert DirectiveVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"clauses": [{"key": "X-1", "text": "t", "kind": "nonsense", "default_severity": "low"}]}, "unknown kind"),
        ({"clauses": [{"key": "X-1", "text": "t", "kind": "views", "default_severity": "severe"}]}, "severity"),
        ({"effective_from": "2025-01-01T00:00:00"}, "UTC offset"),
        ({"issued_on": "20-09-2024"}, "bad date"),
        ({"version": 0}, "positive integer"),
        ({"reference_number": ""}, "missing"),
        ({"version": 1, "title": "changed"}, "already exists"),
    ],
)
def test_bad_documents_are_refused_and_store_nothing(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    doc = _doc(**change)
    doc["full_text"] += " (edited)"  # other content than the seed
    before = (DirectiveVersion.objects.count(), Clause.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DirectiveDataError, match=message):
        directive_load(path=_write(tmp_path, doc), actor="tester")
    assert (DirectiveVersion.objects.count(), Clause.objects.count(), AuditEvent.objects.count()) == before


def test_unreadable_file_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b"\xff\xfe not json")
    with pytest.raises(CommandError, match="cannot read directive file"):
        call_command("directive", "load", str(path))
