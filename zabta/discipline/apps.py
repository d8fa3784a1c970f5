"""Django app configuration for disciplinary proceedings (stages, penalties, documents)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisciplineConfig(AppConfig):
    name = "zabta.discipline"
    verbose_name = _("Disciplinary proceedings")
