"""REST endpoints of the hash banks: the banks a reader may see, and a file looked up in all of them."""

from typing import Any

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from zabta.banks.actions import BankError
from zabta.banks.matching import match_fingerprint
from zabta.banks.selectors import banks_visible_to, banks_with_counts, can_read_banks
from zabta.banks.uploads import fingerprint_upload


class BankOut(serializers.Serializer[Any]):
    name = serializers.CharField()
    kind = serializers.CharField()
    description = serializers.CharField()
    pdq_threshold = serializers.IntegerField()
    entries = serializers.IntegerField()


class MatchIn(serializers.Serializer[Any]):
    file = serializers.FileField()


class MatchOut(serializers.Serializer[Any]):
    kind = serializers.CharField()
    sha256 = serializers.CharField()
    matches = serializers.ListField(
        child=serializers.DictField(),
        help_text="bank, kind, entry, label, distance, how (sha256, pdq, vpdq, frame), "
        "case_ref; timecode, query_percent and target_percent for videos; account and validity for approved media",
    )


def _readable(request: Request) -> None:
    if not can_read_banks(request.user):
        raise PermissionDenied


class BankListView(APIView):
    @extend_schema(responses=BankOut(many=True))
    def get(self, request: Request) -> Response:
        _readable(request)
        rows = [
            {"name": b.name, "kind": b.kind, "description": b.description, "pdq_threshold": b.pdq_threshold,
             "entries": b.active_entries}
            for b in banks_with_counts(request.user)
        ]  # fmt: skip
        return Response(BankOut(rows, many=True).data)


class BankMatchView(APIView):
    """Look an uploaded picture, video or audio file up in every bank (multipart field `file`); nothing is kept."""

    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": MatchIn}, responses={200: MatchOut})
    def post(self, request: Request) -> Response:
        _readable(request)
        given = MatchIn(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            fingerprint = fingerprint_upload(given.validated_data["file"])
        except BankError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        hits = match_fingerprint(fingerprint, list(banks_visible_to(request.user)))
        body = {"kind": fingerprint.kind, "sha256": fingerprint.sha256, "matches": [h.to_dict() for h in hits]}
        return Response(body)
