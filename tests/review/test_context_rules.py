"""Clause 1 depends on context: police identifiers are allowed only with approval, on an official account."""

from zabta.review.context import CLAUSE_IDENTIFIERS, RuleContext, apply_context
from zabta.review.screening import FindingData, SignalData

UNIFORM = SignalData("media", "media-1", "media_police_marking", 0.91, True, ({"timecode": 3.0, "text": "POLICE"},))


def _ctx(kind: str, approved: bool, before: bool | None = False) -> RuleContext:
    return RuleContext(account_kind=kind, approved=approved, author_id=1, posted_before_directive=before)


def test_same_video_on_an_official_account_with_approval_raises_no_clause_1_finding() -> None:
    assert apply_context([], [UNIFORM], _ctx("official", approved=True)) == []


def test_same_video_on_a_personal_account_raises_a_clause_1_finding() -> None:
    [finding] = apply_context([], [UNIFORM], _ctx("personal", approved=False))
    assert finding.clause_key == CLAUSE_IDENTIFIERS and finding.score == 0.91
    assert "personal account" in finding.rationale and finding.evidence[0]["timecode"] == 3.0


def test_official_account_without_approval_still_raises_it() -> None:
    [finding] = apply_context([], [UNIFORM], _ctx("official", approved=False))
    assert "without a valid approval" in finding.rationale


def test_approval_clears_a_clause_1_finding_from_the_directive_rules_too() -> None:
    from_rules = FindingData("KHI-2024-SM v1", CLAUSE_IDENTIFIERS, "high", 0.8, "r1", "uniform", ("media_x",))
    other = FindingData("KHI-2024-SM v1", "KHI-2024-SM-3", "medium", 0.7, "r3", "political view", ("political_view",))
    assert apply_context([from_rules, other], [UNIFORM], _ctx("official", approved=True)) == [other]


def test_undecided_signal_raises_nothing() -> None:
    weak = SignalData("media", "media-1", "media_police_marking", 0.3, False)
    assert apply_context([], [weak], _ctx("unknown", approved=False)) == []


def test_posts_from_before_the_directive_say_so() -> None:
    [finding] = apply_context([], [UNIFORM], _ctx("personal", approved=False, before=True))
    assert "before the directive" in finding.rationale
