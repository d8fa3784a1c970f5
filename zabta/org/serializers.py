"""Output schemas of the organisation API (read side; imports have their own input schema)."""

from rest_framework import serializers

from zabta.org.models import Personnel, Unit


class UnitOut(serializers.ModelSerializer[Unit]):
    parent_id = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "name_ur", "kind", "head_title", "parent_id"]

    def get_parent_id(self, unit: Unit) -> int | None:
        parents: dict[int, int] = self.context.get("parent_of", {})
        return parents.get(unit.id)


class PersonnelOut(serializers.ModelSerializer[Personnel]):
    rank = serializers.CharField(source="rank.code")
    bps = serializers.IntegerField(source="rank.bps")
    cnic = serializers.CharField(source="cnic_masked", help_text="masked: 42101-*******-3")
    unit_id = serializers.SerializerMethodField()

    class Meta:
        model = Personnel
        fields = ["id", "personnel_id", "name", "name_ur", "rank", "bps", "belt_no", "cnic", "service_card_no",
                  "status", "unit_id"]  # fmt: skip

    def get_unit_id(self, officer: Personnel) -> int | None:
        postings = getattr(officer, "current_postings", None)
        return postings[0].unit_id if postings else None
