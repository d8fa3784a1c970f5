"""Notification test fixtures (defined in fixtures.py, shared with tests/circulation)."""

from tests.notifications.fixtures import immediate_tasks, sms_gateway, smtp_server

__all__ = ["immediate_tasks", "sms_gateway", "smtp_server"]
