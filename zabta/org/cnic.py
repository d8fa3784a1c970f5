"""CNIC (Pakistani national identity card number) parsing and masking."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CNIC = re.compile(r"^(\d{5})-?(\d{7})-?(\d)$")


def normalise_cnic(raw: str) -> str:
    """Return the 13 digits of a CNIC written as 12345-1234567-1 or 1234512345671; '' stays ''."""
    value = raw.strip()
    if not value:
        return ""
    match = _CNIC.match(value)
    if match is None:
        raise ValidationError(_("CNIC must be 13 digits, written 12345-1234567-1"), code="cnic")
    return "".join(match.groups())


def format_cnic(digits: str) -> str:
    return f"{digits[:5]}-{digits[5:12]}-{digits[12]}" if len(digits) == 13 else digits


def mask_cnic(digits: str) -> str:
    """Show only the district prefix and the check digit: 42101-*******-3."""
    return f"{digits[:5]}-*******-{digits[12]}" if len(digits) == 13 else ""
