"""Django app configuration for content intake."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "zabta.content"
    label = "content"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Content intake")
