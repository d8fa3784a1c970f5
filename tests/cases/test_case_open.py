"""Opening cases: clause and directive version in force, responsible unit head, merge of duplicates."""

from datetime import date, datetime

import pytest

from tests.cases.conftest import CAPTURED, PKT, POSTED, OpenCase
from tests.conftest import Cast
from zabta.audit.models import AuditEvent
from zabta.cases.actions import case_merge
from zabta.cases.errors import CaseInputError, InvalidTransition
from zabta.cases.models import Case, CaseStatus
from zabta.org.actions import posting_transfer
from zabta.policy.models import DirectiveVersion

pytestmark = pytest.mark.django_db


def test_case_carries_clause_version_head_and_audit(cast: Cast, open_case: OpenCase) -> None:
    case = open_case(content_sha256="ab" * 32)
    assert [c.key for c in case.clauses.all()] == ["KHI-2024-SM-1"]
    assert case.directive_version == DirectiveVersion.objects.get(directive__code="KHI-2024-SM", version=1)
    assert case.responsible_unit == cast.ps_kia
    assert case.responsible_head == cast.sho.personnel
    assert case.status == CaseStatus.OPEN
    assert case.reference == f"ZC-{case.opened_at.astimezone(PKT).year}-{case.pk:06d}"
    event = AuditEvent.objects.get(action="cases.case.opened", object_id=str(case.pk))
    assert event.after is not None
    assert event.after["clauses"] == ["KHI-2024-SM-1"]
    assert event.after["content_sha256"] == "ab" * 32


def test_responsible_unit_is_the_posting_when_the_content_was_posted(cast: Cast, open_case: OpenCase) -> None:
    assert cast.constable.personnel is not None
    posting_transfer(personnel=cast.constable.personnel, unit=cast.ps_gulberg, effective=date(2024, 11, 1),
                     actor="test")  # fmt: skip
    case = open_case(captured_at=datetime(2024, 11, 5, tzinfo=PKT))
    assert case.responsible_unit == cast.ps_kia


def test_same_officer_same_content_is_folded_not_duplicated(cast: Cast, open_case: OpenCase) -> None:
    first = open_case(finding_ref="finding:1")
    again = open_case(content_url="HTTPS://VIDEO.example/v/123/#t=3", finding_ref="finding:2",
                      clause_keys=["KHI-2024-SM-2"])  # fmt: skip
    assert again.pk == first.pk
    assert Case.objects.count() == 1
    assert again.finding_refs == ["finding:1", "finding:2"]
    assert sorted(c.key for c in again.clauses.all()) == ["KHI-2024-SM-1", "KHI-2024-SM-2"]
    assert AuditEvent.objects.filter(action="cases.case.report_folded", object_id=str(first.pk)).exists()


def test_other_officer_same_content_gets_own_case(cast: Cast, open_case: OpenCase) -> None:
    first = open_case()
    second = open_case(officer=cast.zaman_constable)
    assert first.pk != second.pk
    assert second.responsible_unit == cast.ps_zaman


def test_account_case_merges_into_the_officer_case(cast: Cast, open_case: OpenCase) -> None:
    account_case = open_case(officer=None, account_handle="@imran_kia", unit=cast.ps_kia, finding_ref="finding:9")
    officer_case = open_case()
    merged = case_merge(duplicate=account_case, into=officer_case, actor=cast.ssp, reason="account linked")
    account_case.refresh_from_db()
    assert account_case.status == CaseStatus.MERGED
    assert account_case.merged_into == officer_case
    assert merged.finding_refs == ["finding:9"]
    assert AuditEvent.objects.filter(action="cases.case.merged", object_id=str(account_case.pk)).exists()
    with pytest.raises(InvalidTransition):
        case_merge(duplicate=account_case, into=officer_case, actor=cast.ssp, reason="again")


def test_cases_of_different_officers_are_not_merged(cast: Cast, open_case: OpenCase) -> None:
    one, two = open_case(), open_case(officer=cast.zaman_constable)
    with pytest.raises(InvalidTransition):
        case_merge(duplicate=one, into=two, actor=cast.ssp, reason="wrong")
    assert Case.objects.filter(status=CaseStatus.MERGED).count() == 0


def test_pre_directive_content_is_judged_under_the_version_in_force_at_capture(open_case: OpenCase) -> None:
    case = open_case(posted_at=datetime(2024, 3, 1, tzinfo=PKT))
    assert case.directive_version.version == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"clause_keys": []}, "at least one clause"),
        ({"clause_keys": ["KHI-2024-SM-99"]}, "no clause KHI-2024-SM-99"),
        ({"posted_at": CAPTURED, "captured_at": POSTED}, "posted after it was captured"),
        ({"officer": None}, "against an officer or"),
        ({"content_url": "", "content_text": "   "}, "URL, its file hash or its text"),
        ({"officer": None, "account_handle": "@x"}, "name the unit"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(open_case: OpenCase, overrides: dict[str, object],
                                                   message: str) -> None:  # fmt: skip
    with pytest.raises(CaseInputError, match=message):
        open_case(**overrides)
    assert Case.objects.count() == 0
