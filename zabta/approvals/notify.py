"""Who hears about an approval request, through zabta.notifications (in-app and e-mail, English or Urdu).

Called inside the action's transaction; delivery happens after it commits.
"""

from django.conf import settings
from django.urls import reverse

from zabta.access.models import Role, User
from zabta.approvals.models import ApprovalRequest
from zabta.notifications.actions import send

CHANNELS = ("in_app", "email")


def _link(request: ApprovalRequest) -> str:
    return f"{settings.ZABTA_PUBLIC_BASE_URL}{reverse('approvals:request_detail', args=[request.pk])}"


def _context(request: ApprovalRequest) -> dict[str, object]:
    return {"number": request.pk, "account": str(request.account), "unit": request.account.unit.name,
            "planned_for": request.planned_for, "due_at": request.due_at, "status": request.get_status_display(),
            "valid_until": request.valid_until,
            "authority": request.current_unit.name if request.current_unit else ""}  # fmt: skip


def authorities_of(unit_id: int) -> list[User]:
    """Users holding the competent-authority role over exactly this unit (routing names units step by step)."""
    users = User.objects.filter(role_grants__role=Role.COMPETENT_AUTHORITY, role_grants__unit_id=unit_id,
                                role_grants__revoked_at__isnull=True, is_active=True)  # fmt: skip
    return list(users.distinct().select_related("personnel"))


def notify_awaiting(request: ApprovalRequest) -> int:
    """The competent authority of the current step has a request to decide."""
    if request.current_unit_id is None:
        return 0
    authorities = [u for u in authorities_of(request.current_unit_id) if u.pk != request.requester_id]
    for user in authorities:
        send(recipient=user, template="approval_awaiting", context=_context(request), channels=CHANNELS,
             link=_link(request), actor="system")  # fmt: skip
    return len(authorities)


def notify_decided(request: ApprovalRequest) -> None:
    """The requester hears the outcome: approved (with validity), rejected, or returned for changes."""
    send(recipient=request.requester, template="approval_decided", context=_context(request), channels=CHANNELS,
         link=_link(request), actor="system")  # fmt: skip


def notify_overdue(request: ApprovalRequest, *, above_unit_id: int | None) -> int:
    """The authority of the overdue step is reminded; the authority of the unit above hears it is late."""
    told = 0
    for template, unit_id in (("approval_overdue", request.current_unit_id), ("approval_overdue_above", above_unit_id)):
        if unit_id is None:
            continue
        for user in authorities_of(unit_id):
            if user.pk == request.requester_id:
                continue
            send(recipient=user, template=template, context=_context(request), channels=CHANNELS,
                 link=_link(request), actor="system")  # fmt: skip
            told += 1
    return told
