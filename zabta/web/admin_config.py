"""The admin app configuration that makes `django.contrib.admin.site` Zabta's own admin site."""

from django.contrib.admin.apps import AdminConfig


class ZabtaAdminConfig(AdminConfig):
    """Listed in INSTALLED_APPS instead of django.contrib.admin; every app's admin.py registers on this site."""

    default_site = "zabta.web.admin_site.ZabtaAdminSite"
