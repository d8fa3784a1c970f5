"""REST endpoint telling the caller who he is and which roles he holds."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from zabta.access.models import RoleGrant


class RoleOut(serializers.Serializer[RoleGrant]):
    role = serializers.CharField()
    unit_id = serializers.IntegerField(allow_null=True)


class MeOut(serializers.Serializer[object]):
    username = serializers.CharField()
    personnel_id = serializers.IntegerField(allow_null=True)
    roles = RoleOut(many=True)


class MeView(APIView):
    @extend_schema(responses=MeOut)
    def get(self, request: Request) -> Response:
        user = request.user
        grants = RoleGrant.objects.active().filter(user_id=user.pk or 0)
        data = {"username": user.get_username(), "personnel_id": getattr(user, "personnel_id", None),
                "roles": [{"role": g.role, "unit_id": g.unit_id} for g in grants]}  # fmt: skip
        return Response(MeOut(data).data)
