"""Background tasks of notifications: they take ids and call the actions."""

from django.tasks import task

from zabta.notifications.actions import deliver, due_for_retry, release_stale_claims


@task()
def deliver_notifications(notification_ids: list[int]) -> dict[str, int]:
    outcome: dict[str, int] = {}
    for notification_id in notification_ids:
        result = deliver(notification_id=notification_id)
        outcome[result] = outcome.get(result, 0) + 1
    return outcome


@task()
def retry_notifications() -> dict[str, int]:
    """Scheduled (e.g. every minute): retries after back-off and after a crashed worker."""
    release_stale_claims()
    return dict(deliver_notifications.call(notification_ids=due_for_retry()))
