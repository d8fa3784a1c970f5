"""Who may act on cases (reads go through zabta.cases.selectors). A role counts only over the units it was granted for."""

from typing import Any

from zabta.access.models import Role
from zabta.access.scopes import has_role, role_unit_ids
from zabta.cases.models import Case

OPENERS = (Role.MONITOR, Role.UNIT_HEAD, Role.COMPETENT_AUTHORITY, Role.RANGE_ADMIN)
MANAGERS = (Role.UNIT_HEAD, Role.COMPETENT_AUTHORITY, Role.RANGE_ADMIN)
VERIFIERS = (Role.MONITOR, Role.MEDIA_TEAM, Role.UNIT_HEAD, Role.RANGE_ADMIN)


def _holds_over(user: Any, case: Case, roles: tuple[Role, ...]) -> bool:
    ids = role_unit_ids(user, *roles)
    return ids is None or case.responsible_unit_id in ids


def can_open_cases(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, *OPENERS)


def can_manage(user: Any, case: Case) -> bool:
    """Issue notices, merge, record departmental action, open proceedings, close."""
    return _holds_over(user, case, MANAGERS)


def can_verify(user: Any, case: Case) -> bool:
    """Record a reviewer's re-check with a screenshot."""
    return _holds_over(user, case, VERIFIERS)
