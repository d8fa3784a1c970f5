"""State changes of the account registry, each audited in the same transaction."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zabta.access.models import User
from zabta.access.scopes import personnel_visible_to
from zabta.accounts_registry.models import (
    Custodian,
    Declaration,
    DiscoveredAccount,
    OfficialAccount,
    PersonalAccount,
    Platform,
)
from zabta.accounts_registry.normalise import BadAccountUrl, canonical_url, checked_account_url, normalise_handle
from zabta.accounts_registry.selectors import is_unit_head_of, may_review_accounts
from zabta.audit.actions import record, snapshot
from zabta.org.actions import InvalidTransition
from zabta.org.models import Personnel, Unit
from zabta.org.selectors import current_posting
from zabta.org.tree import load_tree

ACCOUNT_FIELDS = ("platform", "handle", "handle_key", "url", "display_name", "unit", "verified")


def _key(platform: str, handle: str) -> str:
    if platform not in Platform.values:
        raise ValidationError(_("unknown platform"), code="platform")
    key = normalise_handle(platform, handle)
    if not key:
        raise ValidationError(_("the handle or URL has no usable account name"), code="handle")
    return key


def _url(platform: str, key: str, url: str) -> str:
    """The given link, checked (it is shown as a link later), or the platform's canonical link for the handle."""
    if not url.strip():
        return canonical_url(platform, key)
    try:
        return checked_account_url(platform, key, url)
    except BadAccountUrl as exc:
        raise ValidationError(
            _("the URL must be an http(s) link to this same account on %(platform)s (%(why)s)"),
            code="url",
            params={"platform": Platform(platform).label, "why": str(exc)},
        ) from exc


def _require_unit_head(actor: Any, unit: Unit) -> None:
    if not is_unit_head_of(actor, unit):
        raise PermissionDenied(_("only the head of %(unit)s may do this") % {"unit": unit})


def official_account_register(
    *, actor: User, platform: str, handle: str, unit: Unit, url: str = "", display_name: str = "",
    verified: bool = False,
) -> OfficialAccount:  # fmt: skip
    """The unit head registers an account his unit runs officially."""
    _require_unit_head(actor, unit)
    key = _key(platform, handle)
    with transaction.atomic():
        if OfficialAccount.objects.filter(platform=platform, handle_key=key).exists():
            raise InvalidTransition(_("this account is already registered"))
        account = OfficialAccount.objects.create(
            platform=platform, handle=handle.strip()[:120], handle_key=key, url=_url(platform, key, url),
            display_name=display_name[:150], unit=unit, verified=verified,
        )  # fmt: skip
        record(actor=actor, action="registry.official.registered", obj=account,
               after=snapshot(account, ACCOUNT_FIELDS))  # fmt: skip
    return account


def official_account_set_verified(*, actor: User, account: OfficialAccount, verified: bool) -> OfficialAccount:
    _require_unit_head(actor, account.unit)
    with transaction.atomic():
        before = account.verified
        OfficialAccount.objects.filter(pk=account.pk).update(verified=verified)
        account.verified = verified
        record(actor=actor, action="registry.official.verified_set", obj=account,
               before={"verified": before}, after={"verified": verified})  # fmt: skip
    return account


def custodian_appoint(*, actor: User, account: OfficialAccount, personnel: Personnel, on: date) -> Custodian:
    """Only the unit head appoints; the custodian must be serving in the unit's subtree."""
    _require_unit_head(actor, account.unit)
    posting = current_posting(personnel)
    if posting is None or posting.unit_id not in load_tree().subtree_ids([account.unit_id]):
        raise InvalidTransition(_("%(officer)s is not posted in %(unit)s") % {"officer": personnel,
                                                                             "unit": account.unit})  # fmt: skip
    with transaction.atomic():
        if account.custodians.current().filter(personnel=personnel).exists():
            raise InvalidTransition(_("%(officer)s is already a custodian") % {"officer": personnel})
        custodian = Custodian.objects.create(account=account, personnel=personnel, appointed_on=on,
                                             appointed_by=actor)  # fmt: skip
        record(actor=actor, action="registry.custodian.appointed", obj=account,
               after={"personnel": personnel.personnel_id, "appointed_on": on})  # fmt: skip
    return custodian


def custodian_remove(*, actor: User, custodian: Custodian, on: date, reason: str) -> Custodian:
    _require_unit_head(actor, custodian.account.unit)
    if not reason.strip():
        raise ValidationError(_("a reason is required"), code="reason")
    with transaction.atomic():
        claimed = Custodian.objects.filter(pk=custodian.pk, removed_on__isnull=True).update(
            removed_on=on, removed_by=actor, removal_reason=reason[:300]
        )
        if claimed != 1:
            raise InvalidTransition(_("this custodian has already been removed"))
        custodian.refresh_from_db()
        record(actor=actor, action="registry.custodian.removed", obj=custodian.account, reason=reason,
               before={"personnel": custodian.personnel.personnel_id}, after={"removed_on": on})  # fmt: skip
    return custodian


def _own_officer(actor: User) -> Personnel:
    officer = actor.personnel if actor.personnel_id is not None else None
    if officer is None:
        raise PermissionDenied(_("only officers declare personal accounts"))
    return officer


def _touch_declaration(officer: Personnel, *, holds_none: bool) -> None:
    Declaration.objects.update_or_create(personnel=officer,
                                         defaults={"declared_at": timezone.now(), "holds_none": holds_none})  # fmt: skip


def personal_account_declare(*, actor: User, platform: str, handle: str, url: str = "") -> PersonalAccount:
    """Self-service: an officer declares one of his own accounts."""
    officer = _own_officer(actor)
    key = _key(platform, handle)
    with transaction.atomic():
        if OfficialAccount.objects.filter(platform=platform, handle_key=key).exists():
            raise InvalidTransition(_("this is a registered official account, not a personal one"))
        if PersonalAccount.objects.filter(platform=platform, handle_key=key, withdrawn_at__isnull=True).exists():
            raise InvalidTransition(_("this account has already been declared"))
        account = PersonalAccount.objects.create(personnel=officer, platform=platform, handle=handle.strip()[:120],
                                                 handle_key=key, url=_url(platform, key, url))  # fmt: skip
        _touch_declaration(officer, holds_none=False)
        record(actor=actor, action="registry.personal.declared", obj=account,
               after=snapshot(account, ("personnel", "platform", "handle_key", "url")))  # fmt: skip
    return account


def personal_account_withdraw(*, actor: User, account: PersonalAccount, reason: str) -> PersonalAccount:
    if account.personnel_id != actor.personnel_id:
        raise PermissionDenied(_("you may withdraw only your own declarations"))
    with transaction.atomic():
        claimed = PersonalAccount.objects.filter(pk=account.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
        if claimed != 1:
            raise InvalidTransition(_("this declaration has already been withdrawn"))
        account.refresh_from_db()
        record(actor=actor, action="registry.personal.withdrawn", obj=account, reason=reason)
    return account


def declaration_confirm(*, actor: User, holds_none: bool) -> Declaration:
    """The officer confirms his declared list is complete, or that he holds no accounts at all."""
    officer = _own_officer(actor)
    with transaction.atomic():
        if holds_none and PersonalAccount.objects.filter(personnel=officer, withdrawn_at__isnull=True).exists():
            raise InvalidTransition(_("you have declared accounts; withdraw them first"))
        _touch_declaration(officer, holds_none=holds_none)
        declaration = Declaration.objects.get(personnel=officer)
        record(actor=actor, action="registry.declaration.confirmed", obj=declaration,
               after={"holds_none": holds_none})  # fmt: skip
    return declaration


def discovered_account_record(
    *, actor: Any, platform: str, handle: str, url: str = "", display_name: str = "", source: str = ""
) -> DiscoveredAccount:
    """Monitoring found an account not in the registry; recording it twice returns the first record."""
    key = _key(platform, handle)
    with transaction.atomic():
        account, created = DiscoveredAccount.objects.get_or_create(
            platform=platform, handle_key=key,
            defaults={"handle": handle.strip()[:120], "url": _url(platform, key, url),
                      "display_name": display_name[:150], "source": source[:100]},
        )  # fmt: skip
        if created:
            record(actor=actor, action="registry.discovered.recorded", obj=account,
                   after=snapshot(account, ("platform", "handle_key", "url", "display_name", "source")))  # fmt: skip
    return account


def discovered_account_link(
    *, actor: User, account: DiscoveredAccount, personnel: Personnel, confidence: int, reason: str
) -> DiscoveredAccount:
    """A reviewer attributes a discovered account to an officer (re-linking is allowed and audited)."""
    if not may_review_accounts(actor):
        raise PermissionDenied(_("only reviewers link accounts to officers"))
    if not 0 <= confidence <= 100 or not reason.strip():
        raise ValidationError(_("give a confidence from 0 to 100 and a reason"), code="link")
    if not personnel_visible_to(actor).filter(pk=personnel.pk).exists():
        raise PermissionDenied(_("this officer is outside your scope"))
    with transaction.atomic():
        before = {"personnel": account.personnel_id, "confidence": account.confidence}
        DiscoveredAccount.objects.filter(pk=account.pk).update(
            personnel=personnel, confidence=confidence, link_reason=reason[:500], linked_by=actor,
            linked_at=timezone.now(),
        )  # fmt: skip
        account.refresh_from_db()
        record(actor=actor, action="registry.discovered.linked", obj=account, reason=reason, before=before,
               after={"personnel": personnel.personnel_id, "confidence": confidence})  # fmt: skip
    return account
