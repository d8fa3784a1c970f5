"""One-time acknowledgement codes: an 8-digit code to reply by SMS from a basic phone, and a link token.

Only HMAC-SHA256 digests (keyed with SECRET_KEY) are stored, so a database copy does not let anyone
acknowledge in an officer's name. Codes are valid until used or CODE_VALIDITY passes; a reminder issues a new one
and earlier unexpired codes stay valid.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

CODE_DIGITS = 8
CODE_VALIDITY = timedelta(days=30)
TOKEN_BYTES = 16  # 128 bits: a link cannot be guessed
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class IssuedCode:
    code: str
    token: str
    code_digest: str
    token_digest: str
    issued_at: datetime
    expires_at: datetime


def digest(kind: str, value: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"zabta-ack-{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def issue(now: datetime) -> IssuedCode:
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return IssuedCode(code=code, token=token, code_digest=digest("code", code), token_digest=digest("token", token),
                      issued_at=now, expires_at=now + CODE_VALIDITY)  # fmt: skip


def display_code(code: str) -> str:
    """12345678 -> 1234 5678: easier to read out and to type on a keypad."""
    return f"{code[:4]} {code[4:]}"


def parse_sms_reply(text: str) -> str | None:
    """The code in an SMS reply such as "ACK 1234 5678", "ack 12345678" or "۱۲۳۴۵۶۷۸"; None when there is none."""
    cleaned = (text or "")[:160].translate(_EASTERN_DIGITS)
    digits = re.sub(r"\D", "", cleaned)
    return digits if len(digits) == CODE_DIGITS else None


def valid_token(token: str) -> bool:
    return bool(TOKEN_PATTERN.fullmatch(token or ""))


# Urdu keyboards type Extended Arabic-Indic digits (۰-۹); Arabic-Indic (٠-٩) also occur.
_EASTERN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
