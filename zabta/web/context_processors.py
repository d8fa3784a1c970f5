"""Template context shared by every page: the navigation the user's roles allow."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zabta.access.scopes import can_administer, roles_of
from zabta.accounts_registry.nav import registry_nav
from zabta.banks.nav import banks_nav
from zabta.content.selectors import can_take_in
from zabta.notifications.selectors import inbox_label
from zabta.review.selectors import can_review


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"nav_items": [], "user_roles": set(), "nav_active": ""}
    items = [
        (reverse("home"), _("Home")),
        (reverse("org:unit_list"), _("Units")),
        (reverse("org:personnel_list"), _("Personnel")),
        (reverse("policy:directive_list"), _("Directives")),
        (reverse("circulation:list"), _("Circulation")),
        (reverse("notifications:inbox"), inbox_label(user)),
    ]
    if can_take_in(user):
        items.append((reverse("content:intake"), _("Take in content")))
        items.append((reverse("content:item_list"), _("Content items")))
    if can_review(user):
        items.append((reverse("review:queue"), _("Review queue")))
    items.append((reverse("cases:case_list"), _("Cases")))
    if getattr(user, "personnel_id", None):
        items.append((reverse("cases:my_notices"), _("My notices")))
    items.extend(registry_nav(user))
    items.extend(banks_nav(user))
    if can_administer(user):
        items.append((reverse("org:personnel_import"), _("Import personnel")))
        items.append((reverse("admin:index"), _("Administration")))
    return {"nav_items": items, "user_roles": roles_of(user), "nav_active": _active(request.path, items)}


def _active(path: str, items: list[tuple[str, Any]]) -> str:
    """The menu entry the page belongs to: the longest link that prefixes the path."""
    matches = [href for href, _label in items if path == href or (href != "/" and path.startswith(href))]
    return max(matches, key=len, default="")
