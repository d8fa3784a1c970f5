"""REST endpoints of the review queue: list (scoped, filtered), claim, decide."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from zabta.review.actions import ReviewError, finding_claim, finding_decide
from zabta.review.models import Finding
from zabta.review.selectors import QUEUE_FILTERS, can_review, findings_visible_to, get_finding_for_user, review_queue
from zabta.review.serializers import DecisionIn, FindingOut


class FindingViewSet(viewsets.ReadOnlyModelViewSet[Finding]):
    serializer_class = FindingOut

    def get_queryset(self) -> QuerySet[Finding]:
        if self.action == "list" and self.request.query_params.get("queue"):
            params = {k: str(self.request.query_params.get(k, "")) for k in QUEUE_FILTERS}
            return review_queue(self.request.user, params)
        return findings_visible_to(self.request.user).select_related("claimed_by", "decided_by").order_by("-id")

    def _reviewable(self, request: Request, pk: str | None) -> Finding:
        if not can_review(request.user):
            raise PermissionDenied
        return get_finding_for_user(request.user, int(pk or 0))

    @extend_schema(request=None, responses=FindingOut)
    @action(detail=True, methods=["post"])
    def claim(self, request: Request, pk: str | None = None) -> Response:
        try:
            found = finding_claim(finding=self._reviewable(request, pk), actor=request.user)
        except ReviewError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return Response(FindingOut(found).data)

    @extend_schema(request=DecisionIn, responses=FindingOut)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        found = self._reviewable(request, pk)
        incoming = DecisionIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            decided = finding_decide(finding=found, actor=request.user, **incoming.validated_data)
        except ReviewError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return Response(FindingOut(decided).data)
