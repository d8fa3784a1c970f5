"""Reads of directives: which version and clause was in force at a moment."""

from datetime import datetime

from zabta.policy.models import Clause, DirectiveVersion


def directive_versions_in_force(at: datetime) -> list[DirectiveVersion]:
    return list(DirectiveVersion.objects.in_force(at).select_related("directive").prefetch_related("clauses"))


def clause_in_force(key: str, at: datetime) -> Clause | None:
    """The clause with this stable key in the version in force at `at` (e.g. when content was posted)."""
    versions = DirectiveVersion.objects.in_force(at)
    return Clause.objects.filter(version__in=versions, key=key).select_related("version__directive").first()


def all_directive_versions() -> list[DirectiveVersion]:
    return list(DirectiveVersion.objects.select_related("directive").prefetch_related("clauses"))
