"""Fill the rank table (with BPS grades) from zabta/org/data/ranks.json; re-running updates in place."""

import json
from pathlib import Path
from typing import Any

from django.db import migrations

RANKS_FILE = Path(__file__).resolve().parent.parent / "data" / "ranks.json"


def load_ranks(apps: Any, schema_editor: Any) -> None:
    rank_model = apps.get_model("org", "Rank")
    for row in json.loads(RANKS_FILE.read_text(encoding="utf-8")):
        rank_model.objects.update_or_create(code=row["code"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(load_ranks, migrations.RunPython.noop)]
