"""REST endpoints for cases and the dashboard, scoped through the selectors; actions go through action functions."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from zabta.cases.actions import case_open
from zabta.cases.dashboard import dashboard_for
from zabta.cases.errors import CaseInputError, InvalidTransition
from zabta.cases.models import Case
from zabta.cases.permissions import can_manage, can_open_cases
from zabta.cases.removal import notice_acknowledge, notice_issue, removal_mark
from zabta.cases.selectors import cases_visible_to, is_subject_of
from zabta.cases.serializers import CaseDetailOut, CaseIn, CaseOut
from zabta.cases.views import _open_arguments


def _refused(error: Exception) -> Response:
    return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Case]):
    serializer_class = CaseOut

    def get_queryset(self) -> QuerySet[Case]:
        queryset = cases_visible_to(self.request.user).prefetch_related("clauses").order_by("-opened_at", "-id")
        wanted = self.request.query_params.get("status", "")
        return queryset.filter(status=wanted) if wanted else queryset

    def get_serializer_class(self) -> Any:
        return CaseDetailOut if self.action == "retrieve" else CaseOut

    def create(self, request: Request) -> Response:
        if not can_open_cases(request.user):
            raise PermissionDenied
        incoming = CaseIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            case = case_open(actor=request.user, **_open_arguments(request.user, dict(incoming.validated_data)))
        except CaseInputError as error:
            return _refused(error)
        return Response(CaseDetailOut(case).data, status=status.HTTP_201_CREATED)

    def _act(self, request: Request, allowed: Callable[[Any, Case], bool], run: Callable[[Case], Any]) -> Response:
        case = self.get_object()
        if not allowed(request.user, case):
            raise PermissionDenied
        try:
            run(case)
        except (InvalidTransition, CaseInputError) as error:
            return _refused(error)
        return Response(CaseDetailOut(Case.objects.get(pk=case.pk)).data)

    @action(detail=True, methods=["post"])
    def notice(self, request: Request, pk: str) -> Response:
        return self._act(request, can_manage, lambda case: notice_issue(case=case, actor=request.user))

    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str) -> Response:
        def run(case: Case) -> None:
            notice = case.notices.first()
            if notice is None:
                raise InvalidTransition("no notice to acknowledge")
            notice_acknowledge(notice=notice, actor=request.user)

        return self._act(request, is_subject_of, run)

    @action(detail=True, methods=["post"], url_path="mark-removed")
    def mark_removed(self, request: Request, pk: str) -> Response:
        return self._act(request, is_subject_of, lambda case: removal_mark(case=case, actor=request.user))


class DashboardView(APIView):
    def get(self, request: Request) -> Response:
        rows = dashboard_for(request.user)
        return Response([
            {"unit": r.unit.code, "depth": r.depth, "open_cases": r.figures.open_cases, "overdue": r.figures.overdue,
             "escalated": r.figures.escalated, "lapses": r.figures.lapses,
             "median_days_to_action": r.figures.median_days_to_action, "repeat_offenders": len(r.figures.repeat),
             "unacknowledged_officers": len(r.figures.unacknowledged)}
            for r in rows
        ])  # fmt: skip
