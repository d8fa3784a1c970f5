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
from zabta.permits.models import AssetKind, PermitApplication, PermitStatus, PremisesAsset
from zabta.permits.notify import notify_applicant, notify_submitted
from zabta.permits.ratelimit import check_rate
from zabta.permits.selectors import can_decide_permit, may_manage_premises

MAX_DAYS = 31
MAX_CREW = 50
MAX_AHEAD_DAYS = 180
_PHONE = re.compile(r"^\+?\d{10,15}$")


def _clean_phone(raw: str) -> str:
    phone = re.sub(r"[\s\-()]", "", raw[:40])
    if not _PHONE.match(phone):
        raise ValidationError(_("give a phone number of 10 to 15 digits"), code="phone")
    return phone


def _check_dates(starts_on: date, ends_on: date) -> None:
    today = timezone.localdate()
    if starts_on < today:
        raise ValidationError(_("the dates cannot be in the past"), code="dates")
    if starts_on > today + timedelta(days=MAX_AHEAD_DAYS):
        raise ValidationError(_("apply at most %(n)d days ahead") % {"n": MAX_AHEAD_DAYS}, code="dates")
    if ends_on < starts_on or (ends_on - starts_on) > timedelta(days=MAX_DAYS - 1):
        raise ValidationError(_("the period must be 1 to %(n)d days") % {"n": MAX_DAYS}, code="dates")


def _check_premises(unit: Unit, asset: PremisesAsset | None) -> None:
    if asset is not None and (asset.unit_id != unit.pk or not asset.active):
        raise ValidationError(_("this vehicle or building does not belong to the chosen premises"), code="asset")


def _check_applicant(name: str, purpose: str, platform: str, crew_size: int) -> None:
    if not name or len(name) > 120 or len(purpose) > 1000 or not purpose.strip():
        raise ValidationError(_("give your name and the purpose (within their limits)"), code="text")
    if any(ord(ch) < 32 for ch in name):
        raise ValidationError(_("the name contains control characters"), code="text")
    if platform not in Platform.values or not 1 <= crew_size <= MAX_CREW:
        raise ValidationError(_("choose a platform and a crew of 1 to %(n)d") % {"n": MAX_CREW}, code="crew")


def _clean_cnic(raw: str) -> str:
    digits = normalise_cnic(raw[:20])
    if not digits:
        raise ValidationError(_("CNIC must be 13 digits, written 12345-1234567-1"), code="cnic")
    return digits


def permit_apply(
    *, applicant_name: str, cnic: str, phone: str, purpose: str, platform: str, unit: Unit,
    asset: PremisesAsset | None, starts_on: date, ends_on: date, crew_size: int, client_key: str = "",
    applicant_user: User | None = None,
) -> PermitApplication:  # fmt: skip
    """A private person applies, with or without a light applicant account. Everything here is untrusted;
    `client_key` (see ratelimit.client_key_for) limits how often one address may apply."""
    name = applicant_name.strip()
    _check_applicant(name, purpose, platform, crew_size)
    cnic_digits, phone_digits = _clean_cnic(cnic), _clean_phone(phone)
    _check_dates(starts_on, ends_on)
    _check_premises(unit, asset)
    user = applicant_user if applicant_user is not None and applicant_user.is_authenticated else None
    with transaction.atomic():
        check_rate(client_key=client_key, applicant_user_id=user.pk if user else None)
        application = PermitApplication.objects.create(
            applicant_name=name, cnic=cnic_digits, phone=phone_digits, purpose=purpose.strip(), platform=platform,
            unit=unit, asset=asset, starts_on=starts_on, ends_on=ends_on, crew_size=crew_size,
            submitted_at=timezone.now(), applicant_user=user, client_key=client_key[:64],
        )  # fmt: skip
        # The audit log keeps no personal data of the applicant (name, CNIC, phone stay in the record only).
        record(actor=user or "public applicant", action="permits.application.submitted", obj=application,
               after={"unit": unit.code, "asset": asset.pk if asset else None, "starts_on": starts_on,
                      "ends_on": ends_on, "crew_size": crew_size, "platform": platform})  # fmt: skip
        notify_submitted(application)
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
        notify_applicant(application)
    return application


def permit_reject(*, application: PermitApplication, actor: User, reason: str) -> PermitApplication:
    _decide_guard(application, actor)
    if not reason.strip():
        raise ValidationError(_("a reason is required"), code="reason")
    with transaction.atomic():
        _claim(application, PermitStatus.SUBMITTED, status=PermitStatus.REJECTED, decision_reason=reason[:2000],
               decided_by=actor, decided_at=timezone.now())  # fmt: skip
        record(actor=actor, action="permits.application.rejected", obj=application, reason=reason)
        notify_applicant(application)
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
        notify_applicant(application)
    return application


def premises_asset_add(*, actor: User, unit: Unit, kind: str, name: str, registration_no: str = "") -> PremisesAsset:
    """The unit head lists a vehicle or building of his unit that private persons may ask to film."""
    if not may_manage_premises(actor, unit):
        raise PermissionDenied(_("only the head of %(unit)s may list its premises") % {"unit": unit})
    if kind not in AssetKind.values or not name.strip() or len(name) > 120 or len(registration_no) > 30:
        raise ValidationError(_("choose a kind and give a name (120 characters at most)"), code="asset")
    with transaction.atomic():
        asset = PremisesAsset.objects.create(unit=unit, kind=kind, name=name.strip(),
                                             registration_no=registration_no.strip())  # fmt: skip
        record(actor=actor, action="permits.asset.added", obj=asset,
               after={"unit": unit.code, "kind": kind, "name": asset.name, "registration_no": asset.registration_no})  # fmt: skip
    return asset


def premises_asset_update(
    *, actor: User, asset: PremisesAsset, name: str, registration_no: str, active: bool, reason: str
) -> PremisesAsset:
    """The unit head corrects a listed vehicle or building, or takes it out of (or back into) service.

    Permits already issued for it stay as they are; new applications can name it only while it is in service.
    """
    if not may_manage_premises(actor, asset.unit):
        raise PermissionDenied(_("only the head of %(unit)s may list its premises") % {"unit": asset.unit})
    if not name.strip() or len(name) > 120 or len(registration_no) > 30:
        raise ValidationError(_("choose a kind and give a name (120 characters at most)"), code="asset")
    if not reason.strip():
        raise ValidationError(_("give the reason for the change"), code="reason")
    before = {"name": asset.name, "registration_no": asset.registration_no, "active": asset.active}
    after = {"name": name.strip(), "registration_no": registration_no.strip(), "active": active}
    if after == before:
        return asset
    with transaction.atomic():
        PremisesAsset.objects.filter(pk=asset.pk).update(**after)
        asset.refresh_from_db()
        record(actor=actor, action="permits.asset.changed", obj=asset, before=before, after=after,
               reason=reason.strip()[:500])  # fmt: skip
    return asset
