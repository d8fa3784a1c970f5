"""Admin: the social media account registry, read-only (it changes only through zabta.accounts_registry.actions)."""

from django.contrib import admin

from zabta.accounts_registry.models import Custodian, Declaration, DiscoveredAccount, OfficialAccount, PersonalAccount
from zabta.web.admin_site import RegistryAdmin


@admin.register(OfficialAccount)
class OfficialAccountAdmin(RegistryAdmin):
    list_display = ["platform", "handle", "display_name", "unit", "verified", "registered_at"]
    list_filter = ["platform", "verified"]
    list_select_related = ["unit"]
    search_fields = ["handle_key", "display_name", "unit__code", "unit__name"]


@admin.register(Custodian)
class CustodianAdmin(RegistryAdmin):
    list_display = ["account", "personnel", "appointed_on", "removed_on", "removal_reason"]
    list_filter = ["account__platform"]
    list_select_related = ["account", "personnel"]
    search_fields = ["personnel__personnel_id", "personnel__name", "account__handle_key"]
    raw_id_fields = ["personnel", "account"]


@admin.register(PersonalAccount)
class PersonalAccountAdmin(RegistryAdmin):
    list_display = ["personnel", "platform", "handle", "declared_at", "withdrawn_at"]
    list_filter = ["platform"]
    list_select_related = ["personnel"]
    search_fields = ["personnel__personnel_id", "personnel__name", "handle_key"]
    raw_id_fields = ["personnel"]


@admin.register(Declaration)
class DeclarationAdmin(RegistryAdmin):
    list_display = ["personnel", "declared_at", "holds_none"]
    list_select_related = ["personnel"]
    search_fields = ["personnel__personnel_id", "personnel__name"]
    raw_id_fields = ["personnel"]


@admin.register(DiscoveredAccount)
class DiscoveredAccountAdmin(RegistryAdmin):
    list_display = ["platform", "handle", "source", "discovered_at", "personnel", "confidence", "linked_at"]
    list_filter = ["platform"]
    list_select_related = ["personnel"]
    search_fields = ["handle_key", "display_name", "personnel__personnel_id", "personnel__name"]
    raw_id_fields = ["personnel"]
