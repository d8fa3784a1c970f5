"""Background tasks of circulation: they take ids (or nothing, for sweeps) and call the actions."""

from django.tasks import task

from zabta.circulation.actions import circulation_deliver, deliver_to_newcomers, escalate_overdue, send_reminders
from zabta.circulation.models import Circulation


@task()
def deliver_circulation(circulation_id: int) -> int:
    return circulation_deliver(circulation=Circulation.objects.select_related("version__directive", "unit")
                               .get(pk=circulation_id))  # fmt: skip


@task()
def circulation_sweep() -> dict[str, int]:
    """Scheduled (`zabta circulation sweep`, e.g. every 15 minutes): newcomers, reminders, escalations."""
    return {
        "delivered": deliver_to_newcomers(),
        "reminded": send_reminders(),
        "escalated": escalate_overdue(),
    }
