"""Self-service declaration of personal accounts, and the per-unit list of who has not declared by the deadline."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts_registry.factories import korangi_tiktok
from tests.conftest import Cast
from zabta.accounts_registry.actions import declaration_confirm, personal_account_declare, personal_account_withdraw
from zabta.accounts_registry.deadlines import declaration_deadline
from zabta.accounts_registry.selectors import declaration_is_late, undeclared_personnel
from zabta.audit.models import AuditEvent
from zabta.circulation.actions import circulation_create, circulation_deliver
from zabta.org.actions import InvalidTransition
from zabta.policy.models import DirectiveVersion

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


def test_deadline_runs_from_the_day_the_directive_reached_him(settings: Any) -> None:
    settings.ZABTA_DECLARATION_DAYS = 30
    # 20:00 UTC on 20 September is already 21 September in Karachi: the deadline counts local days.
    assert declaration_deadline(datetime(2024, 9, 20, 20, 0, tzinfo=UTC)) == date(2024, 10, 21)
    assert declaration_deadline(None) is None


def test_undeclared_list_carries_deadlines_from_circulation(cast: Cast) -> None:
    delivered = datetime(2024, 10, 1, 5, 0, tzinfo=UTC)
    version = DirectiveVersion.objects.order_by("effective_from").first()
    assert version is not None
    circulation = circulation_create(version=version, unit=cast.ps_kia, actor=cast.sho, now=delivered)
    circulation_deliver(circulation=circulation, now=delivered)
    rows = {o.personnel_id: declaration_deadline(o.received_at) for o in undeclared_personnel(cast.ssp, cast.korangi)}  # type: ignore[attr-defined]
    assert rows["P-1001"] == date(2024, 10, 31)  # PS Korangi Industrial Area received it on 1 October
    assert rows["P-1007"] is None  # Zaman Town has not been circulated to yet


@time_machine.travel("2024-11-01 09:00 +05:00", tick=False)
def test_late_only_after_the_deadline(cast: Cast) -> None:
    deadline = date(2024, 10, 31)
    assert declaration_is_late(None, deadline, date(2024, 11, 1))
    assert not declaration_is_late(None, deadline, date(2024, 10, 31))
    assert declaration_is_late(date(2024, 11, 1), deadline, date(2024, 11, 5))
    assert not declaration_is_late(date(2024, 10, 30), deadline, date(2024, 11, 5))
    assert not declaration_is_late(None, None, date(2030, 1, 1))
