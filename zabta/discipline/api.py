"""REST endpoints for proceedings: read scoped by the selectors; each step through the same handlers as the pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from zabta.cases.errors import CaseInputError, InvalidTransition
from zabta.discipline.models import Proceeding, ProceedingDocument
from zabta.discipline.selectors import proceedings_visible_to
from zabta.discipline.views import ACCUSED_ACTIONS, INQUIRY_ACTIONS, MANAGER_ACTIONS, is_accused, is_manager


class DocumentOut(serializers.ModelSerializer[ProceedingDocument]):
    class Meta:
        model = ProceedingDocument
        fields = ["id", "kind", "language", "reference", "sha256", "created_at"]


class ProceedingOut(serializers.ModelSerializer[Proceeding]):
    officer = serializers.CharField(source="officer.personnel_id")
    unit = serializers.CharField(source="unit.code")
    case = serializers.CharField(source="case.reference", default=None)
    documents = DocumentOut(many=True, read_only=True)

    class Meta:
        model = Proceeding
        fields = ["id", "reference", "case", "officer", "unit", "stage", "suspended_at", "reinstated_at",
                  "charge_kind", "allegations", "reply_due_at", "replied_at", "reported_at", "heard_at",
                  "recommended_penalty", "recommendation_reasons", "priors", "penalty", "departure_reason",
                  "ordered_at", "appeal_due_at", "appealed_at", "appeal_decision", "final_penalty", "final_at",
                  "documents"]  # fmt: skip


class StepIn(serializers.Serializer[dict[str, Any]]):
    step = serializers.ChoiceField(choices=sorted({*MANAGER_ACTIONS, *ACCUSED_ACTIONS, *INQUIRY_ACTIONS}))


class ProceedingViewSet(viewsets.ReadOnlyModelViewSet[Proceeding]):
    serializer_class = ProceedingOut

    def get_queryset(self) -> QuerySet[Proceeding]:
        return proceedings_visible_to(self.request.user).prefetch_related("documents").order_by("-opened_at", "-id")

    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: str) -> Response:
        """Take the next step: {"step": "charge", "kind": "show_cause", "allegations": "...", ...}."""
        proceeding = self.get_object()
        incoming = StepIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        name = incoming.validated_data["step"]
        handler = (
            (MANAGER_ACTIONS.get(name) if is_manager(request.user, proceeding) else None)
            or (ACCUSED_ACTIONS.get(name) if is_accused(request.user, proceeding) else None)
            or (INQUIRY_ACTIONS.get(name) if proceeding.inquiry_officer_id == request.user.pk else None)
        )
        if handler is None:
            raise PermissionDenied
        try:
            handler(request, proceeding)
        except (InvalidTransition, CaseInputError, ValueError) as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ProceedingOut(Proceeding.objects.get(pk=proceeding.pk)).data)
