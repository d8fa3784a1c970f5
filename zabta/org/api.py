"""REST endpoints for units and personnel, scoped through the access helpers."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from rest_framework import viewsets

from zabta.access.scopes import personnel_visible_to, units_visible_to
from zabta.org.models import Personnel, Posting, Unit
from zabta.org.serializers import PersonnelOut, UnitOut
from zabta.org.tree import load_tree


class UnitViewSet(viewsets.ReadOnlyModelViewSet[Unit]):
    serializer_class = UnitOut

    def get_queryset(self) -> QuerySet[Unit]:
        return units_visible_to(self.request.user).order_by("code")

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "parent_of": load_tree().parent_of}


class PersonnelViewSet(viewsets.ReadOnlyModelViewSet[Personnel]):
    serializer_class = PersonnelOut

    def get_queryset(self) -> QuerySet[Personnel]:
        current = Prefetch("postings", Posting.objects.filter(valid_to__isnull=True), to_attr="current_postings")
        queryset = personnel_visible_to(self.request.user).select_related("rank").prefetch_related(current)
        query = self.request.query_params.get("q", "").strip()
        if query:
            queryset = queryset.filter(name__icontains=query) | queryset.filter(personnel_id=query)
        return queryset.order_by("name", "id")
