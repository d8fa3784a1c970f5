"""Django app configuration for review."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "zabta.review"
    label = "review"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Review")
