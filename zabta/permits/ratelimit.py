"""Rate limiting of the public permit form: per submitting address (kept only as a keyed hash) and per account."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from zabta.permits.models import PermitApplication

WINDOW = timedelta(hours=1)


class RateLimited(Exception):
    """Too many applications from one address or account in the last hour."""


def per_hour() -> int:
    return int(settings.ZABTA_PERMIT_APPLICATIONS_PER_HOUR)


def client_key_for(address: str) -> str:
    """A keyed hash of the client's address: equal addresses compare equal, the address itself is not stored."""
    return hmac.new(str(settings.SECRET_KEY).encode(), address.encode(), hashlib.sha256).hexdigest()


def check_rate(*, client_key: str, applicant_user_id: int | None) -> None:
    """Raise RateLimited when this address or account has applied `per_hour()` times within the last hour."""
    since = timezone.now() - WINDOW
    who = Q(client_key=client_key) if client_key else Q(pk__in=[])
    if applicant_user_id is not None:
        who |= Q(applicant_user_id=applicant_user_id)
    if PermitApplication.objects.filter(who, submitted_at__gte=since).count() >= per_hour():
        raise RateLimited
