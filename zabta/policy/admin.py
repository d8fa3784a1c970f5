"""Admin for directives: read-only, since a directive changes only by loading a new version as data."""

from django.contrib import admin

from zabta.policy.models import Clause, Directive, DirectiveVersion
from zabta.web.admin_site import RegistryAdmin


@admin.register(Directive)
class DirectiveAdmin(RegistryAdmin):
    list_display = ["code", "title", "issuing_office"]
    search_fields = ["code", "title", "title_ur"]


@admin.register(DirectiveVersion)
class DirectiveVersionAdmin(RegistryAdmin):
    list_display = ["directive", "version", "reference_number", "issued_on", "effective_from", "effective_to"]
    list_select_related = ["directive"]


@admin.register(Clause)
class ClauseAdmin(RegistryAdmin):
    list_display = ["key", "number", "kind", "default_severity", "time_limit_days", "version"]
    list_filter = ["kind", "default_severity", "version"]
    list_select_related = ["version__directive"]
    search_fields = ["key", "text", "text_ur"]
