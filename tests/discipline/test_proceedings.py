"""Disciplinary proceedings: every guarded transition, suspension, competence, the 30-day appeal limit."""

import hashlib
import re
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from tests.cases.conftest import PKT
from tests.conftest import Cast
from zabta.audit.models import AuditEvent
from zabta.cases.errors import CaseInputError, InvalidTransition
from zabta.cases.models import Case, CaseStatus
from zabta.discipline.actions import (
    appeal_decide,
    appeal_file,
    charge_issue,
    hearing_record,
    inquiry_appoint,
    inquiry_report_record,
    order_pass,
    proceeding_finalise,
    proceeding_open,
    reply_record,
    suspension_lift,
    suspension_order,
)
from zabta.discipline.models import Proceeding, ProceedingDocument, Stage
from zabta.org.models import PersonnelStatus

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
T0 = datetime(2024, 10, 12, 10, tzinfo=PKT)


def pdf_fonts(pdf: bytes) -> set[str]:
    """The base font names a PDF embeds (inside its compressed object streams)."""
    blobs = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            blobs.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return {m.decode() for blob in blobs for m in re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", blob)}


def _opened(cast: Cast, escalated_case: Callable[..., Case]) -> Proceeding:
    return proceeding_open(case=escalated_case(), actor=cast.sho, facts="video in uniform", at=T0)


def _heard_show_cause(cast: Cast, escalated_case: Callable[..., Case]) -> Proceeding:
    p = _opened(cast, escalated_case)
    p = charge_issue(proceeding=p, kind="show_cause", allegations="Posted a video in uniform.", actor=cast.ssp, at=T0)
    p = reply_record(proceeding=p, text="I removed it.", actor=cast.constable, at=T0 + timedelta(days=2))
    return hearing_record(proceeding=p, notes="heard in person", actor=cast.ssp, at=T0 + timedelta(days=3))


def test_opening_is_the_unit_heads_action_and_records_a_recommendation(
    cast: Cast, escalated_case: Callable[..., Case]
) -> None:
    p = _opened(cast, escalated_case)
    assert p.stage == Stage.PRELIMINARY and p.reference.startswith("ZD-PS-KIA-2024-")
    assert p.case is not None and p.case.status == CaseStatus.ACTION_TAKEN
    assert p.recommended_penalty == "withholding_increment" and p.recommendation_reasons
    assert AuditEvent.objects.filter(action="discipline.opened", object_id=str(p.pk)).exists()
    with pytest.raises(InvalidTransition, match="already has proceedings"):
        proceeding_open(case=p.case, actor=cast.sho)


def test_show_cause_path_to_a_minor_penalty_with_documents(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    p = _heard_show_cause(cast, escalated_case)
    p = order_pass(proceeding=p, penalty_code="withholding_increment", reasons="proved", actor=cast.ssp,
                   at=T0 + timedelta(days=4))  # fmt: skip
    assert p.stage == Stage.ORDERED
    assert p.appeal_due_at == datetime(2024, 11, 16, 0, tzinfo=PKT)  # 30 Karachi days after 16-10-2024
    docs = {(d.kind, d.language): d for d in ProceedingDocument.objects.filter(proceeding=p)}
    assert set(docs) == {("show_cause", "en"), ("show_cause", "ur"), ("order", "en"), ("order", "ur")}
    urdu, english = docs[("order", "ur")].pdf.read(), docs[("order", "en")].pdf.read()
    assert urdu.startswith(b"%PDF") and english.startswith(b"%PDF")
    assert any("Nastaliq" in font for font in pdf_fonts(urdu))
    assert not any("Nastaliq" in font for font in pdf_fonts(english))
    assert docs[("order", "ur")].sha256 == hashlib.sha256(urdu).hexdigest()
    assert docs[("order", "en")].reference == f"{p.reference}/ORD/EN"


def test_charge_sheet_path_to_a_major_penalty(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    p = _opened(cast, escalated_case)
    p = charge_issue(proceeding=p, kind="charge_sheet", allegations="Repeated uniform videos.", actor=cast.ssp, at=T0)
    with pytest.raises(InvalidTransition, match="reply"):
        inquiry_appoint(proceeding=p, inquiry_officer=cast.inquiry, actor=cast.ssp, at=T0 + timedelta(days=1))
    # no reply: the period lapses and the inquiry goes ahead
    p = inquiry_appoint(proceeding=p, inquiry_officer=cast.inquiry, actor=cast.ssp, at=T0 + timedelta(days=9))
    with pytest.raises(InvalidTransition, match="inquiry officer"):
        inquiry_report_record(proceeding=p, report="x", actor=cast.ssp)
    p = inquiry_report_record(proceeding=p, report="charge proved", actor=cast.inquiry, at=T0 + timedelta(days=15))
    p = hearing_record(proceeding=p, notes="heard", actor=cast.ssp, at=T0 + timedelta(days=16))
    p = order_pass(proceeding=p, penalty_code="dismissal", reasons="grave", departure_reason="third offence",
                   actor=cast.ssp, at=T0 + timedelta(days=17))  # fmt: skip
    assert p.officer.status == PersonnelStatus.DISMISSED
    assert p.departure_reason == "third offence"


def test_major_penalty_needs_charge_sheet_and_inquiry(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    p = _heard_show_cause(cast, escalated_case)
    with pytest.raises(InvalidTransition, match="charge sheet and an inquiry report"):
        order_pass(proceeding=p, penalty_code="dismissal", reasons="x", departure_reason="y", actor=cast.ssp)
    assert Proceeding.objects.get(pk=p.pk).stage == Stage.HEARD


def test_charge_sheet_cannot_skip_the_inquiry(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    p = _opened(cast, escalated_case)
    p = charge_issue(proceeding=p, kind="charge_sheet", allegations="x", actor=cast.ssp, at=T0)
    p = reply_record(proceeding=p, text="denied", actor=cast.constable, at=T0 + timedelta(days=1))
    with pytest.raises(InvalidTransition, match="inquiry report before the hearing"):
        hearing_record(proceeding=p, notes="x", actor=cast.ssp)


def test_competence_is_data_by_rank(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    p = _heard_show_cause(cast, escalated_case)
    with pytest.raises(InvalidTransition, match="not competent"):
        order_pass(proceeding=p, penalty_code="withholding_increment", reasons="x", actor=cast.sho)  # an Inspector
    with pytest.raises(InvalidTransition, match="not competent"):
        order_pass(proceeding=p, penalty_code="withholding_increment", reasons="x", actor=cast.monitor)  # no rank


def test_departure_from_recommendation_needs_a_reason(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    p = _heard_show_cause(cast, escalated_case)
    with pytest.raises(CaseInputError, match="departing"):
        order_pass(proceeding=p, penalty_code="censure", reasons="x", actor=cast.ssp)
    with pytest.raises(CaseInputError, match="unknown penalty"):
        order_pass(proceeding=p, penalty_code="<script>", reasons="x", departure_reason="y", actor=cast.ssp)


def test_reply_after_the_deadline_is_refused(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    p = _opened(cast, escalated_case)
    p = charge_issue(proceeding=p, kind="show_cause", allegations="x", actor=cast.ssp, reply_days=3, at=T0)
    assert p.reply_due_at == datetime(2024, 10, 16, 0, tzinfo=PKT)
    with pytest.raises(InvalidTransition, match="reply period ended"):
        reply_record(proceeding=p, text="late", actor=cast.constable, at=datetime(2024, 10, 16, 0, tzinfo=PKT))


def test_stages_cannot_be_skipped(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    p = _opened(cast, escalated_case)
    with pytest.raises(InvalidTransition):
        reply_record(proceeding=p, text="x", actor=cast.constable)
    with pytest.raises(InvalidTransition):
        hearing_record(proceeding=p, notes="x", actor=cast.ssp)
    with pytest.raises(InvalidTransition):
        order_pass(proceeding=p, penalty_code="censure", reasons="x", departure_reason="y", actor=cast.ssp)
    with pytest.raises(InvalidTransition):
        appeal_file(proceeding=p, text="x", actor=cast.constable)
    with pytest.raises(CaseInputError, match="cannot be empty"):
        charge_issue(proceeding=p, kind="show_cause", allegations="  ", actor=cast.ssp)
    with pytest.raises(ValueError):
        charge_issue(proceeding=p, kind="banish", allegations="x", actor=cast.ssp)


def test_suspension_is_interim_and_shows_on_the_officer(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    p = _opened(cast, escalated_case)
    p = suspension_order(proceeding=p, actor=cast.ssp, reason="pending inquiry", at=T0)
    assert p.is_suspended and p.officer.status == PersonnelStatus.SUSPENDED
    with pytest.raises(InvalidTransition):
        suspension_order(proceeding=p, actor=cast.ssp, reason="again")
    p = suspension_lift(proceeding=p, actor=cast.ssp, reason="inquiry done", at=T0 + timedelta(days=1))
    p.officer.refresh_from_db()
    assert not p.is_suspended and p.officer.status == PersonnelStatus.SERVING


def test_appeal_within_30_days_then_final(cast: Cast, escalated_case: Callable[..., Case]) -> None:
    p = _heard_show_cause(cast, escalated_case)
    p = order_pass(proceeding=p, penalty_code="withholding_increment", reasons="proved", actor=cast.ssp,
                   at=T0 + timedelta(days=4))  # fmt: skip
    assert p.appeal_due_at is not None
    p = appeal_file(proceeding=p, text="harsh", actor=cast.constable, at=p.appeal_due_at - timedelta(minutes=1))
    with pytest.raises(InvalidTransition):
        appeal_file(proceeding=p, text="second appeal", actor=cast.constable)
    p = appeal_decide(proceeding=p, decision="modified", penalty_code="censure", reasons="first offence",
                      actor=cast.dig)  # fmt: skip
    assert p.stage == Stage.FINAL and p.final_penalty == "censure"
    with pytest.raises(InvalidTransition):
        appeal_file(proceeding=p, text="again", actor=cast.constable)


def test_appeal_after_30_days_is_refused_and_order_becomes_final(
    cast: Cast, escalated_case: Callable[..., Case]
) -> None:
    p = _heard_show_cause(cast, escalated_case)
    ordered_at = T0 + timedelta(days=4)
    p = order_pass(proceeding=p, penalty_code="withholding_increment", reasons="proved", actor=cast.ssp,
                   at=ordered_at)  # fmt: skip
    with pytest.raises(InvalidTransition, match="still running"):
        proceeding_finalise(proceeding=p, actor=cast.ssp, at=ordered_at + timedelta(days=29))
    with pytest.raises(InvalidTransition, match="appeal period ended on 15-11-2024"):
        appeal_file(proceeding=p, text="late", actor=cast.constable, at=datetime(2024, 11, 16, 0, tzinfo=PKT))
    p = proceeding_finalise(proceeding=p, actor=cast.ssp, at=datetime(2024, 11, 16, 0, tzinfo=PKT))
    assert p.stage == Stage.FINAL and p.final_penalty == "withholding_increment"


def test_appeal_is_decided_only_by_an_authority_senior_to_the_one_who_ordered(
    cast: Cast, escalated_case: Callable[..., Case]
) -> None:
    p = _heard_show_cause(cast, escalated_case)
    p = order_pass(proceeding=p, penalty_code="withholding_increment", reasons="proved", actor=cast.ssp,
                   at=T0 + timedelta(days=4))  # fmt: skip
    p = appeal_file(proceeding=p, text="harsh", actor=cast.constable, at=T0 + timedelta(days=5))
    for not_senior in (cast.ssp, cast.sho, cast.media, cast.applicant):
        with pytest.raises(InvalidTransition):
            appeal_decide(proceeding=p, decision="upheld", reasons="x", actor=not_senior)
    p.refresh_from_db()
    assert p.stage == Stage.APPEALED and p.final_penalty == ""
    p = appeal_decide(proceeding=p, decision="upheld", reasons="order stands", actor=cast.dig)
    assert p.stage == Stage.FINAL and p.final_penalty == "withholding_increment"
