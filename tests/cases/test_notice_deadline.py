"""The 7-day removal notice: deadline in Asia/Karachi, pre-directive content from the later of acknowledgement and
notice, bilingual in-app notice, guarded transitions."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.cases.conftest import PKT, OpenCase
from tests.conftest import Cast
from zabta.audit.models import AuditEvent
from zabta.cases.deadlines import DeadlineRuleError, removal_rule
from zabta.cases.errors import InvalidTransition
from zabta.cases.escalation import sweep_waiting_clocks
from zabta.cases.models import CaseStatus, InAppNotice
from zabta.cases.removal import notice_acknowledge, notice_issue, removal_mark
from zabta.circulation.models import Circulation, Receipt
from zabta.notifications.models import Notification
from zabta.policy.models import DirectiveVersion

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def test_deadline_is_end_of_the_seventh_karachi_day(cast: Cast, open_case: OpenCase) -> None:
    case = open_case()
    # 20:00 UTC on 1 October is already 2 October in Karachi: the seven days count from the Karachi date.
    notice = notice_issue(case=case, actor=cast.ssp, at=datetime(2024, 10, 1, 20, 0, tzinfo=UTC))
    assert notice.deadline == datetime(2024, 10, 10, 0, 0, tzinfo=PKT)
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTICE_ISSUED
    assert case.removal_deadline == notice.deadline
    event = AuditEvent.objects.get(action="cases.notice.issued", object_id=str(case.pk))
    assert event.after is not None and event.after["clock_rule"] == "notice"


def test_deadline_follows_removal_days_on_the_directive(cast: Cast, open_case: OpenCase) -> None:
    DirectiveVersion.objects.update(parameters={"removal_days": 3})
    notice = notice_issue(case=open_case(), actor=cast.ssp, at=datetime(2024, 10, 1, 10, 0, tzinfo=PKT))
    assert notice.deadline == datetime(2024, 10, 5, 0, 0, tzinfo=PKT)


def test_notice_is_in_app_in_english_and_urdu(cast: Cast, open_case: OpenCase) -> None:
    case = open_case()
    notice_issue(case=case, actor=cast.ssp, at=datetime(2024, 10, 3, 10, 0, tzinfo=PKT))
    message = InAppNotice.objects.get(case=case, kind="removal_notice")
    assert message.user == cast.constable and message.officer == cast.constable.personnel
    assert "11-10-2024 00:00" in message.body_en and case.reference in message.subject_en
    assert "11-10-2024 00:00" in message.body_ur
    assert any("\u0600" <= ch <= "\u06ff" for ch in message.body_ur), "the Urdu text is not Urdu"
    sent = Notification.objects.filter(personnel=cast.constable.personnel, channel="in_app")
    assert sent.count() == 1 and sent[0].body in (message.body_en, message.body_ur)
    assert sent[0].link == f"/cases/{case.pk}/"


def test_pre_directive_content_waits_for_acknowledgement(cast: Cast, open_case: OpenCase) -> None:
    case = open_case(posted_at=datetime(2024, 8, 1, tzinfo=PKT))
    notice = notice_issue(case=case, actor=cast.ssp, at=datetime(2024, 10, 1, 10, 0, tzinfo=PKT))
    assert notice.deadline is None and notice.clock_rule == "later_of_acknowledgement_or_notice"
    acknowledged = notice_acknowledge(notice=notice, actor=cast.constable, at=datetime(2024, 10, 4, 9, tzinfo=PKT))
    assert acknowledged.deadline == datetime(2024, 10, 12, 0, 0, tzinfo=PKT)
    case.refresh_from_db()
    assert case.removal_deadline == acknowledged.deadline
    with pytest.raises(InvalidTransition):
        notice_acknowledge(notice=notice, actor=cast.constable)


def test_post_directive_deadline_does_not_move_on_acknowledgement(cast: Cast, open_case: OpenCase) -> None:
    notice = notice_issue(case=open_case(), actor=cast.ssp, at=datetime(2024, 10, 1, 10, 0, tzinfo=PKT))
    later = notice_acknowledge(notice=notice, actor=cast.constable, at=datetime(2024, 10, 6, 10, 0, tzinfo=PKT))
    assert later.deadline == datetime(2024, 10, 9, 0, 0, tzinfo=PKT)


def test_notice_only_once_and_only_for_an_officer(cast: Cast, open_case: OpenCase) -> None:
    case = open_case()
    notice_issue(case=case, actor=cast.ssp)
    with pytest.raises(InvalidTransition):
        notice_issue(case=case, actor=cast.ssp)
    account_case = open_case(officer=None, account_handle="@anon", unit=cast.ps_kia)
    with pytest.raises(InvalidTransition, match="link the account"):
        notice_issue(case=account_case, actor=cast.ssp)


def test_marking_removed_needs_a_notice(cast: Cast, open_case: OpenCase) -> None:
    case = open_case()
    with pytest.raises(InvalidTransition):
        removal_mark(case=case, actor=cast.constable)


@pytest.mark.parametrize("params", [{}, {"removal_days": "7"}, {"removal_days": 0},
                                    {"removal_days": 7, "removal_clock_for_post_directive_content": "whenever"}])  # fmt: skip
def test_malformed_rule_data_fails_loudly(params: dict[str, object], cast: Cast) -> None:
    version = DirectiveVersion.objects.get(version=1)
    version.parameters = params
    with pytest.raises(DeadlineRuleError):
        removal_rule(version, datetime(2024, 10, 1, tzinfo=PKT))


def test_clock_is_controlled(cast: Cast, open_case: OpenCase) -> None:
    with time_machine.travel(datetime(2025, 1, 31, 23, 30, tzinfo=PKT), tick=False):
        notice = notice_issue(case=open_case(), actor=cast.ssp)
    assert notice.deadline == datetime(2025, 2, 8, 0, 0, tzinfo=PKT)


def _receipt(cast: Cast, acknowledged: datetime | None) -> None:
    assert cast.constable.personnel is not None
    version = DirectiveVersion.objects.get(version=1)
    circulation = Circulation.objects.create(version=version, unit=cast.range, circulated_by=cast.range_admin,
                                             circulated_at=datetime(2024, 9, 21, tzinfo=PKT))  # fmt: skip
    Receipt.objects.create(version=version, personnel=cast.constable.personnel, circulation=circulation,
                           unit=cast.ps_kia, language="ur", delivered_at=datetime(2024, 9, 21, tzinfo=PKT),
                           acknowledged_at=acknowledged, method="web" if acknowledged else "")  # fmt: skip


def test_pre_directive_clock_uses_an_earlier_directive_acknowledgement(cast: Cast, open_case: OpenCase) -> None:
    _receipt(cast, datetime(2024, 9, 25, tzinfo=PKT))  # acknowledged the directive before the notice
    case = open_case(posted_at=datetime(2024, 8, 1, tzinfo=PKT))
    notice = notice_issue(case=case, actor=cast.ssp, at=datetime(2024, 10, 1, 10, 0, tzinfo=PKT))
    assert notice.deadline == datetime(2024, 10, 9, 0, 0, tzinfo=PKT)  # the later of the two is the notice


def test_pre_directive_clock_starts_when_the_directive_is_acknowledged_later(cast: Cast, open_case: OpenCase) -> None:
    _receipt(cast, None)
    case = open_case(posted_at=datetime(2024, 8, 1, tzinfo=PKT))
    notice = notice_issue(case=case, actor=cast.ssp, at=datetime(2024, 10, 1, 10, 0, tzinfo=PKT))
    assert notice.deadline is None
    assert sweep_waiting_clocks().acted == 0
    Receipt.objects.update(acknowledged_at=datetime(2024, 10, 5, 18, 0, tzinfo=PKT), method="web")
    assert sweep_waiting_clocks().acted == 1
    assert sweep_waiting_clocks().acted == 0  # claimed once
    case.refresh_from_db()
    assert case.removal_deadline == datetime(2024, 10, 13, 0, 0, tzinfo=PKT)
    assert AuditEvent.objects.filter(action="cases.notice.clock_started", object_id=str(case.pk)).count() == 1
