"""REST endpoints of prior approval; reads through the approval selectors, changes through its actions."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from zabta.accounts_registry.api_errors import run
from zabta.accounts_registry.web import signed_in
from zabta.approvals import actions
from zabta.approvals.models import ApprovalRequest
from zabta.approvals.selectors import accounts_user_may_request_for, decision_queue, requests_visible_to
from zabta.approvals.serializers import DecideIn, ReasonIn, RequestIn, RequestOut, ResubmitIn
from zabta.approvals.uploads import MAX_FILES, MB, limits


class TooLarge(APIException):
    status_code = 413
    default_detail = "The upload is too large."
    default_code = "too_large"


def _refuse_big_bodies(request: Request) -> None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_FILES * max(limits().values()) + MB:
        raise TooLarge


def _valid(serializer_class: Any, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ApprovalRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[ApprovalRequest]):
    serializer_class = RequestOut
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self) -> QuerySet[ApprovalRequest]:
        return requests_visible_to(self.request.user).prefetch_related("media", "decisions__decided_by")

    @extend_schema(request={"multipart/form-data": RequestIn}, responses={201: RequestOut})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _refuse_big_bodies(request)
        data = _valid(RequestIn, request)
        account = get_object_or_404(accounts_user_may_request_for(request.user), pk=data["account_id"])
        created = run(lambda: actions.request_submit(
            requester=signed_in(request), account=account, caption=data["caption"], purpose=data["purpose"],
            planned_for=data["planned_for"], files=data["media"]))  # fmt: skip
        return Response(RequestOut(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DecideIn, responses=RequestOut)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str) -> Response:
        approval = self.get_object()
        data = _valid(DecideIn, request)
        done = run(lambda: actions.request_decide(request=approval, actor=signed_in(request), **data))
        return Response(RequestOut(done).data)

    @extend_schema(request={"multipart/form-data": ResubmitIn}, responses=RequestOut)
    @action(detail=True, methods=["post"])
    def resubmit(self, request: Request, pk: str) -> Response:
        _refuse_big_bodies(request)
        approval = self.get_object()
        data = _valid(ResubmitIn, request)
        done = run(lambda: actions.request_resubmit(
            request=approval, actor=signed_in(request), caption=data["caption"], purpose=data["purpose"],
            planned_for=data["planned_for"], files=data["media"]))  # fmt: skip
        return Response(RequestOut(done).data)

    @extend_schema(request=ReasonIn, responses=RequestOut)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        approval = self.get_object()
        data = _valid(ReasonIn, request)
        done = run(lambda: actions.request_withdraw(request=approval, actor=signed_in(request), reason=data["reason"]))
        return Response(RequestOut(done).data)

    @extend_schema(responses=RequestOut(many=True))
    @action(detail=False, methods=["get"])
    def queue(self, request: Request) -> Response:
        """Requests awaiting the caller's decision, the nearest deadline first."""
        page = self.paginate_queryset(decision_queue(request.user).prefetch_related("media", "decisions"))
        return self.get_paginated_response(RequestOut(page, many=True).data)
