"""The Django admin site of Zabta: open to superusers and range administrators only."""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zabta.access.scopes import can_administer
from zabta.web.admin_forms import ActionForm, bind_actor


class ZabtaAdminSite(admin.AdminSite):
    site_header = _("Zabta administration")
    site_title = _("Zabta administration")
    index_title = _("Registries")

    def has_permission(self, request: HttpRequest) -> bool:
        # is_staff alone is not enough: the range administrator role (or superuser) is what counts.
        user = request.user
        return bool(user.is_active and can_administer(user))


class RegistryAdmin(admin.ModelAdmin[Any]):
    """Base for every registry: visible to those who may administer; changes only where an action exists."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_administer(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_administer(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ActionAdmin(RegistryAdmin):
    """A registry whose add (and, where an action exists, change) form saves through an action function."""

    add_form: type[ActionForm] | None = None
    change_form: type[ActionForm] | None = None

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.add_form is not None and can_administer(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.change_form is not None and can_administer(request.user)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = self.change_form if obj is not None else self.add_form
        if form is not None:
            kwargs["form"] = bind_actor(form, request.user)
        return super().get_form(request, obj, change=change, **kwargs)

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        if not isinstance(form, ActionForm) or form.result is None:
            raise PermissionDenied
        return form.result

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Nothing to do: the form's action has saved and audited the change."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing to do: registries have no many-to-many fields edited in the admin."""
