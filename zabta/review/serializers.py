"""API schemas of findings: reading the queue and deciding."""

from typing import Any

from rest_framework import serializers

from zabta.review.models import Finding, FindingStatus


class FindingOut(serializers.ModelSerializer[Finding]):
    claimed_by: serializers.StringRelatedField[Any] = serializers.StringRelatedField()
    decided_by: serializers.StringRelatedField[Any] = serializers.StringRelatedField()

    class Meta:
        model = Finding
        fields = ["id", "item", "unit", "directive", "clause_key", "severity", "score", "rule_id", "rationale",
                  "labels", "detectors", "evidence", "language", "platform", "status", "created_at", "claimed_by",
                  "claim_expires_at", "decided_by", "decided_at", "decision_reason"]  # fmt: skip


class DecisionIn(serializers.Serializer[dict[str, Any]]):
    decision = serializers.ChoiceField(choices=[FindingStatus.CONFIRMED, FindingStatus.DISMISSED])
    reason = serializers.CharField(min_length=3, max_length=2000)
