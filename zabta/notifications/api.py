"""REST endpoint of the caller's own in-app notifications."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from zabta.notifications.actions import mark_read
from zabta.notifications.models import Notification
from zabta.notifications.selectors import inbox_of


class NotificationOut(serializers.ModelSerializer[Notification]):
    class Meta:
        model = Notification
        fields = ["id", "template", "language", "subject", "body", "link", "created_at", "read_at"]


class NotificationViewSet(viewsets.ReadOnlyModelViewSet[Notification]):
    serializer_class = NotificationOut

    def get_queryset(self) -> QuerySet[Notification]:
        return inbox_of(self.request.user)

    @extend_schema(request=None, responses=NotificationOut)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str) -> Response:
        notification = self.get_object()
        mark_read(notification=notification)
        notification.refresh_from_db()
        return Response(NotificationOut(notification).data)
