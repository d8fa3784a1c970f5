"""Menu entries of the registry, approval and permit pages (added to the shared navigation)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zabta.access.scopes import roles_of


def registry_nav(user: Any) -> list[tuple[str, Any]]:
    """Officers and role holders get the three workflows; a private applicant only his permit applications."""
    if getattr(user, "personnel_id", None) is None and not roles_of(user) and not user.is_superuser:
        return [(reverse("permits:mine"), _("My permit applications"))]
    return [
        (reverse("registry:account_list"), _("Social accounts")),
        (reverse("approvals:request_list"), _("Approvals")),
        (reverse("permits:queue"), _("Permits")),
    ]
