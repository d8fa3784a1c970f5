"""Admin: premises assets and permit applications, read-only (they change only through zabta.permits.actions).

An applicant's CNIC and phone are left out: they are shown only to the competent authority deciding the permit.
"""

from django.contrib import admin

from zabta.permits.models import PermitApplication, PremisesAsset
from zabta.web.admin_site import RegistryAdmin


@admin.register(PremisesAsset)
class PremisesAssetAdmin(RegistryAdmin):
    list_display = ["unit", "kind", "name", "registration_no", "active"]
    list_filter = ["kind", "active"]
    list_select_related = ["unit"]
    search_fields = ["name", "registration_no", "unit__code"]


@admin.register(PermitApplication)
class PermitApplicationAdmin(RegistryAdmin):
    list_display = ["number", "unit", "asset", "platform", "starts_on", "ends_on", "status", "submitted_at"]
    list_filter = ["status", "platform"]
    list_select_related = ["unit", "asset"]
    search_fields = ["number", "unit__code"]
    exclude = ["cnic", "phone", "applicant_name"]
