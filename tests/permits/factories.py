"""Permit applications made through the real action, with valid defaults a test can override."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from tests.conftest import Cast
from zabta.permits.actions import permit_apply
from zabta.permits.models import PermitApplication


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def valid_fields(cast: Cast, **overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "applicant_name": "Ayesha Khan", "cnic": "42101-1234567-3", "phone": "+92 300 1234567",
        "purpose": "Documentary on women police officers", "platform": "youtube", "unit": cast.ps_kia,
        "asset": None, "starts_on": in_days(5), "ends_on": in_days(6), "crew_size": 3, "client_key": "k1",
    }  # fmt: skip
    fields.update(overrides)
    return fields


def applied(cast: Cast, **overrides: Any) -> PermitApplication:
    return permit_apply(**valid_fields(cast, **overrides))
