"""Fixtures shared by the notification and circulation tests: fake SMS gateway and SMTP server in settings, immediate tasks."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.notifications.fakes import SmsGatewayState, SmtpState, fake_sms_gateway, fake_smtp_server

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def sms_gateway(settings: Any) -> Iterator[SmsGatewayState]:
    with fake_sms_gateway() as (url, state):
        settings.ZABTA_SMS_GATEWAY_URL = url
        settings.ZABTA_SMS_GATEWAY_TOKEN = "gateway-secret"
        yield state


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpState]:
    with fake_smtp_server() as (port, state):
        settings.ZABTA_EMAIL_ENABLED = True
        settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5}}}  # fmt: skip
        yield state
