"""Typed API schemas of circulation: inputs and outputs kept apart."""

from typing import Any

from rest_framework import serializers

from zabta.circulation.actions import MAX_DAYS
from zabta.circulation.models import Circulation, Receipt


class CirculationIn(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=1)
    unit = serializers.IntegerField(min_value=1)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
    remind_after_days = serializers.IntegerField(min_value=1, max_value=MAX_DAYS, default=3)
    escalate_after_days = serializers.IntegerField(min_value=1, max_value=MAX_DAYS, default=7)


class CirculationOut(serializers.ModelSerializer[Circulation]):
    version: serializers.StringRelatedField[Any] = serializers.StringRelatedField()
    unit_code = serializers.CharField(source="unit.code")
    circulated_by = serializers.CharField(source="circulated_by.username")

    class Meta:
        model = Circulation
        fields = ["id", "version", "version_id", "unit_id", "unit_code", "note", "status", "remind_after_days",
                  "escalate_after_days", "circulated_by", "circulated_at", "closed_at"]  # fmt: skip


class UnitRateOut(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField(source="unit.id")
    unit_code = serializers.CharField(source="unit.code")
    kind = serializers.CharField(source="unit.kind")
    depth = serializers.IntegerField()
    total = serializers.IntegerField()
    delivered = serializers.IntegerField()
    acknowledged = serializers.IntegerField()
    outstanding = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)


class OutstandingOut(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    personnel_id = serializers.CharField()
    name = serializers.CharField()
    rank = serializers.CharField(source="rank.code")
    delivered_at = serializers.SerializerMethodField()
    reminders_sent = serializers.SerializerMethodField()

    def get_delivered_at(self, officer: Any) -> str | None:
        receipts = officer.version_receipts
        return receipts[0].delivered_at.isoformat() if receipts else None

    def get_reminders_sent(self, officer: Any) -> int:
        receipts = officer.version_receipts
        return receipts[0].reminders_sent if receipts else 0


class ReceiptOut(serializers.ModelSerializer[Receipt]):
    """A copy of a directive and its acknowledgement: the evidence enforcement relies on."""

    version: serializers.StringRelatedField[Any] = serializers.StringRelatedField()
    personnel_code = serializers.CharField(source="personnel.personnel_id")

    class Meta:
        model = Receipt
        fields = ["id", "version", "version_id", "personnel_id", "personnel_code", "circulation_id", "language",
                  "delivered_at", "reminders_sent", "escalated_at", "acknowledged_at", "method", "reference"]  # fmt: skip


class SmsReplyIn(serializers.Serializer[Any]):
    """An inbound SMS as the gateway forwards it: {"from": "+923001234567", "message": "ACK 1234 5678"}."""

    sender = serializers.CharField(max_length=32)
    message = serializers.CharField(max_length=1000, allow_blank=True)
