"""The menu entry of the bank pages, for the roles that may read the banks."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zabta.banks.selectors import can_read_banks


def banks_nav(user: Any) -> list[tuple[str, Any]]:
    return [(reverse("banks:list"), _("Hash banks"))] if can_read_banks(user) else []
