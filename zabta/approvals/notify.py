"""Hook point through which this app's workflow events will notify people.

zabta.notifications (issue 6, part A) has not landed yet; until it does, events are only logged here. Switching
over means changing this one function: every action already calls it inside its transaction.
"""

import logging

from django.db import models

logger = logging.getLogger("zabta.notifications")


def notify(*, event: str, obj: models.Model) -> None:
    """Announce a workflow event about an object (called inside the action's transaction)."""
    logger.info("notification event %s for %s #%s (zabta.notifications not installed: not delivered)", event,
                obj._meta.label_lower, obj.pk)  # fmt: skip
