"""In-app channel: the stored notification is the delivery; shown on the inbox page and in the navbar count."""

from zabta.notifications.channels import Reach
from zabta.notifications.models import Notification
from zabta.notifications.recipients import Recipient


class InAppChannel:
    name = "in_app"
    immediate = True

    def reach(self, recipient: Recipient) -> Reach:
        if recipient.user_id is not None:
            return Reach(address=f"user:{recipient.user_id}")
        if recipient.personnel_id is not None:
            # Kept for the officer: he sees it once a login is created for him.
            return Reach(address=f"personnel:{recipient.personnel_id}")
        return Reach(reason="no login account")

    def deliver(self, notification: Notification) -> str:
        return ""


CHANNEL = InAppChannel()
