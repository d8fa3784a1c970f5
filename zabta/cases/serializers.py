"""API schemas of cases: one for output, one for input."""

from typing import Any

from rest_framework import serializers

from zabta.cases.models import Case, Escalation, Notice, Recheck


class NoticeOut(serializers.ModelSerializer[Notice]):
    class Meta:
        model = Notice
        fields = ["id", "issued_at", "acknowledged_at", "clock_rule", "deadline", "text_en", "text_ur"]


class RecheckOut(serializers.ModelSerializer[Recheck]):
    class Meta:
        model = Recheck
        fields = ["checked_at", "method", "outcome", "detail", "screenshot_sha256"]


class EscalationOut(serializers.ModelSerializer[Escalation]):
    unit = serializers.CharField(source="unit.code")
    head = serializers.CharField(source="head.personnel_id", default=None)

    class Meta:
        model = Escalation
        fields = ["level", "unit", "head", "opened_at", "due_at", "acted_at", "lapsed_at"]


class CaseOut(serializers.ModelSerializer[Case]):
    officer = serializers.CharField(source="officer.personnel_id", default=None)
    responsible_unit = serializers.CharField(source="responsible_unit.code")
    clauses = serializers.SerializerMethodField()
    directive = serializers.CharField(source="directive_version.reference_number")

    class Meta:
        model = Case
        fields = ["id", "reference", "source", "status", "officer", "account_handle", "platform", "content_url",
                  "content_sha256", "posted_at", "captured_at", "clauses", "directive", "severity",
                  "severity_reasons", "responsible_unit", "removal_deadline", "content_removed_at",
                  "escalation_level", "action_due_at", "finding_refs", "opened_at"]  # fmt: skip

    def get_clauses(self, case: Case) -> list[str]:
        return [c.key for c in case.clauses.all()]


class CaseDetailOut(CaseOut):
    notices = NoticeOut(many=True, read_only=True)
    rechecks = RecheckOut(many=True, read_only=True)
    escalations = EscalationOut(many=True, read_only=True)

    class Meta(CaseOut.Meta):
        fields = [*CaseOut.Meta.fields, "notices", "rechecks", "escalations"]


class CaseIn(serializers.Serializer[dict[str, Any]]):
    personnel_id = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    account_handle = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    unit_code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    clause_keys = serializers.ListField(child=serializers.CharField(max_length=40), min_length=1, max_length=9)
    platform = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    content_url = serializers.URLField(max_length=2000, required=False, allow_blank=True, default="")
    content_text = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    posted_at = serializers.DateTimeField()
    captured_at = serializers.DateTimeField()
    followers = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    views = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    report_text = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
