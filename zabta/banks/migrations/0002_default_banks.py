"""Fill the three standard banks (removed, approved, reference) so `zabta bank add removed FILE` works at once."""

from typing import Any

from django.db import migrations

DEFAULTS = (
    ("removed", "removed", "Media ordered down; re-uploads become findings that point at the earlier case."),
    ("approved", "approved", "Media approved for one official account within its validity."),
    ("reference", "reference", "The department's own official media."),
)


def fill(apps: Any, schema_editor: Any) -> None:
    bank = apps.get_model("banks", "Bank")
    for name, kind, description in DEFAULTS:
        bank.objects.get_or_create(name=name, defaults={"kind": kind, "description": description})


class Migration(migrations.Migration):
    dependencies = [("banks", "0001_initial")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
