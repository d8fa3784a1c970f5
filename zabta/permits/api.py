"""REST endpoints of premises permits: public application and verification, the authority's decisions."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from zabta.accounts_registry.api_errors import run
from zabta.accounts_registry.web import signed_in
from zabta.permits import actions
from zabta.permits.models import PermitApplication
from zabta.permits.ratelimit import RateLimited, client_key_for
from zabta.permits.selectors import (
    application_by_token,
    applications_visible_to,
    permit_queue,
    public_assets,
    public_premises,
)
from zabta.permits.serializers import ApplicationOut, ApplyIn, ApplyOut, ApproveIn, ReasonIn, VerifyOut


def _valid(serializer_class: Any, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PermitApplicationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[PermitApplication]):
    """POST is public (the application form); everything else is for the authorities, within their scope."""

    serializer_class = ApplicationOut

    def get_permissions(self) -> list[BasePermission]:
        return [AllowAny()] if self.action == "create" else [IsAuthenticated()]

    def get_queryset(self) -> QuerySet[PermitApplication]:
        return applications_visible_to(self.request.user)

    @extend_schema(request=ApplyIn, responses={201: ApplyOut}, auth=[])
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _valid(ApplyIn, request)
        unit = public_premises().filter(pk=data.pop("unit_id")).first()
        asset_id = data.pop("asset_id")
        asset = public_assets().filter(pk=asset_id).first() if asset_id else None
        if unit is None or (asset_id and asset is None):
            return Response({"detail": [_("Choose the police premises from the list.")]}, status=400)
        user = request.user if request.user.is_authenticated else None
        try:
            created = run(lambda: actions.permit_apply(unit=unit, asset=asset, applicant_user=user,
                          client_key=client_key_for(request.META.get("REMOTE_ADDR", "")), **data))  # fmt: skip
        except RateLimited as exc:
            raise Throttled(detail=_("Too many applications from your connection in the last hour.")) from exc
        return Response(ApplyOut(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ApplicationOut(many=True))
    @action(detail=False, methods=["get"])
    def queue(self, request: Request) -> Response:
        page = self.paginate_queryset(permit_queue(request.user))
        return self.get_paginated_response(ApplicationOut(page, many=True).data)

    @extend_schema(request=ApproveIn, responses=ApplicationOut)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        application, data = self.get_object(), _valid(ApproveIn, request)
        done = run(lambda: actions.permit_approve(application=application, actor=signed_in(request), **data))
        return Response(ApplicationOut(done).data)

    @extend_schema(request=ReasonIn, responses=ApplicationOut)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        application, data = self.get_object(), _valid(ReasonIn, request)
        done = run(lambda: actions.permit_reject(application=application, actor=signed_in(request), **data))
        return Response(ApplicationOut(done).data)

    @extend_schema(request=ReasonIn, responses=ApplicationOut)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str) -> Response:
        application, data = self.get_object(), _valid(ReasonIn, request)
        done = run(lambda: actions.permit_revoke(application=application, actor=signed_in(request), **data))
        return Response(ApplicationOut(done).data)


class PermitVerifyView(APIView):
    """Public: what the QR code's link says, as data. Validity, premises and dates only."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(responses=VerifyOut, auth=[])
    def get(self, request: Request, token: str) -> Response:
        permit = application_by_token(verify_token=token[:64])
        issued = permit.number is not None
        data = {"number": permit.number, "validity": str(permit.validity_on(timezone.localdate())),
                "premises": permit.premises_label() if issued else "", "starts_on": permit.starts_on if issued else None,
                "ends_on": permit.ends_on if issued else None}  # fmt: skip
        return Response(VerifyOut(data).data)
