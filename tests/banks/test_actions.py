"""Bank changes are audited in their transaction; bad changes are refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from zabta.audit.models import AuditEvent
from zabta.banks import actions
from zabta.banks.models import Bank, BankEntry
from zabta.screening.media.fingerprint import fingerprint_file
from zabta.screening.media.hashing import ENROL_VARIANTS

pytestmark = pytest.mark.django_db


def test_standard_banks_exist_after_migrate() -> None:
    assert dict(Bank.objects.values_list("name", "kind")) == {
        "removed": "removed",
        "approved": "approved",
        "reference": "reference",
    }


def test_create_bank_is_audited() -> None:
    bank = actions.bank_create(name="zone-east-removed", kind="removed", actor="tester", pdq_threshold=20)
    event = AuditEvent.objects.get(action="banks.bank.created")
    assert event.after is not None
    assert event.object_id == str(bank.pk) and event.after["pdq_threshold"] == 20


@pytest.mark.parametrize("kind,threshold,message", [("secret", 31, "unknown bank kind"), ("removed", 300, "between 0")])
def test_bad_bank_is_refused(kind: str, threshold: int, message: str) -> None:
    with pytest.raises(actions.BankError, match=message):
        actions.bank_create(name="x", kind=kind, actor="tester", pdq_threshold=threshold)


def test_add_entry_stores_fingerprints_bumps_revision_and_audits(video: Path) -> None:
    bank = Bank.objects.get(name="removed")
    entry = actions.bank_entry_add(bank=bank, fingerprint=fingerprint_file(video), actor="tester", case_ref="CASE-7")
    assert entry.media_kind == "video" and len(entry.sha256) == 64
    # 8 seconds of video, each hashed whole and in every crop region a bank entry keeps
    assert sorted({row[0] for row in entry.vpdq}) == list(range(8))
    assert all(sorted(r[3] for r in entry.vpdq if r[0] == s) == list(ENROL_VARIANTS) for s in range(8))
    assert bank.revision == 1
    event = AuditEvent.objects.get(action="banks.entry.added")
    assert event.after is not None
    assert event.after["case_ref"] == "CASE-7" and event.after["bank"] == "removed"


def test_same_file_twice_in_one_bank_is_refused_and_nothing_is_audited(picture: Path) -> None:
    bank = Bank.objects.get(name="removed")
    fp = fingerprint_file(picture)
    actions.bank_entry_add(bank=bank, fingerprint=fp, actor="tester")
    with pytest.raises(actions.BankError, match="already in bank removed"):
        actions.bank_entry_add(bank=bank, fingerprint=fp, actor="tester")
    assert BankEntry.objects.count() == 1
    assert AuditEvent.objects.filter(action="banks.entry.added").count() == 1


def test_approved_media_must_name_its_account(picture: Path) -> None:
    with pytest.raises(actions.BankError, match="official account"):
        actions.bank_entry_add(bank=Bank.objects.get(name="approved"), fingerprint=fingerprint_file(picture), actor="t")


def test_removing_an_entry_keeps_the_row_and_is_audited_once(picture: Path) -> None:
    entry = actions.bank_entry_add(
        bank=Bank.objects.get(name="removed"), fingerprint=fingerprint_file(picture), actor="t"
    )
    actions.bank_entry_remove(entry=entry, actor="t", reason="order withdrawn")
    assert not BankEntry.objects.get(pk=entry.pk).active
    with pytest.raises(actions.BankError, match="already removed"):
        actions.bank_entry_remove(entry=entry, actor="t", reason="again")
    assert AuditEvent.objects.get(action="banks.entry.removed").reason == "order withdrawn"


def test_bank_errors_and_labels_are_translated_to_urdu() -> None:
    from django.utils import translation

    with translation.override("ur"):
        assert str(Bank.Kind.REMOVED.label) == "ہٹایا گیا (ہٹانے کا حکم)"
        with pytest.raises(actions.BankError, match="نامعلوم بینک قسم"):
            actions.bank_create(name="x", kind="secret", actor="tester")
