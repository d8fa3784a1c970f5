"""Background tasks of approvals: thin wrappers over the sweeps."""

from django.tasks import task
from django.utils import timezone

from zabta.approvals.overdue import remind_overdue


@task()
def approvals_sweep() -> dict[str, int]:
    """Scheduled with the other sweeps (`zabta circulation sweep`): remind overdue approval steps."""
    return {"overdue_reminded": remind_overdue(now=timezone.now())}
