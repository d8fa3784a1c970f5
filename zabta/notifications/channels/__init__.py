"""Channel backends behind one small interface and one registry dict.

A channel says where it would reach a recipient, or why it cannot ("SMS gateway not configured", "no phone
number"), and delivers one stored notification, raising DeliveryError on failure.
"""

from dataclasses import dataclass
from typing import Protocol

from zabta.notifications.models import Notification
from zabta.notifications.recipients import Recipient


class DeliveryError(Exception):
    """The channel could not deliver; `permanent` failures are not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Reach:
    """The address a channel would use, or (address "") the reason it cannot reach the recipient."""

    address: str = ""
    reason: str = ""


class Channel(Protocol):
    name: str
    immediate: bool  # delivered by being stored (in-app): no background task

    def reach(self, recipient: Recipient) -> Reach: ...

    def deliver(self, notification: Notification) -> str:
        """Send it; returns the provider's message id ("" when there is none)."""
        ...


def registry() -> dict[str, Channel]:
    from zabta.notifications.channels import email, in_app, sms

    return {"in_app": in_app.CHANNEL, "email": email.CHANNEL, "sms": sms.CHANNEL}


def get_channel(name: str) -> Channel:
    channels = registry()
    if name not in channels:
        raise ValueError(f"unknown notification channel {name!r}; known: {sorted(channels)}")
    return channels[name]
