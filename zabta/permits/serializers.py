"""Input and output schemas of the permit API; the public ones carry no personal data."""

from rest_framework import serializers

from zabta.accounts_registry.models import Platform
from zabta.permits.models import PermitApplication


class ApplyIn(serializers.Serializer[object]):
    applicant_name = serializers.CharField(max_length=120)
    cnic = serializers.CharField(max_length=20)
    phone = serializers.CharField(max_length=40)
    purpose = serializers.CharField(max_length=1000)
    platform = serializers.ChoiceField(choices=Platform.choices)
    unit_id = serializers.IntegerField()
    asset_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    crew_size = serializers.IntegerField(min_value=1, max_value=50)


class ApplyOut(serializers.ModelSerializer[PermitApplication]):
    """What the applicant gets back: the status token is his only key to the application."""

    class Meta:
        model = PermitApplication
        fields = ["id", "status", "status_token", "submitted_at"]


class ApplicationOut(serializers.ModelSerializer[PermitApplication]):
    class Meta:
        model = PermitApplication
        fields = ["id", "applicant_name", "phone", "purpose", "platform", "unit_id", "asset_id", "starts_on",
                  "ends_on", "crew_size", "submitted_at", "status", "number", "conditions", "decision_reason",
                  "decided_at", "revoked_at", "revoke_reason", "verify_token"]  # fmt: skip


class VerifyOut(serializers.Serializer[object]):
    number = serializers.CharField(allow_null=True)
    validity = serializers.CharField()
    premises = serializers.CharField()
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)


class ApproveIn(serializers.Serializer[object]):
    conditions = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReasonIn(serializers.Serializer[object]):
    reason = serializers.CharField(max_length=2000)
