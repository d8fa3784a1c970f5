"""Opening and merging cases: every change audited in the same transaction."""

import hashlib
import uuid
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zabta.audit.actions import record
from zabta.cases.chain import head_of, posting_on
from zabta.cases.errors import CaseInputError, InvalidTransition
from zabta.cases.models import Case, CaseSource, CaseStatus
from zabta.cases.severity import assess, strike_window_start
from zabta.org.models import Personnel, Unit
from zabta.policy.models import Clause
from zabta.policy.selectors import clause_in_force


def content_key(*, url: str, sha256: str, text: str) -> str:
    """What makes two reports the same content: the normalised URL, else the file hash, else the text."""
    if url:
        parts = urlsplit(url.strip())
        basis = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))
    else:
        basis = sha256.lower() or " ".join(text.split()).lower()
    if not basis:
        raise CaseInputError(_("a case needs the content's URL, its file hash or its text"))
    return hashlib.sha256(basis.encode()).hexdigest()


def _clauses(keys: list[str], posted_at: datetime, captured_at: datetime) -> list[Clause]:
    """The clauses in force when the content was posted; content posted before the directive is judged under the
    version in force when it was captured (the directive reaches content already uploaded)."""
    if not keys:
        raise CaseInputError(_("name at least one clause of the directive"))
    found = []
    for key in dict.fromkeys(keys):
        clause = clause_in_force(key, posted_at) or clause_in_force(key, captured_at)
        if clause is None:
            raise CaseInputError(_("no clause %(key)s was in force for this content") % {"key": key})
        found.append(clause)
    if len({c.version_id for c in found}) != 1:
        raise CaseInputError(_("the clauses belong to different directive versions"))
    return found


def _priors(officer: Personnel | None, at: datetime) -> int:
    if officer is None:
        return 0
    return (
        Case.objects.filter(officer=officer, merged_into__isnull=True, opened_at__gte=strike_window_start(at))
        .exclude(status=CaseStatus.OPEN)
        .count()
    )


def case_open(
    *, actor: Any, officer: Personnel | None, clause_keys: list[str], posted_at: datetime, captured_at: datetime,
    source: str = CaseSource.REPORT, unit: Unit | None = None, account_handle: str = "", platform: str = "",
    content_url: str = "", content_sha256: str = "", content_text: str = "", evidence: dict[str, Any] | None = None,
    followers: int | None = None, views: int | None = None, finding_ref: str = "", report_text: str = "",
) -> Case:  # fmt: skip
    """Open a case, or fold the report into the officer's live case for the same content (never a duplicate)."""
    if officer is None and not account_handle:
        raise CaseInputError(_("a case is against an officer or, when none is linked yet, an account"))
    if posted_at > captured_at:
        raise CaseInputError(_("the content cannot be posted after it was captured"))
    key = content_key(url=content_url, sha256=content_sha256, text=content_text)
    clauses = _clauses(clause_keys, posted_at, captured_at)
    if officer is not None:
        existing = Case.objects.filter(officer=officer, content_key=key, merged_into__isnull=True).first()
        if existing is not None:
            return _fold_into(existing, actor=actor, clauses=clauses, finding_ref=finding_ref, report_text=report_text)
    responsible = _responsible_unit(officer, unit, posted_at)
    now = timezone.now()
    evidence = dict(evidence or {})
    result = assess(clauses=clauses, evidence=evidence, followers=followers, views=views, priors=_priors(officer, now))
    try:
        with transaction.atomic():
            case = Case.objects.create(
                reference=f"pending-{uuid.uuid4().hex}", source=source, officer=officer,
                account_handle=account_handle, platform=platform, content_url=content_url, content_key=key,
                content_sha256=content_sha256, content_text=content_text, evidence=evidence, posted_at=posted_at,
                captured_at=captured_at, directive_version=clauses[0].version, severity=result.severity,
                severity_reasons=result.reasons, followers=followers, views=views, responsible_unit=responsible,
                responsible_head=head_of(responsible), opened_at=now, opened_by=_label(actor),
                finding_refs=[finding_ref] if finding_ref else [], report_text=report_text,
            )  # fmt: skip
            case.reference = f"ZC-{now.astimezone().year}-{case.pk:06d}"
            case.save(update_fields=["reference"])
            case.clauses.set(clauses)
            record(actor=actor, action="cases.case.opened", obj=case, after=_snapshot(case, clauses))
    except IntegrityError:
        # Another request opened the same officer's case for this content at the same moment: fold into it.
        existing = Case.objects.get(officer=officer, content_key=key, merged_into__isnull=True)
        return _fold_into(existing, actor=actor, clauses=clauses, finding_ref=finding_ref, report_text=report_text)
    return case


def _responsible_unit(officer: Personnel | None, unit: Unit | None, posted_at: datetime) -> Unit:
    if officer is not None:
        posting = posting_on(officer, timezone.localtime(posted_at).date())
        if posting is not None:
            return posting.unit
    if unit is None:
        raise CaseInputError(_("the officer has no posting: name the unit responsible for the case"))
    return unit


def _fold_into(case: Case, *, actor: Any, clauses: list[Clause], finding_ref: str, report_text: str) -> Case:
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        new_refs = [finding_ref] if finding_ref and finding_ref not in case.finding_refs else []
        case.finding_refs = [*case.finding_refs, *new_refs]
        if report_text:
            case.report_text = "\n\n".join(t for t in (case.report_text, report_text) if t)
        case.save(update_fields=["finding_refs", "report_text"])
        case.clauses.add(*[c for c in clauses if c.version_id == case.directive_version_id])
        record(actor=actor, action="cases.case.report_folded", obj=case,
               after={"finding_refs": new_refs, "clauses": [c.key for c in clauses]})  # fmt: skip
    return case


def case_merge(*, duplicate: Case, into: Case, actor: Any, reason: str) -> Case:
    """Merge a duplicate case (e.g. an account case once the account is linked to the officer) into another."""
    with transaction.atomic():
        duplicate = Case.objects.select_for_update().get(pk=duplicate.pk)
        into = Case.objects.select_for_update().get(pk=into.pk)
        if duplicate.pk == into.pk or duplicate.merged_into_id or into.merged_into_id:
            raise InvalidTransition(_("only two different live cases can be merged"))
        if duplicate.officer_id and into.officer_id and duplicate.officer_id != into.officer_id:
            raise InvalidTransition(_("cases of different officers cannot be merged"))
        into.finding_refs = [*into.finding_refs, *(r for r in duplicate.finding_refs if r not in into.finding_refs)]
        into.save(update_fields=["finding_refs"])
        into.clauses.add(*duplicate.clauses.filter(version_id=into.directive_version_id))
        before = duplicate.status
        Case.objects.filter(pk=duplicate.pk).update(merged_into=into, status=CaseStatus.MERGED)
        record(actor=actor, action="cases.case.merged", obj=duplicate, before={"status": before},
               after={"merged_into": into.reference}, reason=reason)  # fmt: skip
    into.refresh_from_db()
    return into


def _snapshot(case: Case, clauses: list[Clause]) -> dict[str, Any]:
    return {
        "reference": case.reference, "officer": case.officer_id, "account": case.account_handle,
        "content_key": case.content_key, "content_sha256": case.content_sha256, "posted_at": case.posted_at,
        "captured_at": case.captured_at, "clauses": [c.key for c in clauses],
        "directive_version": case.directive_version_id, "severity": case.severity,
        "responsible_unit": case.responsible_unit.code, "responsible_head": case.responsible_head_id,
        "findings": case.finding_refs,
    }  # fmt: skip


def _label(actor: Any) -> str:
    if isinstance(actor, str):
        return actor[:150]
    return str(getattr(actor, "username", "system"))[:150]
