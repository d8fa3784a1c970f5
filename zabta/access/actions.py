"""State changes of users and role grants, each audited."""

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zabta.access.models import Role, RoleGrant, User
from zabta.audit.actions import record, snapshot
from zabta.org.actions import InvalidTransition
from zabta.org.models import Personnel, Unit


def user_create(
    *, username: str, password: str, actor: Any, personnel: Personnel | None = None, email: str = "",
    validate: bool = True,
) -> User:  # fmt: skip
    """Create a login user; the password must pass Django's validators unless the caller is seeding test data."""
    with transaction.atomic():
        user = User(username=username, email=email, personnel=personnel)
        if validate:
            validate_password(password, user)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        record(actor=actor, action="access.user.created", obj=user,
               after={"username": username, "personnel": personnel.personnel_id if personnel else None})  # fmt: skip
    return user


def role_grant(*, user: User, role: Role | str, unit: Unit | None, actor: Any) -> RoleGrant:
    with transaction.atomic():
        if role != Role.PERSONNEL and unit is None:
            raise InvalidTransition(_("this role must be held over a unit"))
        if RoleGrant.objects.active().filter(user=user, role=role, unit=unit).exists():
            raise InvalidTransition(_("%(user)s already holds this role there") % {"user": user})
        grant = RoleGrant.objects.create(user=user, role=role, unit=unit, granted_by=_actor_name(actor))
        record(actor=actor, action="access.role.granted", obj=grant,
               after={"user": user.username, "role": str(role), "unit": unit.code if unit else None})  # fmt: skip
    return grant


def role_revoke(*, grant: RoleGrant, actor: Any, reason: str) -> RoleGrant:
    with transaction.atomic():
        claimed = RoleGrant.objects.filter(pk=grant.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if claimed != 1:
            raise InvalidTransition(_("this role grant is already revoked"))
        grant.refresh_from_db()
        record(actor=actor, action="access.role.revoked", obj=grant, reason=reason,
               before={"user": grant.user.username, "role": grant.role})  # fmt: skip
    return grant


def _actor_name(actor: Any) -> str:
    if isinstance(actor, str):
        return actor
    return str(getattr(actor, "username", "system"))


USER_FIELDS = ("email", "is_active", "personnel")


def user_update(*, user: User, actor: Any, reason: str = "", **changes: Any) -> User:
    """Change a login user's e-mail, active flag or linked officer; roles change only through grants."""
    unknown = set(changes) - set(USER_FIELDS)
    if unknown:
        raise InvalidTransition(
            _("these fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        before = snapshot(user, USER_FIELDS)
        for name, value in changes.items():
            setattr(user, name, value)
        user.full_clean(exclude=["password"])
        after = snapshot(user, USER_FIELDS)
        diff = {k: v for k, v in after.items() if before.get(k) != v}
        if diff:
            user.save(update_fields=[*changes])
            record(actor=actor, action="access.user.updated", obj=user,
                   before={k: before[k] for k in diff}, after=diff, reason=reason)  # fmt: skip
    return user
