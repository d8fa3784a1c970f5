"""Severity, sanction recommendation with reasons, and the consistency view of comparable past orders."""

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from tests.cases.conftest import PKT
from tests.conftest import Cast
from zabta.cases.models import Case
from zabta.cases.severity import assess
from zabta.discipline.actions import charge_issue, hearing_record, order_pass, proceeding_open, reply_record
from zabta.discipline.models import Proceeding
from zabta.discipline.recommend import comparable_orders, recommend
from zabta.policy.models import Clause

pytestmark = pytest.mark.django_db
T0 = datetime(2024, 10, 12, 10, tzinfo=PKT)


def _clause(key: str) -> Clause:
    return Clause.objects.get(key=key, version__version=1)


@pytest.mark.parametrize(
    ("key", "evidence", "followers", "views", "priors", "expected"),
    [
        ("KHI-2024-SM-3", {}, None, None, 0, "medium"),
        ("KHI-2024-SM-3", {"max_score": 0.95}, None, None, 0, "high"),
        ("KHI-2024-SM-3", {"max_score": 0.5}, 12000, None, 0, "high"),
        ("KHI-2024-SM-3", {}, None, 300000, 0, "critical"),
        ("KHI-2024-SM-1", {}, None, None, 1, "critical"),
        ("KHI-2024-SM-3", {"max_score": "0.99<script>"}, None, None, 0, "medium"),
    ],
)
def test_severity_from_clause_evidence_reach_and_priors(
    key: str, evidence: dict[str, object], followers: int | None, views: int | None, priors: int, expected: str
) -> None:
    result = assess(clauses=[_clause(key)], evidence=evidence, followers=followers, views=views, priors=priors)
    assert result.severity == expected
    assert result.reasons[0].startswith("base")


def test_priors_raise_the_recommendation_and_the_reasons_say_so(
    cast: Cast, escalated_case: Callable[..., Case]
) -> None:
    first = escalated_case("https://video.example/v/1")
    assert recommend(first).penalty == "withholding_increment"  # high severity, no priors
    second = escalated_case("https://video.example/v/2")
    advice = recommend(second)
    assert advice.priors == 1
    assert second.severity == "critical"  # the prior raised severity when the case was opened
    assert advice.penalty == "forfeiture_of_service"  # one step up: the prior counts once, through severity
    assert any("1 prior" in reason for reason in advice.reasons)
    third = escalated_case("https://video.example/v/3")
    assert recommend(third).priors == 2
    assert recommend(third).penalty == "reduction_in_rank"  # a second prior moves one more step


def _ordered(cast: Cast, case: Case, code: str, departure: str = "") -> Proceeding:
    p = proceeding_open(case=case, actor=cast.sho, at=T0)
    p = charge_issue(proceeding=p, kind="show_cause", allegations="x", actor=cast.ssp, at=T0)
    p = reply_record(proceeding=p, text="y", actor=cast.constable, at=T0 + timedelta(days=1))
    p = hearing_record(proceeding=p, notes="z", actor=cast.ssp, at=T0 + timedelta(days=2))
    return order_pass(proceeding=p, penalty_code=code, reasons="r", departure_reason=departure, actor=cast.ssp,
                      at=T0 + timedelta(days=3))  # fmt: skip


@pytest.mark.slow
def test_consistency_view_lists_comparable_orders(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    other = escalated_case("https://video.example/v/10")
    past = _ordered(cast, other, "censure", departure="first posting, removed at once")
    assert past.departure_reason and past.recommended_penalty == "withholding_increment"
    # a new, comparable case of another officer: same clause, severity and no priors
    from zabta.cases.actions import case_open
    from zabta.cases.escalation import sweep_overdue_notices
    from zabta.cases.removal import notice_issue

    assert cast.zaman_constable is not None
    new = case_open(actor=cast.monitor, officer=cast.zaman_constable, clause_keys=["KHI-2024-SM-1"],
                    posted_at=T0, captured_at=T0, content_url="https://video.example/v/11")  # fmt: skip
    notice_issue(case=new, actor=cast.ssp, at=T0)
    sweep_overdue_notices(now=T0 + timedelta(days=9))
    assert [p.penalty for p in comparable_orders(new, priors=0)] == ["censure"]
    assert list(comparable_orders(new, priors=1)) == []
