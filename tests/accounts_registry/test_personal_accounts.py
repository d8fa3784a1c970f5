"""Self-service declaration of personal accounts, and the per-unit list of who has not declared by the deadline."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts_registry.factories import korangi_tiktok
from tests.conftest import Cast
from zabta.accounts_registry.actions import declaration_confirm, personal_account_declare, personal_account_withdraw
from zabta.accounts_registry.deadlines import declaration_deadline
from zabta.accounts_registry.selectors import declaration_is_late, undeclared_personnel
from zabta.audit.models import AuditEvent
from zabta.org.actions import InvalidTransition

pytestmark = pytest.mark.django_db


def test_officer_declares_his_own_account(cast: Cast) -> None:
    account = personal_account_declare(actor=cast.constable, platform="instagram", handle="@imran.ali")
    assert account.personnel == cast.constable.personnel
    assert (AuditEvent.objects.get(action="registry.personal.declared").after or {})["handle_key"] == "imran.ali"


def test_declaring_records_that_he_has_declared(cast: Cast) -> None:
    before = set(undeclared_personnel(cast.ssp, cast.korangi).values_list("personnel_id", flat=True))
    personal_account_declare(actor=cast.constable, platform="instagram", handle="@imran.ali")
    declaration_confirm(actor=cast.sho, holds_none=True)
    after = set(undeclared_personnel(cast.ssp, cast.korangi).values_list("personnel_id", flat=True))
    assert before - after == {"P-1001", "P-1002"}
    assert after == {"P-1003", "P-1005", "P-1007"}


def test_undeclared_list_stays_within_the_readers_scope(cast: Cast) -> None:
    assert set(undeclared_personnel(cast.sho, cast.korangi).values_list("personnel_id", flat=True)) == {
        "P-1001", "P-1002"
    }  # fmt: skip
    assert not undeclared_personnel(cast.other_zone, cast.korangi).exists()


def test_users_without_an_officer_record_cannot_declare(cast: Cast) -> None:
    for persona in ("applicant", "monitor"):
        with pytest.raises(PermissionDenied):
            personal_account_declare(actor=getattr(cast, persona), platform="x", handle="someone")


def test_an_official_account_cannot_be_declared_as_personal(cast: Cast) -> None:
    korangi_tiktok(cast)
    with pytest.raises(InvalidTransition):
        personal_account_declare(actor=cast.constable, platform="tiktok", handle="korangipolice")


def test_an_account_cannot_be_declared_by_two_officers(cast: Cast) -> None:
    personal_account_declare(actor=cast.constable, platform="x", handle="imran_ali")
    with pytest.raises(InvalidTransition):
        personal_account_declare(actor=cast.sho, platform="x", handle="https://x.com/Imran_Ali")


def test_bad_url_on_a_declaration_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        personal_account_declare(actor=cast.constable, platform="x", handle="imran_ali", url="javascript:alert(1)")


def test_only_the_owner_withdraws_and_only_once(cast: Cast) -> None:
    account = personal_account_declare(actor=cast.constable, platform="x", handle="imran_ali")
    with pytest.raises(PermissionDenied):
        personal_account_withdraw(actor=cast.sho, account=account, reason="not his")
    personal_account_withdraw(actor=cast.constable, account=account, reason="deleted")
    with pytest.raises(InvalidTransition):
        personal_account_withdraw(actor=cast.constable, account=account, reason="again")


def test_holds_none_is_refused_while_accounts_are_declared(cast: Cast) -> None:
    personal_account_declare(actor=cast.constable, platform="x", handle="imran_ali")
    with pytest.raises(InvalidTransition):
        declaration_confirm(actor=cast.constable, holds_none=True)
    assert declaration_confirm(actor=cast.constable, holds_none=False).holds_none is False


def test_deadline_runs_from_the_later_of_directive_and_posting(settings: object) -> None:
    assert declaration_deadline(date(2024, 1, 1), date(2024, 9, 20)) == date(2024, 10, 20)
    assert declaration_deadline(date(2025, 2, 1), date(2024, 9, 20)) == date(2025, 3, 3)
    assert declaration_deadline(None, None) is None


@time_machine.travel("2024-10-21 09:00 +05:00", tick=False)
def test_late_only_after_the_deadline(cast: Cast) -> None:
    deadline = date(2024, 10, 20)
    assert declaration_is_late(None, deadline, date(2024, 10, 21))
    assert not declaration_is_late(None, deadline, date(2024, 10, 20))
    assert declaration_is_late(date(2024, 10, 21), deadline, date(2024, 11, 1))
    assert not declaration_is_late(None, None, date(2030, 1, 1))
    row = undeclared_personnel(cast.ssp, cast.korangi).get(personnel_id="P-1001")
    assert row.posted_from == date(2024, 1, 1)  # type: ignore[attr-defined]
