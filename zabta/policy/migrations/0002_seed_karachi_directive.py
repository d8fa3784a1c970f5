"""Load the seed directive (Karachi Range, 20-09-2024) from its JSON document; re-running is a no-op."""

from typing import Any

from django.db import migrations

from zabta.policy.documents import SEED_DIR, read_document, store_document

SEED_FILE = SEED_DIR / "karachi-range-2024-09-20.json"


def load_seed(apps: Any, schema_editor: Any) -> None:
    doc, sha256 = read_document(SEED_FILE)
    store_document(
        doc,
        sha256,
        directive_model=apps.get_model("policy", "Directive"),
        version_model=apps.get_model("policy", "DirectiveVersion"),
        clause_model=apps.get_model("policy", "Clause"),
    )


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]
    operations = [migrations.RunPython(load_seed, migrations.RunPython.noop)]
