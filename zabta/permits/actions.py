"""State changes of premises permits: apply (public), approve with conditions, reject, revoke; each audited."""

import re
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zabta.access.models import User
from zabta.accounts_registry.models import Platform
from zabta.audit.actions import record
from zabta.org.actions import InvalidTransition
from zabta.org.cnic import normalise_cnic
from zabta.org.models import Unit
from zabta.permits.models import PermitApplication, PermitStatus, PremisesAsset
from zabta.permits.notify import notify
from zabta.permits.selectors import can_decide_permit

MAX_DAYS = 31
MAX_CREW = 50
_PHONE = re.compile(r"^\+?\d{10,15}$")


def _clean_phone(raw: str) -> str:
    phone = re.sub(r"[\s\-()]", "", raw)[:20]
    if not _PHONE.match(phone):
        raise ValidationError(_("give a phone number of 10 to 15 digits"), code="phone")
    return phone


def _check_dates(starts_on: date, ends_on: date) -> None:
    if starts_on < timezone.localdate():
        raise ValidationError(_("the dates cannot be in the past"), code="dates")
    if ends_on < starts_on or (ends_on - starts_on) > timedelta(days=MAX_DAYS - 1):
        raise ValidationError(_("the period must be 1 to %(n)d days") % {"n": MAX_DAYS}, code="dates")


def _check_premises(unit: Unit, asset: PremisesAsset | None) -> None:
    if asset is not None and (asset.unit_id != unit.pk or not asset.active):
        raise ValidationError(_("this vehicle or building does not belong to the chosen premises"), code="asset")


def permit_apply(
    *, applicant_name: str, cnic: str, phone: str, purpose: str, platform: str, unit: Unit,
    asset: PremisesAsset | None, starts_on: date, ends_on: date, crew_size: int, client: str = "anonymous",
) -> PermitApplication:  # fmt: skip
    """A private person applies, without logging in. Everything here is untrusted."""
    name = applicant_name.strip()
    if not name or len(name) > 120 or len(purpose) > 1000 or not purpose.strip():
        raise ValidationError(_("give your name and the purpose (within their limits)"), code="text")
    if platform not in Platform.values or not 1 <= crew_size <= MAX_CREW:
        raise ValidationError(_("choose a platform and a crew of 1 to %(n)d") % {"n": MAX_CREW}, code="crew")
    _check_dates(starts_on, ends_on)
    _check_premises(unit, asset)
    with transaction.atomic():
        application = PermitApplication.objects.create(
            applicant_name=name, cnic=normalise_cnic(cnic), phone=_clean_phone(phone), purpose=purpose.strip(),
            platform=platform, unit=unit, asset=asset, starts_on=starts_on, ends_on=ends_on, crew_size=crew_size,
            submitted_at=timezone.now(),
        )  # fmt: skip
        # The audit log keeps no personal data of the applicant beyond what the record itself holds.
        record(actor=f"applicant via {client}"[:200], action="permits.application.submitted", obj=application,
               after={"unit": unit.code, "asset": asset.pk if asset else None, "starts_on": starts_on,
                      "ends_on": ends_on, "crew_size": crew_size})  # fmt: skip
        notify(event="permits.application.submitted", obj=application)
    return application


def _decide_guard(application: PermitApplication, actor: User) -> None:
    if not can_decide_permit(actor, application):
        raise PermissionDenied(_("you are not the competent authority for these premises"))


def _claim(application: PermitApplication, from_status: str, **values: Any) -> None:
    rows = PermitApplication.objects.filter(pk=application.pk, status=from_status).update(**values)
    if rows != 1:
        raise InvalidTransition(_("this application is no longer awaiting that step"))
    application.refresh_from_db()


def permit_approve(*, application: PermitApplication, actor: User, conditions: str) -> PermitApplication:
    """Approve with conditions (may be empty); the permit gets its number."""
    _decide_guard(application, actor)
    now = timezone.now()
    with transaction.atomic():
        number = f"KR-PRM-{timezone.localdate(now).year}-{application.pk:06d}"
        _claim(application, PermitStatus.SUBMITTED, status=PermitStatus.APPROVED, number=number,
               conditions=conditions.strip()[:2000], decided_by=actor, decided_at=now)  # fmt: skip
        record(actor=actor, action="permits.permit.approved", obj=application,
               after={"number": number, "conditions": application.conditions})  # fmt: skip
        notify(event="permits.permit.approved", obj=application)
    return application


def permit_reject(*, application: PermitApplication, actor: User, reason: str) -> PermitApplication:
    _decide_guard(application, actor)
    if not reason.strip():
        raise ValidationError(_("a reason is required"), code="reason")
    with transaction.atomic():
        _claim(application, PermitStatus.SUBMITTED, status=PermitStatus.REJECTED, decision_reason=reason[:2000],
               decided_by=actor, decided_at=timezone.now())  # fmt: skip
        record(actor=actor, action="permits.application.rejected", obj=application, reason=reason)
        notify(event="permits.application.rejected", obj=application)
    return application


def permit_revoke(*, application: PermitApplication, actor: User, reason: str) -> PermitApplication:
    _decide_guard(application, actor)
    if not reason.strip():
        raise ValidationError(_("a reason is required"), code="reason")
    with transaction.atomic():
        _claim(application, PermitStatus.APPROVED, status=PermitStatus.REVOKED, revoke_reason=reason[:2000],
               revoked_at=timezone.now())  # fmt: skip
        record(actor=actor, action="permits.permit.revoked", obj=application, reason=reason,
               before={"status": PermitStatus.APPROVED}, after={"status": PermitStatus.REVOKED})  # fmt: skip
        notify(event="permits.permit.revoked", obj=application)
    return application
