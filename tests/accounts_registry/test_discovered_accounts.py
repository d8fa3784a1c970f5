"""Accounts found by monitoring, and a reviewer's link to an officer with confidence and reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import Cast
from zabta.accounts_registry.actions import discovered_account_link, discovered_account_record
from zabta.accounts_registry.selectors import discovered_accounts_visible_to
from zabta.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_recording_twice_returns_the_first_record_and_audits_once(cast: Cast) -> None:
    first = discovered_account_record(actor="monitoring", platform="tiktok", handle="@bilal.cop", source="sweep")
    again = discovered_account_record(actor="monitoring", platform="tiktok", handle="https://tiktok.com/@Bilal.Cop")
    assert first.pk == again.pk
    assert AuditEvent.objects.filter(action="registry.discovered.recorded").count() == 1


def test_reviewer_links_with_confidence_and_reason(cast: Cast) -> None:
    account = discovered_account_record(actor="monitoring", platform="tiktok", handle="@bilal.cop")
    discovered_account_link(actor=cast.monitor, account=account, personnel=cast.zaman_constable, confidence=70,
                            reason="uniform name tag")  # fmt: skip
    discovered_account_link(actor=cast.range_admin, account=account, personnel=cast.zaman_constable, confidence=95,
                            reason="he admitted it")  # fmt: skip
    events = list(AuditEvent.objects.filter(action="registry.discovered.linked").order_by("seq"))
    assert [(e.after or {})["confidence"] for e in events] == [70, 95]
    assert events[1].before == {"personnel": cast.zaman_constable.pk, "confidence": 70}


@pytest.mark.parametrize(("confidence", "reason"), [(101, "x"), (-1, "x"), (50, "   ")])
def test_link_needs_a_sane_confidence_and_a_reason(cast: Cast, confidence: int, reason: str) -> None:
    account = discovered_account_record(actor="monitoring", platform="x", handle="someone")
    with pytest.raises(ValidationError):
        discovered_account_link(actor=cast.monitor, account=account, personnel=cast.zaman_constable,
                                confidence=confidence, reason=reason)  # fmt: skip


def test_reviewer_cannot_link_to_an_officer_outside_his_scope(cast: Cast) -> None:
    account = discovered_account_record(actor="monitoring", platform="x", handle="someone")
    with pytest.raises(PermissionDenied):
        discovered_account_link(actor=cast.monitor, account=account, personnel=cast.gulberg_constable, confidence=60,
                                reason="looks like him")  # fmt: skip


def test_non_reviewers_cannot_link(cast: Cast) -> None:
    account = discovered_account_record(actor="monitoring", platform="x", handle="someone")
    for persona in ("constable", "media", "applicant", "inquiry", "ssp"):
        with pytest.raises(PermissionDenied):
            discovered_account_link(actor=getattr(cast, persona), account=account, personnel=cast.zaman_constable,
                                    confidence=60, reason="r")  # fmt: skip


def test_linked_accounts_are_visible_only_in_scope(cast: Cast) -> None:
    west = discovered_account_record(actor="monitoring", platform="x", handle="faisal")
    discovered_account_link(actor=cast.range_admin, account=west, personnel=cast.gulberg_constable, confidence=90,
                            reason="r")  # fmt: skip
    unlinked = discovered_account_record(actor="monitoring", platform="x", handle="nobody")
    assert set(discovered_accounts_visible_to(cast.other_zone)) == {west}
    assert set(discovered_accounts_visible_to(cast.monitor)) == {unlinked}
    assert not discovered_accounts_visible_to(cast.constable).exists()
