"""Input and output schemas of the registry API (never one schema for both directions)."""

from rest_framework import serializers

from zabta.accounts_registry.models import Custodian, DiscoveredAccount, OfficialAccount, PersonalAccount, Platform


class CustodianOut(serializers.ModelSerializer[Custodian]):
    personnel_id = serializers.CharField(source="personnel.personnel_id")

    class Meta:
        model = Custodian
        fields = ["id", "personnel_id", "appointed_on", "removed_on", "removal_reason"]


class OfficialAccountOut(serializers.ModelSerializer[OfficialAccount]):
    class Meta:
        model = OfficialAccount
        fields = ["id", "platform", "handle", "handle_key", "url", "display_name", "unit_id", "verified",
                  "registered_at"]  # fmt: skip


class AccountIn(serializers.Serializer[object]):
    platform = serializers.ChoiceField(choices=Platform.choices)
    handle = serializers.CharField(max_length=300)
    url = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class OfficialAccountIn(AccountIn):
    unit_id = serializers.IntegerField()
    display_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    verified = serializers.BooleanField(required=False, default=False)


class AppointIn(serializers.Serializer[object]):
    personnel_id = serializers.CharField(max_length=40)
    on = serializers.DateField()


class RemoveIn(serializers.Serializer[object]):
    custodian_id = serializers.IntegerField()
    on = serializers.DateField()
    reason = serializers.CharField(max_length=300)


class PersonalAccountOut(serializers.ModelSerializer[PersonalAccount]):
    class Meta:
        model = PersonalAccount
        fields = ["id", "platform", "handle", "handle_key", "url", "declared_at"]


class ReasonIn(serializers.Serializer[object]):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DiscoveredAccountOut(serializers.ModelSerializer[DiscoveredAccount]):
    personnel_id = serializers.CharField(source="personnel.personnel_id", allow_null=True, default=None)

    class Meta:
        model = DiscoveredAccount
        fields = ["id", "platform", "handle_key", "url", "display_name", "source", "discovered_at", "personnel_id",
                  "confidence", "link_reason"]  # fmt: skip


class LinkIn(serializers.Serializer[object]):
    personnel_id = serializers.CharField(max_length=40)
    confidence = serializers.IntegerField(min_value=0, max_value=100)
    reason = serializers.CharField(max_length=500)


class LookupIn(serializers.Serializer[object]):
    platform = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    handle = serializers.CharField(max_length=500)


class LookupOut(serializers.Serializer[object]):
    kind = serializers.CharField()
    platform = serializers.CharField()
    handle_key = serializers.CharField()
    official_account_id = serializers.IntegerField(allow_null=True)
    unit_id = serializers.IntegerField(allow_null=True)
    custodians = serializers.ListField(child=serializers.CharField(), help_text="personnel ids, if in your scope")
    personnel_id = serializers.CharField(allow_null=True, help_text="the officer, if in your scope")
    confidence = serializers.IntegerField(allow_null=True)
