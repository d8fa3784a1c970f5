"""Admin for the organisation registry: every add or change goes through zabta.org.actions."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from zabta.org.actions import personnel_create, personnel_update, posting_transfer, unit_create, unit_move
from zabta.org.models import Personnel, Posting, Rank, Unit, UnitParent
from zabta.web.admin_forms import ActionForm
from zabta.web.admin_site import ActionAdmin, RegistryAdmin

PERSONNEL_FORM_FIELDS = ["personnel_id", "name", "name_ur", "father_name", "rank", "belt_no", "cnic",
                         "service_card_no", "status", "phone", "email", "preferred_language"]  # fmt: skip


class UnitCreateForm(ActionForm):
    parent = forms.ModelChoiceField(Unit.objects.order_by("code"), required=False, label=_("comes under"))
    order_ref = forms.CharField(max_length=200, required=False, label=_("order reference"))

    class Meta:
        model = Unit
        fields = ["code", "name", "name_ur", "kind", "head_title", "established_on"]

    def perform(self, data: dict[str, Any]) -> models.Model:
        return unit_create(code=data["code"], name=data["name"], name_ur=data["name_ur"], kind=data["kind"],
                           head_title=data["head_title"], parent=data["parent"], valid_from=data["established_on"],
                           order_ref=data["order_ref"], actor=self.actor)  # fmt: skip


class UnitMoveForm(ActionForm):
    class Meta:
        model = UnitParent
        fields = ["unit", "parent", "valid_from", "order_ref"]
        labels = {"parent": _("new parent"), "valid_from": _("effective from")}

    def perform(self, data: dict[str, Any]) -> models.Model:
        return unit_move(unit=data["unit"], new_parent=data["parent"], effective=data["valid_from"],
                         order_ref=data["order_ref"], actor=self.actor)  # fmt: skip

    def validate_constraints(self) -> None:
        """The action closes the current link first; the one-current-parent rule holds after it."""


class PersonnelCreateForm(ActionForm):
    class Meta:
        model = Personnel
        fields = PERSONNEL_FORM_FIELDS

    def perform(self, data: dict[str, Any]) -> models.Model:
        return personnel_create(actor=self.actor, **{name: data[name] for name in PERSONNEL_FORM_FIELDS})


class PersonnelChangeForm(ActionForm):
    reason = forms.CharField(max_length=500, required=False, label=_("reason for the change"))

    class Meta:
        model = Personnel
        fields = PERSONNEL_FORM_FIELDS

    def perform(self, data: dict[str, Any]) -> models.Model:
        stored = Personnel.objects.get(pk=self.instance.pk)
        changes = {name: data[name] for name in PERSONNEL_FORM_FIELDS}
        return personnel_update(personnel=stored, actor=self.actor, reason=data["reason"], **changes)


class PostingForm(ActionForm):
    class Meta:
        model = Posting
        fields = ["personnel", "unit", "designation", "is_head", "valid_from", "order_ref"]
        labels = {"valid_from": _("effective from")}

    def perform(self, data: dict[str, Any]) -> models.Model:
        return posting_transfer(personnel=data["personnel"], unit=data["unit"], effective=data["valid_from"],
                                designation=data["designation"], is_head=data["is_head"],
                                order_ref=data["order_ref"], actor=self.actor)  # fmt: skip

    def validate_constraints(self) -> None:
        """The transfer ends the current posting (and head post) first; the constraints hold after it."""


@admin.register(Rank)
class RankAdmin(RegistryAdmin):
    list_display = ["code", "name", "name_ur", "bps", "seniority"]


@admin.register(Unit)
class UnitAdmin(ActionAdmin):
    add_form = UnitCreateForm
    list_display = ["code", "name", "name_ur", "kind", "head_title", "established_on", "abolished_on"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_ur"]


@admin.register(UnitParent)
class UnitParentAdmin(ActionAdmin):
    add_form = UnitMoveForm
    list_display = ["unit", "parent", "valid_from", "valid_to", "order_ref"]
    list_select_related = ["unit", "parent"]
    search_fields = ["unit__name", "unit__code", "parent__name", "order_ref"]
    autocomplete_fields = ["unit", "parent"]


@admin.register(Personnel)
class PersonnelAdmin(ActionAdmin):
    add_form = PersonnelCreateForm
    change_form = PersonnelChangeForm
    list_display = ["personnel_id", "name", "name_ur", "rank", "belt_no", "status"]
    list_filter = ["status", "rank"]
    list_select_related = ["rank"]
    search_fields = ["personnel_id", "name", "name_ur", "belt_no"]


@admin.register(Posting)
class PostingAdmin(ActionAdmin):
    add_form = PostingForm
    list_display = ["personnel", "unit", "designation", "is_head", "valid_from", "valid_to", "order_ref"]
    list_filter = ["is_head"]
    list_select_related = ["personnel__rank", "unit"]
    search_fields = ["personnel__personnel_id", "personnel__name", "unit__code", "unit__name", "order_ref"]
    autocomplete_fields = ["personnel", "unit"]
