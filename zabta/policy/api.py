"""REST endpoints for directives: the policy text is readable by every signed-in user."""

from django.db.models import QuerySet
from rest_framework import viewsets

from zabta.policy.models import DirectiveVersion
from zabta.policy.serializers import DirectiveVersionOut


class DirectiveVersionViewSet(viewsets.ReadOnlyModelViewSet[DirectiveVersion]):
    serializer_class = DirectiveVersionOut

    def get_queryset(self) -> QuerySet[DirectiveVersion]:
        return DirectiveVersion.objects.select_related("directive").prefetch_related("clauses")
