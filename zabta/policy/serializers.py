"""Output schemas of the directive API."""

from rest_framework import serializers

from zabta.policy.models import Clause, DirectiveVersion


class ClauseOut(serializers.ModelSerializer[Clause]):
    class Meta:
        model = Clause
        fields = ["key", "number", "kind", "text", "text_ur", "default_severity", "time_limit_days"]


class DirectiveVersionOut(serializers.ModelSerializer[DirectiveVersion]):
    code = serializers.CharField(source="directive.code")
    title = serializers.CharField(source="directive.title")
    clauses = ClauseOut(many=True)

    class Meta:
        model = DirectiveVersion
        fields = ["id", "code", "title", "version", "reference_number", "issued_on", "effective_from", "effective_to",
                  "addressees", "parameters", "clauses"]  # fmt: skip
