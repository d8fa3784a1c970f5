"""Validation and loading of directive documents (JSON), shared by the seed migration and the command."""

import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

SEED_DIR = Path(__file__).resolve().parent / "data" / "directives"
SEVERITIES = {"low", "medium", "high", "critical"}
KINDS = {
    "media_police_identifiers", "identity_mockery", "views", "official_platforms", "premises_use",
    "removal_deadline", "sanctions", "enforcement", "circulation", "other",
}  # fmt: skip
REQUIRED = ("code", "title", "version", "reference_number", "issued_on", "effective_from", "issuing_office",
            "full_text", "clauses")  # fmt: skip


class DirectiveDataError(ValueError):
    """A directive document is malformed; the message says where."""


def read_document(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_bytes()
        doc = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DirectiveDataError(
            _("cannot read directive file %(path)s: %(err)s") % {"path": path, "err": exc}
        ) from exc
    if not isinstance(doc, dict):
        raise DirectiveDataError(_("directive file must hold one JSON object"))
    validate_document(doc)
    return doc, hashlib.sha256(raw).hexdigest()


def validate_document(doc: dict[str, Any]) -> None:
    missing = [name for name in REQUIRED if doc.get(name) in (None, "", [])]
    if missing:
        raise DirectiveDataError(_("directive is missing: %(fields)s") % {"fields": ", ".join(missing)})
    if type(doc["version"]) is not int or doc["version"] < 1:
        raise DirectiveDataError(_("version must be a positive integer"))
    try:
        date.fromisoformat(doc["issued_on"])
        if datetime.fromisoformat(doc["effective_from"]).tzinfo is None:
            raise DirectiveDataError(_("effective_from must include a UTC offset"))
    except (TypeError, ValueError) as exc:
        raise DirectiveDataError(_("bad date in directive: %(err)s") % {"err": exc}) from exc
    _validate_clauses(doc["clauses"])
    if not isinstance(doc.get("screening_rules", []), list):
        raise DirectiveDataError(_("screening_rules must be a list"))


def _validate_clauses(clauses: Any) -> None:
    if not isinstance(clauses, list):
        raise DirectiveDataError(_("clauses must be a list"))
    seen: set[str] = set()
    for index, clause in enumerate(clauses, start=1):
        where = _("clause %(n)d") % {"n": index}
        if not isinstance(clause, dict) or not clause.get("key") or not clause.get("text"):
            raise DirectiveDataError(_("%(where)s needs a key and a text") % {"where": where})
        if clause["key"] in seen:
            raise DirectiveDataError(_("%(where)s repeats the key %(key)s") % {"where": where, "key": clause["key"]})
        seen.add(clause["key"])
        if clause.get("kind") not in KINDS:
            raise DirectiveDataError(
                _("%(where)s has an unknown kind %(kind)r") % {"where": where, "kind": clause.get("kind")}
            )
        if clause.get("default_severity") not in SEVERITIES:
            raise DirectiveDataError(_("%(where)s has an unknown severity") % {"where": where})
        limit = clause.get("time_limit_days")
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            raise DirectiveDataError(_("%(where)s has a bad time limit") % {"where": where})


def version_fields(doc: dict[str, Any], sha256: str) -> dict[str, Any]:
    return {
        "reference_number": doc["reference_number"],
        "issued_on": date.fromisoformat(doc["issued_on"]),
        "effective_from": datetime.fromisoformat(doc["effective_from"]),
        "addressees": doc.get("addressees", []),
        "full_text": doc["full_text"],
        "parameters": doc.get("parameters", {}),
        "screening_rules": doc.get("screening_rules", []),
        "source_sha256": sha256,
    }


def clause_fields(clause: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": clause["key"],
        "number": str(clause.get("number", "")),
        "kind": clause["kind"],
        "text": clause["text"],
        "text_ur": clause.get("text_ur", ""),
        "default_severity": clause["default_severity"],
        "time_limit_days": clause.get("time_limit_days"),
    }


def store_document(
    doc: dict[str, Any], sha256: str, *, directive_model: Any, version_model: Any, clause_model: Any
) -> Any:
    """Write a validated document; works with real models and with a migration's historical ones."""
    directive, _created = directive_model.objects.get_or_create(
        code=doc["code"],
        defaults={"title": doc["title"], "title_ur": doc.get("title_ur", ""), "issuing_office": doc["issuing_office"]},
    )
    existing = version_model.objects.filter(directive=directive, version=doc["version"]).first()
    if existing is not None:
        if existing.source_sha256 == sha256:
            return existing  # re-loading the same file is a no-op
        raise DirectiveDataError(
            _("%(code)s version %(v)s already exists with other content; give the new text a new version number")
            % {"code": doc["code"], "v": doc["version"]}
        )
    fields = version_fields(doc, sha256)
    later = version_model.objects.filter(directive=directive, version__gt=doc["version"]).exists()
    if later:
        raise DirectiveDataError(_("a later version of %(code)s is already loaded") % {"code": doc["code"]})
    version_model.objects.filter(directive=directive, effective_to__isnull=True).update(
        effective_to=fields["effective_from"]
    )
    version = version_model.objects.create(directive=directive, version=doc["version"], **fields)
    clause_model.objects.bulk_create([clause_model(version=version, **clause_fields(c)) for c in doc["clauses"]])
    return version
