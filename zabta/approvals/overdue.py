"""Approval requests left undecided past their due time: remind the authority and tell the next one up.

A sweep claims each overdue step with a conditional UPDATE, so two workers never remind twice; a request that
moves on to its next step gets a new due time and can be reminded again for that step.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import F, Q

from zabta.approvals.models import ApprovalRequest, RequestStatus
from zabta.approvals.notify import notify_overdue
from zabta.audit.actions import record
from zabta.org.tree import load_tree


def overdue_requests(now: datetime) -> list[ApprovalRequest]:
    """Pending requests past their due time whose current step has not been reminded yet."""
    not_reminded = Q(overdue_reminded_at__isnull=True) | Q(overdue_reminded_at__lt=F("due_at"))
    rows = ApprovalRequest.objects.filter(status=RequestStatus.PENDING, due_at__lt=now, current_unit__isnull=False)
    return list(rows.filter(not_reminded).select_related("account__unit", "current_unit").order_by("due_at", "pk"))


def remind_overdue(*, now: datetime) -> int:
    """Remind each overdue step once: its authority, and the authority of the unit above it. Returns how many."""
    tree = load_tree(now.date())
    reminded = 0
    for request in overdue_requests(now):
        with transaction.atomic():
            claimed = ApprovalRequest.objects.filter(
                Q(overdue_reminded_at__isnull=True) | Q(overdue_reminded_at__lt=F("due_at")),
                pk=request.pk, status=RequestStatus.PENDING, step=request.step, due_at=request.due_at,
            ).update(overdue_reminded_at=now)  # fmt: skip
            if claimed != 1:
                continue
            unit_id = request.current_unit_id or 0  # never 0: the query excludes requests with no current unit
            above = next(iter(tree.ancestors(unit_id)), None)
            told = notify_overdue(request, above_unit_id=above)
            record(actor="system", action="approvals.request.overdue_reminded", obj=request,
                   after={"step": request.step, "due_at": request.due_at, "authority_unit": unit_id,
                          "escalated_to_unit": above, "recipients": told})  # fmt: skip
            reminded += 1
    return reminded
