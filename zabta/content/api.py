"""REST endpoints: take an item in (any monitoring integration) and read the items in one's scope."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from zabta.content.actions import IntakeError, ItemInput, item_ingest
from zabta.content.capture import capture_url
from zabta.content.fetch import FetchRefused
from zabta.content.models import Channel, ContentItem
from zabta.content.selectors import can_take_in, items_visible_to
from zabta.content.serializers import ItemIn, ItemOut


class ContentItemViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[ContentItem]):
    serializer_class = ItemOut

    def get_queryset(self) -> QuerySet[ContentItem]:
        return items_visible_to(self.request.user).prefetch_related("media__evidence").select_related("author")

    @extend_schema(request=ItemIn, responses={201: ItemOut, 200: ItemOut})
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        if not can_take_in(request.user):
            raise PermissionDenied
        incoming = ItemIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        d = incoming.validated_data
        data = ItemInput(url=d["url"], platform=d["platform"], account_handle=d["account"],
                         author_personnel_id=d["author"], author_link_reason=d["author_reason"], kind=d["kind"],
                         original_url=d["original_url"], posted_at=d["posted_at"], text=d["text"], views=d["views"],
                         likes=d["likes"], followers=d["followers"])  # fmt: skip
        try:
            if d["capture"] and d["url"]:
                result = capture_url(url=d["url"], actor=request.user, base=data)
            else:
                result = item_ingest(data=data, actor=request.user, channel=Channel.API)
        except (IntakeError, FetchRefused) as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(ItemOut(result.item).data, status=code)
