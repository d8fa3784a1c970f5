"""Input and output schemas of the approval API (never one schema for both directions)."""

from rest_framework import serializers

from zabta.approvals.models import ApprovalDecision, ApprovalMedia, ApprovalRequest, Decision


class MediaOut(serializers.ModelSerializer[ApprovalMedia]):
    class Meta:
        model = ApprovalMedia
        fields = ["id", "original_name", "content_type", "size", "sha256", "round"]


class DecisionOut(serializers.ModelSerializer[ApprovalDecision]):
    decided_by = serializers.CharField(source="decided_by.username")

    class Meta:
        model = ApprovalDecision
        fields = ["step", "authority_unit_id", "decided_by", "decision", "reason", "decided_at"]


class RequestOut(serializers.ModelSerializer[ApprovalRequest]):
    requester = serializers.CharField(source="requester.username")
    media = MediaOut(many=True, read_only=True)
    decisions = DecisionOut(many=True, read_only=True)

    class Meta:
        model = ApprovalRequest
        fields = ["id", "account_id", "requester", "caption", "purpose", "planned_for", "status", "route", "step",
                  "current_unit_id", "due_at", "submitted_at", "decided_at", "valid_until", "media", "decisions"]  # fmt: skip


class RequestIn(serializers.Serializer[object]):
    account_id = serializers.IntegerField()
    caption = serializers.CharField(max_length=2200, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=1000)
    planned_for = serializers.DateTimeField()
    media = serializers.ListField(child=serializers.FileField(), max_length=6, help_text="1 to 5 pictures or videos")


class ResubmitIn(serializers.Serializer[object]):
    caption = serializers.CharField(max_length=2200, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=1000)
    planned_for = serializers.DateTimeField()
    media = serializers.ListField(child=serializers.FileField(), max_length=6, required=False, default=list)


class DecideIn(serializers.Serializer[object]):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(max_length=2000)


class ReasonIn(serializers.Serializer[object]):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
