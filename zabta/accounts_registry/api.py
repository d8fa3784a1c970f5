"""REST endpoints of the social account registry; reads through the selectors, changes through the actions."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from zabta.access.models import Role
from zabta.access.scopes import get_unit_for_user, personnel_visible_to
from zabta.accounts_registry import actions
from zabta.accounts_registry.api_errors import run
from zabta.accounts_registry.lookup import lookup_account
from zabta.accounts_registry.models import Custodian, DiscoveredAccount, OfficialAccount, PersonalAccount
from zabta.accounts_registry.selectors import (
    discovered_accounts_visible_to,
    may_review_accounts,
    official_accounts_visible_to,
    own_personal_accounts,
    units_where,
)
from zabta.accounts_registry.serializers import (
    AccountIn,
    AppointIn,
    CustodianOut,
    DiscoveredAccountOut,
    LinkIn,
    LookupIn,
    LookupOut,
    OfficialAccountIn,
    OfficialAccountOut,
    PersonalAccountOut,
    ReasonIn,
    RemoveIn,
)
from zabta.accounts_registry.web import signed_in
from zabta.org.models import Personnel


def _officer(request: Request, personnel_id: str) -> Personnel:
    officer = personnel_visible_to(request.user).filter(personnel_id=personnel_id.strip()).first()
    if officer is None:
        raise PermissionDenied("no officer with that id in your scope")
    return officer


def _valid(serializer_class: Any, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class OfficialAccountViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[OfficialAccount]):
    serializer_class = OfficialAccountOut

    def get_queryset(self) -> QuerySet[OfficialAccount]:
        return official_accounts_visible_to(self.request.user)

    @extend_schema(request=OfficialAccountIn, responses={201: OfficialAccountOut})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _valid(OfficialAccountIn, request)
        unit = get_unit_for_user(request.user, data.pop("unit_id"))
        account = run(lambda: actions.official_account_register(actor=signed_in(request), unit=unit, **data))
        return Response(OfficialAccountOut(account).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AppointIn, responses={200: CustodianOut(many=True), 201: CustodianOut})
    @action(detail=True, methods=["get", "post"])
    def custodians(self, request: Request, pk: str) -> Response:
        account = self.get_object()
        if request.method == "GET":
            rows = account.custodians.select_related("personnel").order_by("-appointed_on", "-id")
            return Response(CustodianOut(rows, many=True).data)
        data = _valid(AppointIn, request)
        officer = _officer(request, data["personnel_id"])
        custodian = run(lambda: actions.custodian_appoint(actor=signed_in(request), account=account, personnel=officer,
                                                          on=data["on"]))  # fmt: skip
        return Response(CustodianOut(custodian).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RemoveIn, responses=CustodianOut)
    @action(detail=True, methods=["post"], url_path="custodians/remove")
    def remove_custodian(self, request: Request, pk: str) -> Response:
        account = self.get_object()
        data = _valid(RemoveIn, request)
        custodian = get_object_or_404(Custodian, pk=data["custodian_id"], account=account)
        done = run(lambda: actions.custodian_remove(actor=signed_in(request), custodian=custodian, on=data["on"],
                                                    reason=data["reason"]))  # fmt: skip
        return Response(CustodianOut(done).data)


class PersonalAccountViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[PersonalAccount]):
    """The caller's own declared accounts (self-service)."""

    serializer_class = PersonalAccountOut

    def get_queryset(self) -> QuerySet[PersonalAccount]:
        return own_personal_accounts(self.request.user).order_by("platform", "handle_key")

    @extend_schema(request=AccountIn, responses={201: PersonalAccountOut})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _valid(AccountIn, request)
        account = run(lambda: actions.personal_account_declare(actor=signed_in(request), **data))
        return Response(PersonalAccountOut(account).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReasonIn, responses=PersonalAccountOut)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        account = self.get_object()
        data = _valid(ReasonIn, request)
        done = run(
            lambda: actions.personal_account_withdraw(actor=signed_in(request), account=account, reason=data["reason"])
        )
        return Response(PersonalAccountOut(done).data)


class DiscoveredAccountViewSet(viewsets.ReadOnlyModelViewSet[DiscoveredAccount]):
    serializer_class = DiscoveredAccountOut

    def get_queryset(self) -> QuerySet[DiscoveredAccount]:
        return discovered_accounts_visible_to(self.request.user).order_by("-discovered_at", "id")

    @extend_schema(request=LinkIn, responses=DiscoveredAccountOut)
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk: str) -> Response:
        account = self.get_object()
        data = _valid(LinkIn, request)
        officer = _officer(request, data["personnel_id"])
        done = run(lambda: actions.discovered_account_link(actor=signed_in(request), account=account, personnel=officer,
                                                           confidence=data["confidence"], reason=data["reason"]))  # fmt: skip
        return Response(DiscoveredAccountOut(done).data)


class LookupView(APIView):
    """What the registry says of an account; names only what the caller's scope allows."""

    @extend_schema(parameters=[LookupIn], responses=LookupOut)
    def get(self, request: Request) -> Response:
        if not (may_review_accounts(request.user) or units_where(request.user, Role.UNIT_HEAD, Role.MEDIA_TEAM)):
            raise PermissionDenied
        query = LookupIn(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = lookup_account(query.validated_data["platform"], query.validated_data["handle"])
        visible = personnel_visible_to(request.user)
        account = found.official_account
        shown = account is not None and official_accounts_visible_to(request.user).filter(pk=account.pk).exists()
        officer = found.personnel if found.personnel and visible.filter(pk=found.personnel.pk).exists() else None
        data = {
            "kind": str(found.kind), "platform": found.platform, "handle_key": found.handle_key,
            "official_account_id": account.pk if account else None, "unit_id": found.unit.pk if found.unit else None,
            "custodians": [c.personnel_id for c in found.custodians] if shown else [],
            "personnel_id": officer.personnel_id if officer else None, "confidence": found.confidence,
        }  # fmt: skip
        return Response(LookupOut(data).data)
