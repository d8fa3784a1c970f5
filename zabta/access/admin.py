"""Admin for login users and role grants: created, changed and revoked only through zabta.access.actions."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zabta.access.actions import role_grant, role_revoke, user_create, user_update
from zabta.access.models import RoleGrant, User
from zabta.org.actions import InvalidTransition
from zabta.web.admin_forms import ActionForm
from zabta.web.admin_site import ActionAdmin


class UserCreateForm(ActionForm):
    password1 = forms.CharField(label=_("password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("password again"), widget=forms.PasswordInput, strip=False)

    class Meta:
        model = User
        fields = ["username", "email", "personnel"]

    def perform(self, data: dict[str, Any]) -> models.Model:
        if data["password1"] != data["password2"]:
            raise InvalidTransition(_("the two passwords differ"))
        return user_create(username=data["username"], password=data["password1"], email=data["email"],
                           personnel=data["personnel"], actor=self.actor)  # fmt: skip


class UserChangeForm(ActionForm):
    reason = forms.CharField(max_length=500, required=False, label=_("reason for the change"))

    class Meta:
        model = User
        fields = ["email", "is_active", "personnel"]

    def perform(self, data: dict[str, Any]) -> models.Model:
        stored = User.objects.get(pk=self.instance.pk)
        return user_update(user=stored, actor=self.actor, reason=data["reason"], email=data["email"],
                           is_active=data["is_active"], personnel=data["personnel"])  # fmt: skip


class RoleGrantForm(ActionForm):
    class Meta:
        model = RoleGrant
        fields = ["user", "role", "unit"]

    def perform(self, data: dict[str, Any]) -> models.Model:
        return role_grant(user=data["user"], role=data["role"], unit=data["unit"], actor=self.actor)


@admin.register(User)
class UserAdmin(ActionAdmin):
    add_form = UserCreateForm
    change_form = UserChangeForm
    list_display = ["username", "personnel", "email", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser"]
    list_select_related = ["personnel__rank"]
    search_fields = ["username", "email", "personnel__personnel_id", "personnel__name"]
    autocomplete_fields = ["personnel"]


@admin.register(RoleGrant)
class RoleGrantAdmin(ActionAdmin):
    add_form = RoleGrantForm
    actions = ["revoke_grants"]
    list_display = ["user", "role", "unit", "granted_at", "granted_by", "revoked_at"]
    list_filter = ["role", "revoked_at"]
    list_select_related = ["user", "unit"]
    search_fields = ["user__username", "unit__code", "unit__name"]
    autocomplete_fields = ["user", "unit"]

    @admin.action(description=_("Revoke the selected role grants"))
    def revoke_grants(self, request: HttpRequest, queryset: QuerySet[RoleGrant]) -> None:
        revoked = 0
        reason = str(_("revoked in the administration by %(user)s") % {"user": request.user.get_username()})
        for grant in queryset.filter(revoked_at__isnull=True):
            role_revoke(grant=grant, actor=request.user, reason=reason)
            revoked += 1
        message = ngettext("%(count)d role grant revoked.", "%(count)d role grants revoked.", revoked)
        self.message_user(request, message % {"count": revoked}, messages.SUCCESS)


# Django groups and permissions are not how Zabta grants access (role grants are): keep them out of the admin.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)
