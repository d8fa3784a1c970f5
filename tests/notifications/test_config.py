"""Notification settings from the environment: Django 6.1 MAILERS, gateway URLs checked, bad values fail loudly."""

from pathlib import Path

import pytest

from zabta.env import ConfigError
from zabta.notifications.config import UNCONFIGURED_BACKEND, email_configured, http_url, mailers_from_env


def test_no_smtp_host_means_e_mail_is_not_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZABTA_EMAIL_HOST", raising=False)
    assert mailers_from_env() == {"default": {"BACKEND": UNCONFIGURED_BACKEND}}
    assert email_configured() is False


def test_smtp_mailer_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "smtp-password"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("ZABTA_EMAIL_HOST", "smtp.police.example")
    monkeypatch.setenv("ZABTA_EMAIL_SECURITY", "ssl")
    monkeypatch.setenv("ZABTA_EMAIL_USER", "zabta")
    monkeypatch.setenv("ZABTA_EMAIL_PASSWORD_FILE", str(secret))
    mailer = mailers_from_env()["default"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {"host": "smtp.police.example", "port": 465, "username": "zabta", "password": "s3cret",
                                 "use_tls": False, "use_ssl": True, "timeout": 10}  # fmt: skip


@pytest.mark.parametrize(("name", "value"), [("ZABTA_EMAIL_SECURITY", "tls1.0"), ("ZABTA_EMAIL_PORT", "smtp")])
def test_bad_mail_settings_fail_loudly(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv("ZABTA_EMAIL_HOST", "smtp.police.example")
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError):
        mailers_from_env()


@pytest.mark.parametrize("value", ["ftp://gw.example/send", "javascript:alert(1)", "gw.example/send", "http://"])
def test_gateway_url_must_be_http(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ZABTA_SMS_GATEWAY_URL", value)
    with pytest.raises(ConfigError):
        http_url("ZABTA_SMS_GATEWAY_URL")


def test_gateway_url_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZABTA_SMS_GATEWAY_URL", "https://sms.example/api/send/")
    assert http_url("ZABTA_SMS_GATEWAY_URL") == "https://sms.example/api/send"
    monkeypatch.delenv("ZABTA_SMS_GATEWAY_URL")
    assert http_url("ZABTA_SMS_GATEWAY_URL") == ""
