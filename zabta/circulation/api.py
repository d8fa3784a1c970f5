"""REST endpoints of circulation, scoped through zabta.circulation.scopes; each change calls one action."""

import hmac
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from zabta.circulation import actions
from zabta.circulation.models import Circulation, Receipt
from zabta.circulation.scopes import (
    circulations_visible_to,
    dashboard_roots,
    dashboard_unit_ids,
    get_circulation_for_user,
    get_dashboard_unit,
    receipts_visible_to,
    units_user_may_circulate_to,
)
from zabta.circulation.selectors import acknowledgement_rates, outstanding_personnel
from zabta.circulation.serializers import (
    CirculationIn,
    CirculationOut,
    OutstandingOut,
    ReceiptOut,
    SmsReplyIn,
    UnitRateOut,
)
from zabta.org.actions import InvalidTransition
from zabta.org.models import Unit
from zabta.policy.models import DirectiveVersion


class CirculationViewSet(viewsets.ReadOnlyModelViewSet[Circulation]):
    serializer_class = CirculationOut
    queryset = Circulation.objects.none()  # names the model for the schema; reads go through get_queryset

    def get_queryset(self) -> QuerySet[Circulation]:
        return circulations_visible_to(self.request.user)

    @extend_schema(request=CirculationIn, responses={201: CirculationOut})
    def create(self, request: Request) -> Response:
        data = CirculationIn(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        unit = units_user_may_circulate_to(request.user).filter(pk=fields.pop("unit")).first()
        version = DirectiveVersion.objects.filter(pk=fields.pop("version")).first()
        if unit is None or version is None:
            raise ValidationError({"detail": "unknown unit or version, or a unit you do not command"})
        circulation = _call(actions.circulation_create, version=version, unit=unit, actor=request.user, **fields)
        return Response(CirculationOut(circulation).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=UnitRateOut(many=True))
    @action(detail=True)
    def rates(self, request: Request, pk: str) -> Response:
        """Acknowledgement rates rolled up the unit tree from the top units the caller sees (?unit=<id> to start lower)."""
        circulation = get_circulation_for_user(request.user, int(pk))
        visible = dashboard_unit_ids(request.user, circulation)
        requested = request.query_params.get("unit", "")
        if requested and (not requested.isdigit() or int(requested) not in visible):
            raise Http404("No such unit in your scope")
        rows = [row for root in dashboard_roots(visible, requested)
                for row in acknowledgement_rates(circulation, root=root, visible=visible)]  # fmt: skip
        return Response(UnitRateOut(rows, many=True).data)

    @extend_schema(responses=OutstandingOut(many=True))
    @action(detail=True)
    def outstanding(self, request: Request, pk: str) -> Response:
        """Serving officers (under ?unit=<id>, default all the caller sees) who have not acknowledged."""
        circulation, visible, unit = self._scoped(request, pk)
        page = self.paginate_queryset(outstanding_personnel(circulation, unit=unit, visible=visible))  # type: ignore[arg-type]
        return self.get_paginated_response(OutstandingOut(page, many=True).data)

    @extend_schema(request=None, responses=CirculationOut)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        circulation = get_circulation_for_user(request.user, int(pk))
        return Response(
            CirculationOut(_call(actions.circulation_close, circulation=circulation, actor=request.user)).data
        )

    def _scoped(self, request: Request, pk: str) -> tuple[Circulation, set[int], Unit]:
        circulation = get_circulation_for_user(request.user, int(pk))
        visible = dashboard_unit_ids(request.user, circulation)
        raw = request.query_params.get("unit", str(circulation.unit_id))
        return circulation, visible, get_dashboard_unit(visible, raw)


class ReceiptViewSet(viewsets.ReadOnlyModelViewSet[Receipt]):
    """Directive receipts of officers in scope (and one's own): whether and when each acknowledged."""

    serializer_class = ReceiptOut

    def get_queryset(self) -> QuerySet[Receipt]:
        receipts = receipts_visible_to(self.request.user).order_by("-delivered_at", "-id")
        for name in ("version", "personnel"):
            value = self.request.query_params.get(name, "")
            if value.isdigit():
                receipts = receipts.filter(**{f"{name}_id": int(value)})
        return receipts

    @extend_schema(request=None, responses=ReceiptOut)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str) -> Response:
        """The signed-in officer acknowledges his own copy."""
        receipt = self.get_object()
        return Response(ReceiptOut(_call(actions.acknowledge_in_web, receipt=receipt, actor=request.user)).data)


class SmsReplyView(APIView):
    """Inbound SMS from the gateway ("ACK 1234 5678"), authenticated with ZABTA_SMS_INBOUND_TOKEN."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(request=SmsReplyIn, responses={200: ReceiptOut})
    def post(self, request: Request) -> Response:
        expected = settings.ZABTA_SMS_INBOUND_TOKEN
        if not expected:
            return Response({"detail": "SMS replies are not configured (ZABTA_SMS_INBOUND_TOKEN)"}, status=503)
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return Response({"detail": "bad gateway token"}, status=401)
        raw = request.data if isinstance(request.data, dict) else {}
        data = SmsReplyIn(data={"sender": raw.get("from", ""), "message": raw.get("message", "")})
        data.is_valid(raise_exception=True)
        try:
            receipt = actions.acknowledge_by_sms_reply(phone=data.validated_data["sender"],
                                                       text=data.validated_data["message"])  # fmt: skip
        except (actions.AckRejected, InvalidTransition) as exc:
            return Response({"detail": str(exc)}, status=422)
        return Response(ReceiptOut(receipt).data)


def _call(function: Any, **kwargs: Any) -> Any:
    """Run an action; its refusals become 403 (not permitted) or 400 (wrong state)."""
    try:
        return function(**kwargs)
    except actions.NotPermitted as exc:
        raise PermissionDenied(str(exc)) from exc
    except InvalidTransition as exc:
        raise ValidationError({"detail": str(exc)}) from exc
