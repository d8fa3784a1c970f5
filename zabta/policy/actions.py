"""State changes of directives: loading a new directive or a new version."""

from pathlib import Path
from typing import Any

from django.db import transaction

from zabta.audit.actions import record
from zabta.policy.documents import read_document, store_document
from zabta.policy.models import Clause, Directive, DirectiveVersion


def directive_load(*, path: Path, actor: Any) -> DirectiveVersion:
    """Load a directive JSON file as a new directive or version; audited."""
    doc, sha256 = read_document(path)
    with transaction.atomic():
        before_ids = set(DirectiveVersion.objects.filter(directive__code=doc["code"]).values_list("id", flat=True))
        version: DirectiveVersion = store_document(
            doc, sha256, directive_model=Directive, version_model=DirectiveVersion, clause_model=Clause
        )
        if version.id not in before_ids:
            record(
                actor=actor,
                action="policy.directive_version.loaded",
                obj=version,
                after={"code": doc["code"], "version": doc["version"], "sha256": sha256,
                       "clauses": [c["key"] for c in doc["clauses"]]},
            )  # fmt: skip
    return version
