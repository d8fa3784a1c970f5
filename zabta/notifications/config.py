"""Notification settings read from the environment: Django 6.1 MAILERS for e-mail, the SMS gateway, public links.

Imported by zabta/settings.py before Django is set up, so it uses only zabta.env.
"""

from typing import Any
from urllib.parse import urlsplit

from zabta.env import ConfigError, env_int, env_str

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# No SMTP host configured: the e-mail channel reports "e-mail not configured" and sends nothing.
UNCONFIGURED_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
SECURITY_MODES = ("none", "starttls", "ssl")


def http_url(name: str, default: str = "") -> str:
    """An http(s) URL with a host, or "" when unset; anything else is a configuration error."""
    raw = env_str(name, default).strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{name}={raw!r} is not an http(s) URL with a host")
    return raw.rstrip("/")


def mailers_from_env() -> dict[str, dict[str, Any]]:
    """The MAILERS setting: SMTP when ZABTA_EMAIL_HOST is set, otherwise a backend that sends nothing."""
    host = env_str("ZABTA_EMAIL_HOST", "").strip()
    if not host:
        return {"default": {"BACKEND": UNCONFIGURED_BACKEND}}
    security = env_str("ZABTA_EMAIL_SECURITY", "starttls").strip().lower()
    if security not in SECURITY_MODES:
        raise ConfigError(f"ZABTA_EMAIL_SECURITY={security!r} must be one of {', '.join(SECURITY_MODES)}")
    options: dict[str, Any] = {
        "host": host,
        "port": env_int("ZABTA_EMAIL_PORT", 465 if security == "ssl" else 587, minimum=1),
        "username": env_str("ZABTA_EMAIL_USER", ""),
        "password": env_str("ZABTA_EMAIL_PASSWORD", ""),
        "use_tls": security == "starttls",
        "use_ssl": security == "ssl",
        "timeout": env_int("ZABTA_EMAIL_TIMEOUT_SECONDS", 10, minimum=1),
    }
    return {"default": {"BACKEND": SMTP_BACKEND, "OPTIONS": options}}


def email_configured() -> bool:
    return bool(env_str("ZABTA_EMAIL_HOST", "").strip())
